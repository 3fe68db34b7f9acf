import type { MeetingList, MeetingNoteList } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase, type Who } from './support/helpers';

const server = useServer();

const DEMO_MEETING = 'Avstämningsmöte om Annas återgång i arbete';

async function kindsOffered(page: Page, link: string): Promise<string[]> {
  await goTo(page, 'Möten');
  await page.getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { name: 'Ordna ett möte' })).toBeVisible();
  return page.getByLabel('Slag av möte').locator('option').allTextContents();
}

test('each party is offered the kinds of meeting it arranges', async ({ browser }) => {
  const cases: Array<[Who, string, string[]]> = [
    [
      'fk',
      'Ordna ett avstämningsmöte',
      [
        'Avstämningsmöte',
        'SASSAM-kartläggning',
        'Gemensam kartläggning',
        'Omställningsmöte',
        'Uppföljning',
      ],
    ],
    ['af', 'Föreslå ett möte', ['Gemensam kartläggning', 'Omställningsmöte', 'Uppföljning']],
    ['anna', 'Föreslå ett möte', ['Uppföljning']],
    ['chef', 'Föreslå ett möte', ['Rehabmöte på arbetsplatsen', 'Uppföljning']],
  ];
  for (const [who, link, kinds] of cases) {
    const { context, page } = await contextFor(browser, server.url, who);
    await openCase(page);
    expect(await kindsOffered(page, link), who).toEqual(kinds);
    if (who !== 'chef') {
      await context.close();
      continue;
    }
    // The employer arranges a rehab meeting at the workplace; an untouched title follows
    // the kind.
    const title = page.getByLabel('Rubrik');
    await expect(title).toHaveValue('Rehabmöte på arbetsplatsen med Anna');
    await page.getByLabel('Slag av möte').selectOption({ label: 'Uppföljning' });
    await expect(title).toHaveValue('Uppföljning av Annas plan');
    await page.getByLabel('Slag av möte').selectOption({ label: 'Rehabmöte på arbetsplatsen' });
    await expect(title).toHaveValue('Rehabmöte på arbetsplatsen med Anna');
    await expectAccessible(page, 'Ordna ett möte (employer)');
    await page.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect(
      page.getByRole('article', { name: 'Rehabmöte på arbetsplatsen med Anna' }),
    ).toBeVisible();
    const api = await apiAs(server.url, 'chef');
    const meetings = await api.call<MeetingList>(`/workspaces/${api.workspaceId}/meetings`);
    expect(
      meetings.meetings.find((m) => m.title === 'Rehabmöte på arbetsplatsen med Anna')?.kind,
    ).toBe('WORKPLACE_REHAB');
    await context.close();
  }
});

test('notes: who each next step reaches is shown before saving, and a step its assignee may not read is refused', async ({
  browser,
}) => {
  const care = await contextFor(browser, server.url, 'koordinator');
  await openCase(care.page);
  await goTo(care.page, 'Möten');
  const card = care.page.getByRole('article', { name: DEMO_MEETING });
  await card.getByRole('button', { name: 'Skriv anteckningar' }).click();
  await card.getByLabel('Nuläge').fill('Anna sover bättre sedan behandlingen började.');
  await card
    .getByRole('checkbox', { name: 'Anteckningarna innehåller medicinska uppgifter' })
    .check();
  await card.getByLabel('Vad ska göras').fill('Berätta hur behandlingen påverkar arbetstiden');
  const assignee = card.getByLabel('Vem ska göra det');
  await assignee.selectOption({ label: 'Maria Lindqvist (arbetsgivaren)' });

  // A medical note: the employer (without MEDICAL) reads neither it nor its step's task.
  const note = card.getByTestId('reach-note');
  await expect(note).toContainText('Anteckningarna kan läsas av');
  await expect(note).toContainText('vården');
  await expect(note).toContainText('Försäkringskassan');
  await expect(note).not.toContainText('arbetsgivaren');
  const step = card.getByTestId('reach-step-1');
  await expect(step).toContainText(
    'Maria Lindqvist kommer inte att kunna läsa steg 1 som uppgift, eftersom Anna inte har delat det med dem.',
  );
  await expectAccessible(care.page, 'Notes form with a refused step');

  // Saving anyway: the API refuses (422 naming the step's assignee), said at that field.
  await card.getByRole('button', { name: 'Spara anteckningarna' }).click();
  await expect(assignee).toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByText('Den du valde får inte läsa den här uppgiften')).toBeVisible();

  // FK has MEDICAL: the step may go to its case officer.
  await assignee.selectOption({ label: 'Johan Berg (Försäkringskassan)' });
  await expect(step).toContainText('Steg 1 når');
  await expect(step).toContainText('Försäkringskassan');
  await expect(step).not.toContainText('kommer inte att kunna läsa');
  await card.getByRole('button', { name: 'Spara anteckningarna' }).click();
  await expect(
    card.getByText(/^Berätta hur behandlingen påverkar arbetstiden .*– blev en uppgift$/),
  ).toBeVisible();
  await care.context.close();

  // The employer, invited, writes notes too (its own protocol), but not medical ones.
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Möten');
  const chefCard = chef.page.getByRole('article', { name: DEMO_MEETING });
  await chefCard.getByRole('button', { name: 'Skriv anteckningar' }).click();
  await expect(
    chefCard.getByRole('checkbox', { name: 'Anteckningarna innehåller medicinska uppgifter' }),
  ).toHaveCount(0);
  await chefCard.getByLabel('Beslut (ett per rad)').fill('Anna börjar på kontoret måndagar');
  await chefCard.getByLabel('Vad ska göras').fill('Ordna en skrivplats på kontoret');
  await chefCard
    .getByLabel('Vem ska göra det')
    .selectOption({ label: 'Maria Lindqvist (arbetsgivaren)' });
  await expect(chefCard.getByTestId('reach-note')).toContainText('arbetsgivaren');
  await expect(chefCard.getByTestId('reach-step-1')).toContainText('Steg 1 når');
  await expectAccessible(chef.page, 'Notes form (employer)');
  await chefCard.getByRole('button', { name: 'Spara anteckningarna' }).click();
  await expect(
    chefCard.getByText(/^Ordna en skrivplats på kontoret .*– blev en uppgift$/),
  ).toBeVisible();
  const chefApi = await apiAs(server.url, 'chef');
  const meetings = await chefApi.call<MeetingList>(`/workspaces/${chefApi.workspaceId}/meetings`);
  const meetingId = meetings.meetings.find((m) => m.title === DEMO_MEETING)?.id ?? '';
  const notes = await chefApi.call<MeetingNoteList>(
    `/workspaces/${chefApi.workspaceId}/meetings/${meetingId}/notes`,
  );
  // The employer sees its own note, not care's medical one.
  expect(notes.notes.map((n) => [n.author.party, n.category])).toEqual([
    ['EMPLOYER', 'MEETING_NOTES'],
  ]);
  await chef.context.close();

  // The patient, invited, may write notes of the meeting too.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  await expect(
    anna.page
      .getByRole('article', { name: DEMO_MEETING })
      .getByRole('button', { name: 'Skriv anteckningar' }),
  ).toBeVisible();
  await anna.context.close();
});
