import type { CaseOpeningView, WorkspaceOverview, WorkspaceSummary } from '@atergang/contracts';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { linkIn, mailTo, newPersonnummer } from './support/case-mail';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  recordCspViolations,
  USERS,
} from './support/helpers';

const server = useServer();

/** A new person's details, unique per call. */
function person(first: string) {
  const tag = Math.random().toString(36).slice(2, 8);
  return {
    personnummer: newPersonnummer(),
    name: `${first} Ekström`,
    email: `${first.toLowerCase()}.${tag}@exempel.test`,
  };
}

/** 'YYYY-MM-DD', `days` before today in Stockholm. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });
}

/** A browser context with no session: the person opening her e-mail. */
async function freshPage(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE' });
  await recordCspViolations(context);
  return context.newPage();
}

test('the manager opens a case for a new person, who sets a password from the e-mailed link and is in her case', async ({
  browser,
}) => {
  const karin = person('Karin');
  const { context, page } = await contextFor(browser, server.url, 'chef');
  await page.getByRole('link', { name: 'Öppna ett ärende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Öppna ett ärende' })).toBeFocused();
  await expect(page).toHaveTitle('Öppna ett ärende – Återgång');
  // An employer opens the case for its own staff: no employer to choose.
  await expect(page.getByText('Arbetsgivare: Solbacka kommun.')).toBeVisible();
  await expectAccessible(page, 'Öppna ett ärende');

  // Nothing filled in: each field says what it needs, tied to the field.
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  const personnummer = page.getByLabel('Personnummer');
  await expect(personnummer).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Skriv personnumret med 12 siffror: ÅÅÅÅMMDD-NNNN.')).toBeVisible();
  await expect(page.getByLabel('Namn')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Första dagen i sjukperioden')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(page, 'Öppna ett ärende: fel i fälten');

  // A personnummer with a wrong check digit is caught before anything is sent.
  const wrongCheck = `${karin.personnummer.slice(0, 11)}${String((Number(karin.personnummer.slice(11)) + 1) % 10)}`;
  await personnummer.fill(wrongCheck);
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await expect(page.getByText('Personnumret stämmer inte. Kontrollera siffrorna.')).toBeVisible();

  await personnummer.fill(karin.personnummer);
  await page.getByLabel('Namn').fill(karin.name);
  await page.getByLabel('E-postadress').fill(karin.email);
  await page.getByLabel('Första dagen i sjukperioden').fill(daysAgo(12));
  await page.getByLabel('Hur mycket personen är sjukskriven').selectOption({ label: '100 %' });
  await page.getByLabel('Hur många dagar sjukskrivningen väntas vara').fill('30');
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await expect(
    page.getByRole('status').filter({
      hasText: `Vi har skickat en förfrågan till ${karin.name}. Ärendet öppnas när hen har svarat ja.`,
    }),
  ).toBeVisible();
  const manager = await apiAs(server.url, 'chef');
  const openings = await manager.call<CaseOpeningView[]>('/case-openings');
  expect(openings.find((o) => o.patientName === karin.name)?.status).toBe('PENDING');

  // The case list shows the request, waiting.
  await page.getByRole('link', { name: 'Till ärendena' }).click();
  const request = page.getByTestId('case-opening').filter({ hasText: karin.name });
  await expect(request).toContainText('Väntar på svar');
  await expectAccessible(page, 'Ärenden med förfrågningar');

  // The person's e-mail (the demo's Utkorg) links to her answer page, token in the fragment.
  const mail = await mailTo(server.url, karin.email, 'case-opening');
  const link = linkIn(mail, '/arende/svar');
  const her = await freshPage(browser, 360);
  await her.goto(`${server.url}${link}`);
  await expect(
    her.getByRole('heading', { level: 1, name: 'Ett ärende om din sjukskrivning' }),
  ).toBeVisible();
  await expect(
    her.getByText(
      `${USERS.chef.name} på Solbacka kommun vill öppna ett ärende om din sjukskrivning i Återgång.`,
    ),
  ).toBeVisible();
  await expect(
    her.getByText('Din arbetsgivare är Solbacka kommun.', { exact: false }),
  ).toBeVisible();
  await expect(her.getByText(/Du bestämmer vad var och en får se/)).toBeVisible();
  await expectAccessible(her, 'Svar på förfrågan (360 px)');
  await expectNoHorizontalScroll(her);

  // A guessable password is refused by the API, and the field says why.
  const password = her.getByLabel('Välj ett lösenord');
  await password.fill('password12');
  await her.getByRole('button', { name: 'Ja, skapa mitt konto och öppna ärendet' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(
    her.getByText('Lösenordet är för lätt att gissa. Lägg till fler ord.'),
  ).toBeVisible();
  await expectAccessible(her, 'Svar på förfrågan: för lätt lösenord');

  await password.fill('Blå cykel under äppelträdet 42');
  await her.getByRole('button', { name: 'Ja, skapa mitt konto och öppna ärendet' }).click();
  await expect(her.getByRole('heading', { level: 1, name: karin.name })).toBeVisible();
  await expect(her).toHaveURL(/\/w\/[0-9a-f-]+\/plan$/);
  await expect(her.getByText(`Inloggad som ${karin.name}`)).toBeVisible();
  // Signed in for real: the refresh cookie the answer set restores the session on reload.
  await her.reload();
  await expect(her.getByText(`Inloggad som ${karin.name}`)).toBeVisible();
  await her
    .getByRole('navigation', { name: 'Ärendets delar' })
    .getByRole('link', { name: 'Deltagare' })
    .click();
  await expect(her.getByRole('heading', { name: 'Deltagare', exact: true })).toBeFocused();
  await expect(her.getByTestId('participants-EMPLOYER')).toContainText(USERS.chef.name);
  await expect(her.getByTestId('participants-EMPLOYER')).toContainText('Solbacka kommun');
  await expectAccessible(her, 'Deltagare (den nya patienten, 360 px)');
  await expectNoHorizontalScroll(her);

  // The manager's list says she said yes, and opens the case.
  await page.reload();
  await expect(request).toContainText('Har svarat ja');
  const accepted = (await manager.call<CaseOpeningView[]>('/case-openings')).find(
    (o) => o.patientName === karin.name,
  );
  expect(accepted?.status).toBe('ACCEPTED');
  await request.getByRole('link', { name: `Öppna ärendet för ${karin.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${accepted?.workspaceId ?? '-'}/plan$`));
  await expect(page.getByRole('heading', { level: 1, name: karin.name })).toBeVisible();
  await her.context().close();
  await context.close();
});

test('care opens a case for someone with an account, who signs in from the link and says yes', async ({
  browser,
}) => {
  // Kerstin's first case (the manager's) gives her an account; then care asks for another.
  const kerstin = person('Kerstin');
  const chef = await apiAs(server.url, 'chef');
  await chef.call('/workspaces', {
    method: 'POST',
    body: JSON.stringify({
      patientPersonnummer: kerstin.personnummer,
      patientName: kerstin.name,
      patientEmail: kerstin.email,
      sickPeriodStart: daysAgo(20),
    }),
  });
  const firstMail = await mailTo(server.url, kerstin.email, 'case-opening');
  const first = await freshPage(browser);
  await first.goto(`${server.url}${linkIn(firstMail, '/arende/svar')}`);
  const newPassword = 'Regnbåge över Vättern 1987';
  await first.getByLabel('Välj ett lösenord').fill(newPassword);
  await first.getByRole('button', { name: 'Ja, skapa mitt konto och öppna ärendet' }).click();
  await expect(first.getByRole('heading', { level: 1, name: kerstin.name })).toBeVisible();
  await first.context().close();

  // The coordinator opens a case with her through the form, choosing the employer.
  const { context, page } = await contextFor(browser, server.url, 'koordinator');
  await page.getByRole('link', { name: 'Öppna ett ärende' }).click();
  await page.getByLabel('Personnummer').fill(kerstin.personnummer);
  await page.getByLabel('Namn').fill(kerstin.name);
  await page.getByLabel('E-postadress').fill(`annan.${kerstin.email}`);
  await page.getByLabel('Sök arbetsgivare').fill('Solbacka');
  const employer = page.getByLabel('Arbetsgivare', { exact: true });
  await expect(employer.getByRole('option', { name: 'Solbacka kommun' })).toHaveCount(1);
  await employer.selectOption({ label: 'Solbacka kommun' });
  await page.getByLabel('Första dagen i sjukperioden').fill(daysAgo(3));
  await expectAccessible(page, 'Öppna ett ärende (vården, med arbetsgivare)');
  await page.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Vi har skickat en förfrågan till ${kerstin.name}.` }),
  ).toBeVisible();

  // She has an account: the request goes to her own address, not the one typed.
  const mail = await mailTo(server.url, kerstin.email, 'case-opening', [firstMail]);
  const links = linkIn(mail, '/arende/svar');
  const her = await freshPage(browser);
  await her.goto(`${server.url}${links}`);
  await expect(her.getByText(/Sara Nyström på Vårdcentralen Linden vill öppna/)).toBeVisible();
  await expect(
    her.getByText('Din arbetsgivare är Solbacka kommun.', { exact: false }),
  ).toBeVisible();
  await expect(her.getByLabel('Välj ett lösenord')).toHaveCount(0);
  await expectAccessible(her, 'Svar på förfrågan: logga in');
  await her.getByRole('link', { name: 'Logga in för att svara' }).click();
  await expect(her).toHaveURL(/\/login\?next=%2Farende%2Fsvar#/);
  await her.getByLabel('E-postadress').fill(kerstin.email);
  await her.getByLabel('Lösenord').fill(newPassword);
  await her.getByRole('button', { name: 'Logga in', exact: true }).click();
  // Back on the answer page, the fragment kept through the sign-in.
  await expect(her.getByText(`Du är inloggad som ${kerstin.name}.`)).toBeVisible();
  expect(new URL(her.url()).hash).toBe(links.slice(links.indexOf('#')));
  await her.getByRole('button', { name: 'Ja, öppna ärendet' }).click();
  await expect(her).toHaveURL(/\/w\/[0-9a-f-]+\/plan$/);
  await expect(her.getByRole('heading', { level: 1, name: kerstin.name })).toBeVisible();

  // Two cases now, the new one with the coordinator in it.
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: kerstin.email, password: newPassword }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const cases = (await (
    await fetch(`${server.url}/api/workspaces`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).json()) as WorkspaceSummary[];
  expect(cases).toHaveLength(2);
  const second = cases.find((c) => c.sickPeriodStart === daysAgo(3));
  expect(second?.employer?.name).toBe('Solbacka kommun');
  expect(new URL(her.url()).pathname).toBe(`/w/${second?.id ?? '-'}/plan`);
  const care = await apiAs(server.url, 'koordinator');
  const overview = await care.call<WorkspaceOverview>(`/workspaces/${second?.id ?? '-'}`);
  expect(overview.participants.map((p) => p.name).sort()).toEqual(
    [kerstin.name, USERS.koordinator.name].sort(),
  );
  await her.context().close();
  await context.close();
});

test('a withdrawn request is gone from the link, and a declined one says so on the list', async ({
  browser,
}) => {
  const withdrawn = person('Wilma');
  const declined = person('Dag');
  const chef = await apiAs(server.url, 'chef');
  for (const who of [withdrawn, declined]) {
    await chef.call('/workspaces', {
      method: 'POST',
      body: JSON.stringify({
        patientPersonnummer: who.personnummer,
        patientName: who.name,
        patientEmail: who.email,
        sickPeriodStart: daysAgo(5),
      }),
    });
  }
  const { context, page } = await contextFor(browser, server.url, 'chef');
  const wilma = page.getByTestId('case-opening').filter({ hasText: withdrawn.name });
  await wilma
    .getByRole('button', { name: `Dra tillbaka förfrågan till ${withdrawn.name}` })
    .click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Förfrågan till ${withdrawn.name} är tillbakadragen.` }),
  ).toBeVisible();
  await expect(wilma).toContainText('Dragen tillbaka');
  await expect(wilma.getByRole('button')).toHaveCount(0);

  const wilmaPage = await freshPage(browser);
  await wilmaPage.goto(
    `${server.url}${linkIn(await mailTo(server.url, withdrawn.email, 'case-opening'), '/arende/svar')}`,
  );
  await expect(wilmaPage.getByRole('alert')).toHaveText(
    'Länken gäller inte längre. Den kan ha använts, gått ut eller dragits tillbaka.',
  );
  await expectAccessible(wilmaPage, 'Svar på förfrågan: länken gäller inte');

  const dagPage = await freshPage(browser);
  await dagPage.goto(
    `${server.url}${linkIn(await mailTo(server.url, declined.email, 'case-opening'), '/arende/svar')}`,
  );
  await dagPage.getByRole('button', { name: 'Nej, jag vill inte' }).click();
  await expect(dagPage.getByText(/Då öppnas inget ärende/)).toBeVisible();
  await expectAccessible(dagPage, 'Svar på förfrågan: säga nej');
  await dagPage.getByRole('button', { name: 'Ja, säg nej' }).click();
  await expect(dagPage.getByRole('status')).toHaveText(
    `Du har sagt nej. Inget ärende har öppnats. ${USERS.chef.name} får veta att du har sagt nej.`,
  );

  await page.reload();
  await expect(page.getByTestId('case-opening').filter({ hasText: declined.name })).toContainText(
    'Har svarat nej',
  );
  const statuses = (await chef.call<CaseOpeningView[]>('/case-openings'))
    .filter((o) => o.patientName === withdrawn.name || o.patientName === declined.name)
    .map((o) => `${o.patientName}: ${o.status}`)
    .sort();
  expect(statuses).toEqual([`${declined.name}: DECLINED`, `${withdrawn.name}: WITHDRAWN`].sort());
  await wilmaPage.context().close();
  await dagPage.context().close();
  await context.close();
});

test('the patient is told that opening a case is for staff', async ({ browser }) => {
  const { context, page } = await contextFor(browser, server.url, 'anna');
  await page.goto(`${server.url}/nytt-arende`);
  await expect(page.getByRole('heading', { level: 1, name: 'Öppna ett ärende' })).toBeVisible();
  await expect(page.getByText(/Det kan du inte göra med ditt konto/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Skicka förfrågan' })).toHaveCount(0);
  await context.close();
});
