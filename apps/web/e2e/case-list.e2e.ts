import type { TaskView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { STRONG_PASSWORD } from './support/accounts';
import { linkIn, mailTo, newPersonnummer } from './support/case-mail';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible } from './support/helpers';

const server = useServer();

/** 'YYYY-MM-DD', `days` before today in Stockholm. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
}

/** A new case opened by `who`'s API for a new person, who says yes through her mailed link. */
async function openCaseFor(name: string, startedDaysAgo: number): Promise<void> {
  const care = await apiAs(server.url, 'koordinator');
  const email = `${name.split(' ')[0]?.toLowerCase() ?? 'x'}.${Math.random().toString(36).slice(2, 8)}@exempel.test`;
  await care.call('/workspaces', {
    method: 'POST',
    body: JSON.stringify({
      patientPersonnummer: newPersonnummer(),
      patientName: name,
      patientEmail: email,
      sickPeriodStart: daysAgo(startedDaysAgo),
    }),
  });
  const mail = await mailTo(server.url, email, 'case-opening');
  const token = decodeURIComponent(linkIn(mail, '/arende/svar').split('#')[1] ?? '');
  const answer = await fetch(`${server.url}/api/case-openings/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: STRONG_PASSWORD }),
  });
  expect(answer.status, await answer.text()).toBe(200);
}

test('the coordinator finds a case by name and filters overdue, with no all-clear before the signals are in', async ({
  browser,
}) => {
  // Anna's case gets a task of care's that is late; two other cases have none.
  const care = await apiAs(server.url, 'koordinator');
  const late = await care.call<TaskView>(`/workspaces/${care.workspaceId}/tasks`, {
    method: 'POST',
    body: JSON.stringify({
      title: 'Ring Anna om remissen',
      assigneeParty: 'CARE',
      dueDate: daysAgo(2),
    }),
  });
  expect(late.overdue).toBe(true);
  await openCaseFor('Bertil Karlsson', 10);
  await openCaseFor('Cecilia Holm', 55);

  const { context, page } = await contextFor(browser, server.url, 'koordinator');
  // Hold the tasks answers: until they are in, each case says it is fetching, never "fine".
  const held: Array<() => Promise<void>> = [];
  let release = false;
  await page.route(/\/api\/workspaces\/[^/]+\/tasks(\?.*)?$/, (route) =>
    release ? route.continue() : void held.push(() => route.continue()),
  );
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  const cases = page
    .getByRole('list')
    .filter({ has: page.getByRole('link', { name: /Öppna ärendet/ }) });
  await expect(cases.getByRole('listitem').filter({ hasText: 'Dag' })).toHaveCount(3);
  await expect(page.getByTestId('signals-loading')).toHaveCount(3);
  await expect(page.getByText('Inget att uppmärksamma')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Med försenade uppgifter \(…\)/ })).toBeVisible();
  release = true;
  for (const next of held) await next();
  await page.unroute(/\/api\/workspaces\/[^/]+\/tasks(\?.*)?$/);
  await expect(page.getByTestId('signals-loading')).toHaveCount(0);

  // Sorted by the day in the rehabilitation chain, highest first.
  const names = cases.getByRole('heading', { level: 2 });
  await expect(names).toHaveText(['Cecilia Holm', 'Anna Andersson', 'Bertil Karlsson']);
  await page
    .getByLabel('Sortera')
    .selectOption({ label: 'Dag i rehabiliteringskedjan, lägst först' });
  await expect(names).toHaveText(['Bertil Karlsson', 'Anna Andersson', 'Cecilia Holm']);

  // A count per signal beside its filter; the overdue filter keeps Anna's case only.
  const overdue = page.getByRole('button', { name: 'Med försenade uppgifter (1)' });
  await expect(overdue).toHaveAttribute('aria-pressed', 'false');
  await overdue.click();
  await expect(overdue).toHaveAttribute('aria-pressed', 'true');
  await expect(names).toHaveText(['Anna Andersson']);
  await expect(page.getByTestId('case-count')).toHaveText('Visar 1 av 3 ärenden');
  await expect(
    cases
      .getByRole('listitem')
      .filter({ hasText: 'Anna Andersson' })
      .getByText(/försenad/),
  ).toBeVisible();
  await expectAccessible(page, 'the case list filtered to overdue tasks');

  // Search by name: with the filter on, Bertil (nothing late) is not there; off, he is.
  const search = page.getByLabel('Sök på namn');
  await search.fill('bert');
  await expect(page.getByText('Inga ärenden stämmer med sökningen och filtren.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Med försenade uppgifter (0)' })).toBeVisible();
  await page.getByRole('button', { name: /Med försenade uppgifter/ }).click();
  await expect(names).toHaveText(['Bertil Karlsson']);
  await search.fill('ANNA');
  await expect(names).toHaveText(['Anna Andersson']);
  await page.getByRole('link', { name: 'Öppna ärendet för Anna Andersson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Andersson' })).toBeVisible();
  await context.close();
});

test('the case list in English names its filters and sort in English', async ({ browser }) => {
  const { context, page } = await contextFor(browser, server.url, 'fk');
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(page.getByLabel('Search by name')).toBeVisible();
  await expect(page.getByRole('button', { name: /With overdue tasks \(\d\)/ })).toBeVisible();
  await expectAccessible(page, 'the case list in English');
  await context.close();
});
