import { readFile } from 'node:fs/promises';
import { luhnCheckDigit } from '@atergang/domain';
import type { StaffMemberView } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { STRONG_PASSWORD } from './support/accounts';
import { linkIn, mailTo } from './support/case-mail';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  USERS,
} from './support/helpers';
import { operatorCommand } from './support/operator';

const server = useServer();

// Issue 18 in the browser: Solbacka kommun's HR (the demo's manager, given the role by the
// organisation's administrator) opens the statistics from the top bar, sees a count of cases she can check by hand and a count under 5 written "färre än 5",
// and downloads exactly what is shown as CSV; a doctor gets no link and, at the address,
// the refusal. The demo has one case, so the test first opens six more at Solbacka, all
// starting the same day: five women and one man (digit 11 of the personnummer: odd for men).

/** 'YYYY-MM-DD', `days` before today in Stockholm. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
}

/** A valid personnummer nobody in the demo has, of a woman or a man. */
function personnummer(sex: 'woman' | 'man', index: number): string {
  const day = String(1 + index).padStart(2, '0');
  const serial = `${String(Math.floor(Math.random() * 10))}${String(Math.floor(Math.random() * 10))}`;
  const last = sex === 'man' ? String(1 + 2 * (index % 5)) : String(2 * (index % 5));
  const nine = `8807${day}${serial}${last}`;
  return `198807${day}${serial}${last}${String(luhnCheckDigit(nine))}`;
}

/** An organisation's id by the operator's list. */
async function organisationId(name: string): Promise<string> {
  const list = await operatorCommand(server, ['list-organisations']);
  const id = list
    .split('\n')
    .find((line) => line.endsWith(name))
    ?.split(/\s+/)[0];
  if (!id) throw new Error(`${name} is not listed:\n${list}`);
  return id;
}

/** Every table on the page as the CSV writes it: caption, header, then each row. */
function tablesAsCsvLines(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('table')).flatMap((table) => [
      '',
      table.caption?.textContent ?? '',
      Array.from(table.querySelectorAll('thead th'))
        .map((cell) => cell.textContent)
        .join(';'),
      ...Array.from(table.querySelectorAll('tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('th, td'))
          .map((cell) => cell.textContent)
          .join(';'),
      ),
    ]),
  );
}

