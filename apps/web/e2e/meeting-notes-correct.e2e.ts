import type { CreatedNote, MeetingList, MeetingView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
  USERS,
} from './support/helpers';

// Issue 15, item 1: FK corrects its notes of an avstämningsmöte (the form prefilled, only the
// changed field sent), records who attended, and the correction and the earlier text are
// shown; the patient, on a 360 px phone, reads who attended and the history live, and is
// offered no correction of FK's notes.

const server = useServer();

function future(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(8 + hours, 0, 0, 0);
  return at.toISOString();
}

test('FK corrects a note; the correction, who attended and the history are shown', async ({
  browser,
}) => {
  const fkApi = await apiAs(server.url, 'fk');
  const base = `/workspaces/${fkApi.workspaceId}/meetings`;
  const demo = (await fkApi.call<MeetingList>(base)).meetings[0];
  const invitee = (party: string) =>
    demo?.invitees.find((i) => i.party === party)?.participantId ?? '';
  const title = 'Avstämning med rättade anteckningar';
  const meeting = await fkApi.call<MeetingView>(base, {
    method: 'POST',
    body: JSON.stringify({
      kind: 'AVSTAMNINGSMOTE',
      title,
      participantIds: [invitee('PATIENT'), invitee('EMPLOYER')],
      slots: [{ start: future(10), end: future(10, 1) }],
    }),
  });
  const { note } = await fkApi.call<CreatedNote>(`${base}/${meeting.id}/notes`, {
    method: 'POST',
    body: JSON.stringify({
      situation: 'Anna arbetar 25 % sedan en månad.',
      workCapacity: 'Orkar halvdagar.',
      decisions: ['Prova 50 % från nästa vecka'],
      attendeeParticipantIds: [invitee('PATIENT')],
    }),
  });

  // Anna on her phone: who attended, and no way to correct FK's notes.
  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 800 });
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  const annaCard = anna.page.getByRole('article', { name: title });
  await expect(annaCard.getByTestId('note-attendance')).toHaveText(
    `Närvarande: ${USERS.anna.name}`,
  );
  await expect(annaCard.getByRole('button', { name: 'Rätta anteckningen' })).toHaveCount(0);

  // FK corrects the situation and who attended; the form opens with the note as it is.
  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const card = fk.page.getByRole('article', { name: title });
  await card.getByRole('button', { name: 'Rätta anteckningen' }).click();
  const form = card.getByRole('form', { name: /^Rätta anteckningarna från / });
  await expect(form.getByLabel('Nuläge')).toHaveValue('Anna arbetar 25 % sedan en månad.');
  await expect(form.getByLabel('Arbetsförmåga')).toHaveValue('Orkar halvdagar.');
  await expect(form.getByRole('checkbox', { name: /Anna Andersson/ })).toBeChecked();
  await form.getByLabel('Nuläge').fill('Anna arbetar 50 % sedan en månad.');
  await form.getByRole('checkbox', { name: /Maria Lindqvist/ }).check();
  await form.getByLabel(/Varför rättar du/).fill('Fel grad i nuläget');
  await expectAccessible(fk.page, 'Möten (correcting a note)');

  const sent = fk.page.waitForRequest(
    (request) => request.method() === 'PATCH' && request.url().endsWith(`/notes/${note.id}`),
  );
  await form.getByRole('button', { name: 'Spara rättelsen' }).click();
  // Only what changed is sent: the work capacity and decisions are left alone.
  expect((await sent).postDataJSON()).toEqual({
    version: 1,
    situation: 'Anna arbetar 50 % sedan en månad.',
    attendeeParticipantIds: [invitee('PATIENT'), invitee('EMPLOYER')],
    reason: 'Fel grad i nuläget',
  });
  await expect(card.getByText('Rättelsen sparades.', { exact: false })).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(card.getByText('Anna arbetar 50 % sedan en månad.')).toBeVisible();
  await expect(card.getByTestId('note-corrected')).toContainText(
    `av ${USERS.fk.name} (Försäkringskassan)`,
  );
  await expect(card.getByTestId('note-corrected')).toContainText('Skäl: Fel grad i nuläget');
  await expect(card.getByText('Orkar halvdagar.')).toBeVisible();

  // The history keeps the earlier text.
  await card.getByRole('button', { name: 'Visa tidigare versioner' }).click();
  const earlier = card.getByTestId('note-revision-1');
  await expect(earlier).toContainText('Anna arbetar 25 % sedan en månad.');
  await expect(earlier).toContainText(`Närvarande: ${USERS.anna.name}`);
  await expect(earlier).toContainText(`Ersattes`);
  await expectAccessible(fk.page, 'Möten (a note’s earlier versions)');

  // Anna sees the correction live, and its history, on her phone.
  await expect(annaCard.getByText('Anna arbetar 50 % sedan en månad.')).toBeVisible();
  await expect(annaCard.getByTestId('note-attendance')).toContainText(USERS.chef.name);
  await annaCard.getByRole('button', { name: 'Visa tidigare versioner' }).click();
  await expect(annaCard.getByTestId('note-revision-1')).toContainText(
    'Anna arbetar 25 % sedan en månad.',
  );
  await expectNoHorizontalScroll(anna.page);
  await expectAccessible(anna.page, 'Möten (patient, a corrected note, 360 px)');

  await Promise.all([fk.context.close(), anna.context.close()]);
});
