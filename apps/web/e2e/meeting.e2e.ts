import { readFile } from 'node:fs/promises';
import type { MeetingList, TaskList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

test('FK arranges an avstämningsmöte, the others answer, FK fixes the time and writes notes whose next step becomes a task', async ({
  browser,
}) => {
  const fkApi = await apiAs(server.url, 'fk');
  const existing = await fkApi.call<MeetingList>(`/workspaces/${fkApi.workspaceId}/meetings`);
  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  await fk.page.getByRole('link', { name: 'Ordna ett avstämningsmöte' }).click();
  await expect(fk.page.getByRole('heading', { name: 'Ordna ett möte' })).toBeVisible();
  await expectAccessible(fk.page, 'Ordna ett möte');

  // Errors from the contract's schema are tied to their fields.
  const title = fk.page.getByLabel('Rubrik');
  await title.fill('');
  await fk.page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(fk.page.getByText('Fyll i det här fältet.')).toBeVisible();
  await expectAccessible(fk.page, 'Ordna ett möte with errors');

  const meetingTitle = 'Avstämning inför 75 % arbete';
  await title.fill(meetingTitle);
  await fk.page.getByLabel('Dagordning').fill('1. Hur går det?\n2. Nästa steg');
  // Participants: the patient, the employer and the care coordinator (pre-chosen),
  // the doctor too.
  await fk.page.getByRole('checkbox', { name: /Erik Sandberg/ }).check();
  await expect(fk.page.getByRole('checkbox', { name: /Anna Andersson/ })).toBeChecked();
  await expect(fk.page.getByRole('checkbox', { name: /Maria Lindqvist/ })).toBeChecked();
  await fk.page.getByLabel('Videolänk (https)').fill('https://mote.example.se/anna');
  await fk.page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(fk.page.getByRole('heading', { name: 'Möten', exact: true })).toBeVisible();
  const card = fk.page.getByRole('article', { name: meetingTitle });
  await expect(card).toBeVisible();

  const created = (
    await fkApi.call<MeetingList>(`/workspaces/${fkApi.workspaceId}/meetings`)
  ).meetings.find((m) => !existing.meetings.some((e) => e.id === m.id));
  expect(created?.kind).toBe('AVSTAMNINGSMOTE');
  expect(created?.invitees.map((i) => i.party).sort()).toEqual(
    ['CARE', 'CARE', 'EMPLOYER', 'FK', 'PATIENT'].sort(),
  );
  const [first, second] = created?.slots ?? [];
  expect(first && second).toBeTruthy();

  // The patient answers yes to the first time, no to the second.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  const annaCard = anna.page.getByRole('article', { name: meetingTitle });
  const annaFirst = annaCard.getByRole('row').nth(1);
  await annaFirst.getByRole('button', { name: 'Ja' }).click();
  await expect(annaFirst.getByRole('button', { name: 'Ja' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await annaCard.getByRole('row').nth(2).getByRole('button', { name: 'Nej' }).click();
  await expect(
    annaCard.getByRole('row').nth(2).getByRole('button', { name: 'Nej' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(anna.page, 'Möten (patient answering)');

  // The employer answers yes to the first time.
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Möten');
  const chefFirst = chef.page.getByRole('article', { name: meetingTitle }).getByRole('row').nth(1);
  await chefFirst.getByRole('button', { name: 'Ja' }).click();
  await expect(chefFirst.getByRole('button', { name: 'Ja' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // FK sees the answers at a glance (live, without reloading) and fixes the first time.
  const fkFirst = card.getByRole('row').nth(1);
  // FK organised it, so only the two care invitees are waited on, by name.
  await expect(fkFirst).toContainText('Ja 2 · Nej 0 · Kanske 0 · Ej svarat 2');
  await expect(fkFirst.getByText(/^Har inte svarat: /)).toHaveText(
    /^Har inte svarat: (Erik Sandberg, Sara Nyström|Sara Nyström, Erik Sandberg)$/,
  );
  await expect(card.getByRole('row').nth(2)).toContainText('Ja 0 · Nej 1');
  await expectAccessible(fk.page, 'Möten (FK, answers)');
  await fkFirst.getByRole('button', { name: /^Boka / }).click();
  await expect(card.getByText(/^Bokat: /)).toBeVisible();

  // The calendar file.
  const download = fk.page.waitForEvent('download');
  await card.getByRole('button', { name: 'Lägg till i kalendern (.ics)' }).click();
  const file = await download;
  // Named after the meeting and its day, not a fixed name shared by every meeting.
  expect(file.suggestedFilename()).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await readFile(await file.path(), 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(meetingTitle);
  // FK's copy names Anna but carries none of the invitees' addresses.
  expect(ics).not.toMatch(/anna@|chef@|koordinator@/);

  // The patient sees the fixed time too.
  await expect(annaCard.getByText(/^Bokat: /)).toBeVisible();

  // Notes: a next step for Anna becomes a task.
  await card.getByRole('button', { name: 'Skriv anteckningar' }).click();
  await card.getByLabel('Nuläge').fill('Anna mår bättre och sover bättre.');
  await card.getByLabel('Beslut (ett per rad)').fill('Prova 75 % från nästa månad');
  await card.getByLabel('Vad ska göras').fill('Boka tid hos fysioterapeut');
  await card
    .getByLabel('Vem ska göra det')
    .selectOption({ label: 'Anna Andersson (den sjukskrivna)' });
  await card.getByLabel('Senast (datum)').fill('2099-01-15');
  await expectAccessible(fk.page, 'Notes form');
  await card.getByRole('button', { name: 'Spara anteckningarna' }).click();
  await expect(card.getByText(/^Boka tid hos fysioterapeut .*– blev en uppgift$/)).toBeVisible();

  await goTo(anna.page, 'Mina uppgifter');
  await expect(
    anna.page.getByRole('checkbox', { name: 'Boka tid hos fysioterapeut' }),
  ).toBeVisible();
  const annaApi = await apiAs(server.url, 'anna');
  const tasks = await annaApi.call<TaskList>(`/workspaces/${annaApi.workspaceId}/tasks`);
  const fromNote = tasks.tasks.find((task) => task.title === 'Boka tid hos fysioterapeut');
  expect(fromNote?.noteId).toBeTruthy();
  expect(fromNote?.meetingId).toBe(created?.id);

  await Promise.all([fk.context.close(), anna.context.close(), chef.context.close()]);
});