test('HR at the employer sees the statistics with hidden counts as "färre än 5" and downloads them as CSV; a doctor gets no link and is refused', async ({
  browser,
}) => {
  test.slow();
  const solbacka = await organisationId('Solbacka kommun');
  const linden = await organisationId('Vårdcentralen Linden');

  // Solbacka's administrator (invited by the operator) makes Maria, the manager, HR too:
  // an employer's HR may see its statistics.
  const printed = await operatorCommand(server, [
    'invite-admin',
    '--organisation-id',
    solbacka,
    '--admin-email',
    'asa.admin@solbacka.test',
    '--admin-name',
    'Åsa Admin',
  ]);
  const adminLink = /https?:\/\/\S+\/konto\/inbjudan#(\S+)/.exec(printed);
  expect(adminLink, printed).not.toBeNull();
  const accepted = await fetch(`${server.url}/api/account-invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: decodeURIComponent(adminLink?.[1] ?? ''),
      password: STRONG_PASSWORD,
    }),
  });
  expect(accepted.status).toBe(200);
  const admin = {
    authorization: `Bearer ${((await accepted.json()) as { accessToken: string }).accessToken}`,
  };
  const members = (await (
    await fetch(`${server.url}/api/organisations/${solbacka}/members`, { headers: admin })
  ).json()) as StaffMemberView[];
  const maria = members.find((member) => member.email === USERS.chef.email);
  const changed = await fetch(
    `${server.url}/api/organisations/${solbacka}/members/${maria?.userId ?? '-'}/roles`,
    {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['MANAGER', 'HR'] }),
    },
  );
  expect(changed.status, await changed.text()).toBe(200);
  const chef = await apiAs(server.url, 'chef');

  // Six new cases at Solbacka, each said yes to through its e-mailed link.
  const start = daysAgo(10);
  const people = (['woman', 'woman', 'woman', 'woman', 'woman', 'man'] as const).map(
    (sex, index) => ({
      sex,
      personnummer: personnummer(sex, index),
      name: `Statistik Person ${String(index + 1)}`,
      email: `statistik.${String(index + 1)}.${Math.random().toString(36).slice(2, 8)}@exempel.test`,
    }),
  );
  for (const person of people) {
    await chef.call('/workspaces', {
      method: 'POST',
      body: JSON.stringify({
        patientPersonnummer: person.personnummer,
        patientName: person.name,
        patientEmail: person.email,
        sickPeriodStart: start,
      }),
    });
    const mail = await mailTo(server.url, person.email, 'case-opening');
    const token = decodeURIComponent(linkIn(mail, '/arende/svar').split('#')[1] ?? '');
    const answer = await fetch(`${server.url}/api/case-openings/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: STRONG_PASSWORD }),
    });
    expect(answer.status, await answer.text()).toBe(200);
  }
  // Anna's demo case (a woman) started 40 days ago: in the same month or not.
  const month = start.slice(0, 7);
  const startedThatMonth = people.length + (daysAgo(40).slice(0, 7) === month ? 1 : 0);
  const monthName = new Date(`${month}-15T12:00:00`).toLocaleDateString('sv-SE', {
    month: 'long',
    year: 'numeric',
  });

  const { context, page } = await contextFor(browser, server.url, 'chef');
  await page
    .getByRole('navigation', { name: 'Ditt konto' })
    .getByRole('link', { name: 'Statistik för Solbacka kommun' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Statistik för Solbacka kommun' }),
  ).toBeFocused();
  await expect(page).toHaveTitle('Statistik för Solbacka kommun – Återgång');

  // One month, no division: the cases started that month, counted by hand above.
  await page.getByLabel('Dela upp per').selectOption({ label: 'månad' });
  await page.getByLabel('Från och med månad').fill(month);
  await page.getByLabel('Till och med månad').fill(month);
  await page.getByRole('button', { name: 'Visa statistiken' }).click();
  await expect(page).toHaveURL(new RegExp(`period=month&from=${month}&to=${month}&group=none`));
  const started = page.getByRole('table', { name: 'Påbörjade ärenden', exact: true });
  await expect(started.getByRole('row', { name: monthName })).toHaveText(
    `${monthName}${String(startedThatMonth)}`,
  );
  await expect(started.getByRole('columnheader')).toHaveText(['Period', 'Alla']);
  // Every table has its chart's summary in words and a real table with a caption.
  await expect(page.getByRole('table')).toHaveCount(11);
  await expect(
    page
      .getByRole('region', { name: 'Påbörjade ärenden', exact: true })
      .getByText(`Totalt ${String(startedThatMonth)} ärenden`),
  ).toBeVisible();
  await expectAccessible(page, 'statistics');

  // By sex: one man is fewer than 5, written so, and not drawn as a bar of 0.
  await page.getByLabel('Dela upp ärendena efter').selectOption({ label: 'kön' });
  await page.getByRole('button', { name: 'Visa statistiken' }).click();
  await expect(started.getByRole('columnheader')).toHaveText([
    'Period',
    'Kvinnor',
    'Män',
    'Kön okänt',
    'Totalt',
  ]);
  const row = started.getByRole('row', { name: monthName });
  await expect(row.getByRole('cell').nth(1)).toHaveText('färre än 5');
  await expect(
    page.getByText(/värden? visas som "färre än 5" och ritas inte/).first(),
  ).toBeVisible();
  await expect(
    page.getByText('Påbörjade och pågående ärenden är uppdelade efter kön.'),
  ).toBeVisible();
  // An employer never gets the diagnosis table.
  await expect(page.getByRole('table', { name: /Diagnos/ })).toHaveCount(0);
  await expectAccessible(page, 'statistics by sex');
  // On a phone nothing but the wide tables (each its own scrolling region) scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The CSV: the same filters in its head, then exactly the tables on the page.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Ladda ner som CSV-fil' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `statistik-solbacka-kommun-${month}-${month}-manad-kon.csv`,
  );
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines.slice(0, 5)).toEqual([
    'Statistik för Solbacka kommun',
    'Dela upp per;månad',
    `Från och med månad;${month}`,
    `Till och med månad;${month}`,
    'Dela upp ärendena efter;kön',
  ]);
  expect(lines.slice(6, -1)).toEqual(await tablesAsCsvLines(page));
  expect(lines).toContain('Period;Kvinnor;Män;Kön okänt;Totalt');
  expect(lines.find((line) => line.startsWith(`${monthName};`))?.split(';')[2]).toBe('färre än 5');
  await context.close();

  // The doctor: no statistics link, and the address gives the refusal, no chart or table.
  const doctor = await contextFor(browser, server.url, 'lakare');
  await expect(doctor.page.getByRole('link', { name: /^Statistik/ })).toHaveCount(0);
  await doctor.page.goto(`${server.url}/organisation/${linden}/statistik`);
  await expect(
    doctor.page.getByText('Du har inte behörighet att se statistiken för den här organisationen.'),
  ).toBeVisible();
  await expect(doctor.page.getByRole('table')).toHaveCount(0);
  await expectAccessible(doctor.page, 'statistics refused');
  await doctor.context.close();
});
