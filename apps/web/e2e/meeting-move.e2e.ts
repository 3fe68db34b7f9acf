import type { MeetingList, MeetingView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

// Issue 15, "Meetings after booking": FK moves a booked avstämningsmöte (new times, everyone's
// answers reset, a reason because it was booked) and the patient, on a 360 px phone, sees
// the new time and the reason live, without reloading.

const server = useServer();

function future(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(8 + hours, 0, 0, 0);
  return at.toISOString();
}

/** `days` ahead at `hour`:00 in Stockholm, as a datetime-local value. */
function stockholmLocal(days: number, hour: number): string {
  const day = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

test('FK moves a booked meeting and the patient sees the new time live', async ({ browser }) => {
  const fkApi = await apiAs(server.url, 'fk');
  const base = `/workspaces/${fkApi.workspaceId}/meetings`;
  const demo = (await fkApi.call<MeetingList>(base)).meetings[0];
  const others = (demo?.invitees ?? [])
    .filter((i) => i.party === 'PATIENT' || i.party === 'EMPLOYER')
    .map((i) => i.participantId);
  expect(others).toHaveLength(2);
  const title = 'Avstämning som flyttas';
  const created = await fkApi.call<MeetingView>(base, {
    method: 'POST',
    body: JSON.stringify({
      kind: 'AVSTAMNINGSMOTE',
      title,
      participantIds: others,
      slots: [{ start: future(10), end: future(10, 1) }],
    }),
  });
  await fkApi.call<MeetingView>(`${base}/${created.id}/schedule`, {
    method: 'POST',
    body: JSON.stringify({ slotId: created.slots[0]?.id }),
  });

  // Anna on her phone: the booked meeting, nothing to move.
  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 800 });
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  const annaCard = anna.page.getByRole('article', { name: title });
  await expect(annaCard.getByText('Bokat', { exact: true })).toBeVisible();
  await expect(annaCard.getByRole('button', { name: /Flytta/ })).toHaveCount(0);

  // FK moves it: without a reason it is refused (the meeting is booked), then with one.
  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const fkCard = fk.page.getByRole('article', { name: title });
  await fkCard.getByRole('button', { name: `Flytta ${title}` }).click();
  const form = fkCard.getByRole('form', { name: 'Nya tider för mötet' });
  await form.getByLabel('Börjar').fill(stockholmLocal(21, 13));
  await form.getByLabel('Slutar').fill(stockholmLocal(21, 14));
  await form.getByRole('button', { name: 'Flytta mötet' }).click();
  await expect(form.getByText(/Skriv varför mötet flyttas/)).toBeVisible();
  await form.getByLabel(/Varför flyttas mötet/).fill('Läkaren är på kurs den dagen');
  await expectAccessible(fk.page, 'Möten (moving a booked meeting)');
  await form.getByRole('button', { name: 'Flytta mötet' }).click();
  await expect(fkCard.getByText('Tider föreslagna', { exact: true })).toBeVisible();
  await expect(form).toHaveCount(0);

  const moved = (await fkApi.call<MeetingList>(base)).meetings.find((m) => m.id === created.id);
  expect(moved).toMatchObject({
    status: 'PROPOSED',
    scheduledSlotId: null,
    lastChange: { kind: 'MOVED', reason: 'Läkaren är på kurs den dagen' },
  });
  expect(moved?.slots).toHaveLength(1);
  expect(moved?.slots[0]?.responses).toEqual([]);
  const newSlot = moved?.slots[0];
  // The new time as the web writes it (Swedish, Stockholm time), for Anna's card.
  const newTime = await anna.page.evaluate(
    (start) =>
      new Date(start).toLocaleString('sv-SE', {
        weekday: 'short',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
    newSlot?.start ?? '',
  );
  expect(newTime).toMatch(/13:00|13\.00/);

  // Live, without a reload: Anna sees the new proposed time, the reason, and answers it.
  await expect(annaCard.getByText('Tider föreslagna', { exact: true })).toBeVisible();
  await expect(annaCard.getByText('Orsak: Läkaren är på kurs den dagen')).toBeVisible();
  await expect(annaCard.getByText(/Flyttat .* från den bokade tiden/)).toBeVisible();
  await expect(annaCard.getByRole('rowheader', { name: new RegExp(`^${newTime}`) })).toBeVisible();
  await expect(annaCard.getByText('Bokat', { exact: true })).toHaveCount(0);
  // Her old answer went with the old time: she is asked again.
  await expect(annaCard.getByText(/Har inte svarat: .*Anna Andersson/)).toBeVisible();
  await expectAccessible(anna.page, 'Möten (patient, moved meeting, 360 px)');
  // Nothing is wider than her phone.
  const overflow = await anna.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await annaCard
    .getByRole('group', { name: /Ditt svar för/ })
    .getByRole('button', { name: 'Ja' })
    .click();
  await expect(
    annaCard.getByRole('group', { name: /Ditt svar för/ }).getByRole('button', { name: 'Ja' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('the protocol prints on its own: only that meeting, its notes, no buttons or forms', async ({
  browser,
}) => {
  const fkApi = await apiAs(server.url, 'fk');
  const base = `/workspaces/${fkApi.workspaceId}/meetings`;
  const demo = (await fkApi.call<MeetingList>(base)).meetings[0];
  const others = (demo?.invitees ?? [])
    .filter((i) => i.party === 'PATIENT' || i.party === 'EMPLOYER')
    .map((i) => i.participantId);
  const title = 'Avstämning med protokoll';
  const created = await fkApi.call<MeetingView>(base, {
    method: 'POST',
    body: JSON.stringify({
      kind: 'AVSTAMNINGSMOTE',
      title,
      participantIds: others,
      slots: [{ start: future(2), end: future(2, 1) }],
    }),
  });
  await fkApi.call(`${base}/${created.id}/notes`, {
    method: 'POST',
    body: JSON.stringify({
      situation: 'Anna arbetar 25 procent.',
      decisions: ['Öka till 50 procent från nästa månad'],
    }),
  });

  const fk = await contextFor(browser, server.url, 'fk');
  // The print dialog itself is the browser's: here only what goes on paper is checked.
  await fk.page.addInitScript(() => {
    window.print = () => undefined;
  });
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const card = fk.page.getByRole('article', { name: title });
  await card.getByRole('button', { name: `Skriv ut protokollet från ${title}` }).click();
  await fk.page.emulateMedia({ media: 'print' });
  await expect(card.getByText('Anna arbetar 25 procent.')).toBeVisible();
  await expect(card.getByText('Öka till 50 procent från nästa månad')).toBeVisible();
  await expect(card.getByRole('button')).toHaveCount(0);
  // The other meetings and the page's own controls stay off the paper.
  await expect(fk.page.getByRole('article', { name: demo?.title ?? '' })).toBeHidden();
  await expect(fk.page.getByRole('link', { name: /Ordna ett avstämningsmöte/ })).toBeHidden();
  await expect(fk.page.getByRole('navigation', { name: 'Ärendets delar' })).toBeHidden();
  await fk.page.emulateMedia({ media: 'screen' });
  await expect(card.getByRole('button', { name: /Skriv ut protokollet/ })).toBeVisible();
});
