import type { ConsentView, MeetingList, MeetingView, WorkspaceOverview } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

// What the patient does not share is said so, with who decides and what the caller still
// sees: never an empty state ("Inga anteckningar ännu") or an all-clear ("Ingen uppföljning
// bokad") that the hidden data contradicts.

const server = useServer();

test('the employer, after Anna stops sharing meeting notes, is told so instead of "no notes yet"', async ({
  browser,
}) => {
  const fk = await apiAs(server.url, 'fk');
  const anna = await apiAs(server.url, 'anna');
  const ws = `/workspaces/${fk.workspaceId}`;
  // FK writes notes on the demo's avstämningsmöte, to which the employer is invited.
  const { meetings } = await fk.call<MeetingList>(`${ws}/meetings`);
  const meeting = meetings.find((m) => m.kind === 'AVSTAMNINGSMOTE');
  if (!meeting) throw new Error('the demo case has an avstämningsmöte');
  const situation = 'Anna orkar mer nu och vill prova 75 % på anpassade uppgifter.';
  await fk.call(`${ws}/meetings/${meeting.id}/notes`, {
    method: 'POST',
    body: JSON.stringify({ situation, decisions: ['Prova 75 % från nästa månad'] }),
  });
  const granted = await anna.call<ConsentView>(`${ws}/consents`, {
    method: 'POST',
    body: JSON.stringify({ party: 'EMPLOYER', categories: ['MEETING_NOTES'] }),
  });

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Möten');
  const notes = chef.page.getByRole('region', { name: `Anteckningar: ${meeting.title}` });
  // While shared, the employer reads FK's note: notes exist.
  await expect(notes.getByText(situation)).toBeVisible();

  await anna.call(`${ws}/consents/${granted.id}`, { method: 'DELETE' });
  await chef.page.reload();
  await expect(
    notes.getByText(
      'Anna har inte delat mötesanteckningar med er. Du ser bara de anteckningar ni själva har skrivit.',
    ),
  ).toBeVisible();
  await expect(notes.getByText(situation)).toHaveCount(0);
  await expect(chef.page.getByText('Inga anteckningar ännu.')).toHaveCount(0);
  await expectAccessible(chef.page, 'Möten (employer, notes withheld)');
  await chef.context.close();
});

test('AF’s case list does not say "no follow-up booked" while the booked meetings are withheld from it', async ({
  browser,
}) => {
  const fk = await apiAs(server.url, 'fk');
  const ws = `/workspaces/${fk.workspaceId}`;
  const overview = await fk.call<WorkspaceOverview>(ws);
  const invited = overview.participants
    .filter((p) => p.party === 'PATIENT' || p.party === 'EMPLOYER')
    .map((p) => p.id);
  // Two follow-up meetings fixed in the coming weeks, AF invited to neither.
  for (const days of [7, 21]) {
    const start = new Date(Date.now() + days * 86_400_000);
    start.setUTCHours(8, 0, 0, 0);
    const end = new Date(start.getTime() + 3_600_000);
    const created = await fk.call<MeetingView>(`${ws}/meetings`, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'FOLLOW_UP',
        title: `Uppföljning om ${String(days)} dagar`,
        participantIds: invited,
        slots: [{ start: start.toISOString(), end: end.toISOString() }],
      }),
    });
    const slot = created.slots[0];
    if (!slot) throw new Error('the meeting has its slot');
    await fk.call(`${ws}/meetings/${created.id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ slotId: slot.id }),
    });
  }

  const af = await contextFor(browser, server.url, 'af');
  await expect(af.page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  const item = af.page.getByRole('listitem').filter({ hasText: 'Anna Andersson' }).first();
  await expect(
    item.getByText(
      'Du ser inte om någon uppföljning är bokad: Anna har inte delat planen och mötena med er.',
    ),
  ).toBeVisible();
  await expect(af.page.getByText('Ingen uppföljning bokad')).toHaveCount(0);
  // Nor does it call a plan it cannot see missing.
  await expect(af.page.getByText('Plan saknas efter dag 30')).toHaveCount(0);
  await expectAccessible(af.page, 'Ärenden (AF, meetings withheld)');

  // FK, who sees the meetings, is not told anything is withheld about follow-ups.
  const fkPage = await contextFor(browser, server.url, 'fk');
  await expect(fkPage.page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  await expect(fkPage.page.getByText('Du ser inte om någon uppföljning är bokad')).toHaveCount(0);
  await expect(fkPage.page.getByText('Ingen uppföljning bokad')).toHaveCount(0);
  await Promise.all([af.context.close(), fkPage.context.close()]);
});

test('AF’s task list says tasks are withheld instead of "nobody else has anything to do"', async ({
  browser,
}) => {
  const af = await contextFor(browser, server.url, 'af');
  await openCase(af.page);
  await goTo(af.page, 'Uppgifter');
  await expect(af.page.getByTestId('tasks-withheld')).toHaveText(
    'Anna har inte delat alla uppgifter med er. Du ser bara de uppgifter ni själva har skapat och de som ni har fått.',
  );
  await expect(af.page.getByText('Ingen annan har något att göra just nu.')).toHaveCount(0);
  await expectAccessible(af.page, 'Tasks (AF, tasks not shared)');
  await af.context.close();
});
