import type { CertificateView, WorkspaceOverview } from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import { expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

// "Ärendet" (issue 16): the case follows reality. The doctor's certificates become the
// case's facts and the plan's steps, live on the patient's page; the employer sees period
// and degree, never the diagnosis; closing says what it means first and makes the case
// read-only until it is reopened. The tests run in order on this file's own database.

const server = useServer();

/** Today in Sweden, 'YYYY-MM-DD'. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** As the page writes a date ('1 mars 2026'). */
const long = (iso: string) =>
  new Date(`${iso}T12:00:00`).toLocaleDateString('sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  });
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded),
  ).toBe(true);
}

test('the doctor renews the latest certificate at 50 %; the patient’s open plan shows the step at once', async ({
  browser,
}) => {
  // The demo case has no certificate yet: the first one (100 % until yesterday) is entered
  // through the API, so the page has a latest certificate to renew.
  const doctorApi = await apiAs(server.url, 'lakare');
  const ws = doctorApi.workspaceId;
  const overview = await doctorApi.call<WorkspaceOverview>(`/workspaces/${ws}`);
  expect(overview.permissions).toContain('certificate:create');
  const start = today();
  const end = addDays(start, 27);
  await doctorApi.call<CertificateView>(`/workspaces/${ws}/certificates`, {
    method: 'POST',
    body: JSON.stringify({
      periodFrom: overview.sickPeriodStart,
      periodTo: addDays(start, -1),
      degree: 100,
      diagnosisCode: 'F43.2',
      diagnosisText: 'Anpassningsstörning',
      activityLimitations: 'Orkar inte arbeta hela dagar, svårt att koncentrera sig.',
    }),
  });

  // The patient already has her plan open.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await expect(anna.page.getByRole('heading', { name: 'Min plan' })).toBeVisible();
  await expect(anna.page.getByText('Uppdateras direkt')).toBeVisible();
  await markPage(anna.page);

  const doctor = await contextFor(browser, server.url, 'lakare');
  await openCase(doctor.page);
  await goTo(doctor.page, 'Ärendet');
  await expect(doctor.page.getByRole('heading', { level: 2, name: 'Ärendet' })).toBeVisible();
  const certificates = doctor.page.getByRole('region', { name: 'Läkarintyg' });
  await expect(certificates.getByTestId('certificate')).toHaveCount(1);
  await expect(certificates.getByTestId('certificate-medical')).toContainText(
    'F43.2 Anpassningsstörning',
  );
  await expectAccessible(doctor.page, 'Ärendet (doctor)');

  await certificates.getByRole('button', { name: /^Förläng intyget/ }).click();
  const form = doctor.page.getByRole('region', { name: 'Förlängning av läkarintyget' });
  // Prefilled: from the day after the latest ends, its degree and diagnosis; no end yet.
  await expect(form.getByLabel('Från och med')).toHaveValue(start);
  await expect(form.getByLabel('Till och med')).toHaveValue('');
  await expect(form.getByRole('radio', { name: '100 %' })).toBeChecked();
  await expect(form.getByLabel('Diagnoskod (ICD-10-SE)')).toHaveValue('F43.2');
  await expect(form.getByLabel('Diagnos i text')).toHaveValue('Anpassningsstörning');

  // Saved without an end: said at the field.
  await form.getByRole('button', { name: 'Spara intyget' }).click();
  await expect(form.getByLabel('Till och med')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Aktivitetsbegränsningar')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(doctor.page, 'certificate form with errors');

  await form.getByRole('radio', { name: '50 %' }).check();
  await form.getByLabel('Till och med').fill(end);
  await form
    .getByLabel('Aktivitetsbegränsningar')
    .fill('Orkar arbeta halva dagar med lugnare uppgifter.');
  await form.getByRole('button', { name: 'Spara intyget' }).click();
  await expect(doctor.page.getByText('Läkarintyget sparades.', { exact: false })).toBeVisible();
  await expect(certificates.getByTestId('certificate')).toHaveCount(2);
  await expect(certificates.getByTestId('certificate').first()).toContainText(
    `Sjukskrivning 50 %, ${long(start)}–${long(end)}`,
  );
  // The timeline lists the new period and the change of degree with its author.
  const timeline = doctor.page.getByTestId('case-timeline');
  await expect(timeline).toContainText('Läkarintyg: sjukskrivning 50 %');
  await expect(timeline).toContainText('Ändrat av Erik Sandberg (vården)');
  await expect(timeline).toContainText('Sjukskrivningsgrad: 100 % → 50 %');
  await expectAccessible(doctor.page, 'Ärendet after a renewal');

  // The patient's open plan shows the new 50 % step, without a reload.
  const step = anna.page
    .locator('.timeline-step')
    .filter({ hasText: '50 % sjukskriven' })
    .filter({ hasText: `${long(start)} – ${long(end)}` });
  await expect(step).toHaveCount(1);
  await expectNotReloaded(anna.page);
  await expectAccessible(anna.page, 'Min plan after a certificate');

  // Her own case page shows her the certificate's medical content.
  await goTo(anna.page, 'Ärendet');
  await expect(anna.page.getByRole('heading', { level: 2, name: 'Ditt ärende' })).toBeVisible();
  await expect(anna.page.getByTestId('certificate-medical').first()).toContainText(
    'Orkar arbeta halva dagar med lugnare uppgifter.',
  );
  await expect(anna.page.getByTestId('certificate-withheld')).toHaveCount(0);
  // No certificate form for her.
  await expect(anna.page.getByRole('button', { name: 'Nytt läkarintyg' })).toHaveCount(0);
  await expect(anna.page.getByRole('button', { name: /^Förläng/ })).toHaveCount(0);
  await expectAccessible(anna.page, 'Ditt ärende (patient)');
  await Promise.all([anna.context.close(), doctor.context.close()]);
});

test('the employer sees each certificate’s period and degree, and that the diagnosis is not shared', async ({
  browser,
}) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Ärendet');
  const certificates = chef.page.getByRole('region', { name: 'Läkarintyg' });
  await expect(certificates.getByTestId('certificate')).toHaveCount(2);
  await expect(certificates.getByTestId('certificate').first()).toContainText('Sjukskrivning 50 %');
  await expect(certificates.getByTestId('certificate-withheld')).toHaveCount(2);
  await expect(certificates.getByTestId('certificate-withheld').first()).toHaveText(
    /delas inte med dig\. Det är Anna som bestämmer vem som får se det\./,
  );
  await expect(certificates.getByTestId('certificate-medical')).toHaveCount(0);
  await expect(chef.page.getByText('Anpassningsstörning')).toHaveCount(0);
  await expect(chef.page.getByText('F43.2')).toHaveCount(0);
  // Nor may the employer write certificates; it keeps the sick-period facts.
  await expect(chef.page.getByRole('button', { name: 'Nytt läkarintyg' })).toHaveCount(0);
  await chef.page.getByRole('button', { name: 'Ändra uppgifterna', exact: true }).click();
  const facts = chef.page.getByRole('region', { name: 'Ändra uppgifterna om sjukfallet' });
  await expect(facts.getByLabel('Sjukperiodens första dag')).toBeVisible();
  await expect(facts.getByLabel('Anställning')).toBeVisible();
  await expect(facts.getByLabel('Beräknad längd')).toHaveCount(0);
  await expectAccessible(chef.page, 'Ärendet (employer) with the facts form');
  await facts.getByRole('button', { name: 'Avbryt' }).click();
  await chef.context.close();
});

test('the manager closes the case after reading what it means, then reopens it', async ({
  browser,
}) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const planEditor = chef.page.getByRole('region', { name: 'Redigera planen' });
  await expect(planEditor).toBeVisible();
  await goTo(chef.page, 'Uppgifter');
  await expect(chef.page.getByRole('checkbox').first()).toBeVisible();

  await goTo(chef.page, 'Ärendet');
  await chef.page.getByRole('button', { name: 'Avsluta ärendet', exact: true }).click();
  const dialog = chef.page.getByRole('region', { name: 'Avsluta ärendet', exact: true });
  // The consequences come first, before anything is chosen.
  const consequences = dialog.getByTestId('close-consequences');
  await expect(consequences).toContainText('Ärendet blir skrivskyddat');
  await expect(consequences).toContainText('Påminnelser och aviseringar om ärendet slutar');
  await expect(consequences).toContainText('inom 90 dagar');
  await expect(consequences).toContainText('tiden börjar räknas för hur länge');
  await expect(consequences).toContainText('omställningsmöte');
  await dialog.getByRole('radio', { name: 'Sjukpenningen har upphört' }).check();
  await expect(dialog.getByTestId('close-next-step')).toContainText('omställningsmöte');
  await expectAccessible(chef.page, 'close dialog');

  const yesterday = addDays(today(), -1);
  await dialog.getByRole('radio', { name: 'Tillbaka i arbete på heltid' }).check();
  await dialog.getByLabel('Sjukperiodens sista dag').fill(yesterday);
  await dialog.getByRole('button', { name: 'Ja, avsluta ärendet' }).click();

  const banner = chef.page.getByTestId('case-closed-banner');
  await expect(banner).toContainText(`Ärendet avslutades ${long(yesterday)}.`);
  await expect(banner).toContainText('Tillbaka i arbete på heltid');
  await expect(banner).toContainText('inget kan ändras');
  // No edit controls: not here, not in the plan, not on the tasks.
  await expect(
    chef.page.getByRole('button', { name: 'Ändra uppgifterna', exact: true }),
  ).toHaveCount(0);
  await expect(chef.page.getByRole('button', { name: 'Avsluta ärendet', exact: true })).toHaveCount(
    0,
  );
  await expectAccessible(chef.page, 'Ärendet closed');
  await goTo(chef.page, 'Plan');
  await expect(
    chef.page.getByRole('heading', { name: 'Plan för återgång i arbete' }),
  ).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(planEditor).toHaveCount(0);
  await expectAccessible(chef.page, 'Plan closed');
  await goTo(chef.page, 'Uppgifter');
  await expect(chef.page.getByRole('heading', { level: 2, name: 'Uppgifter' })).toBeVisible();
  // No task can be ticked off (the list's own filter, "Bara försenade", stays).
  await expect(chef.page.locator('input[type="checkbox"][id^="task-"]')).toHaveCount(0);
  await expect(chef.page.getByRole('button', { name: /^Ändra/ })).toHaveCount(0);
  await expect(chef.page.getByRole('region', { name: 'Ny uppgift' })).toHaveCount(0);

  // Reopened: a new sick period from today continues the chain.
  await goTo(chef.page, 'Ärendet');
  await chef.page.getByRole('button', { name: 'Öppna ärendet igen', exact: true }).click();
  const reopen = chef.page.getByRole('region', { name: 'Öppna ärendet igen', exact: true });
  await expect(reopen.getByTestId('reopen-consequences')).toContainText(
    'räknas ihop med den som slutade',
  );
  await expect(reopen.getByLabel('Den nya sjukperiodens första dag')).toHaveValue(today());
  await reopen.getByLabel('Varför öppnas ärendet igen?').fill('Ny sjukskrivning från i dag.');
  await expectAccessible(chef.page, 'reopen dialog');
  await reopen.getByRole('button', { name: 'Ja, öppna ärendet igen' }).click();
  await expect(banner).toHaveCount(0);
  await expect(
    chef.page.getByRole('button', { name: 'Ändra uppgifterna', exact: true }),
  ).toBeVisible();
  await expect(
    chef.page.getByRole('button', { name: 'Avsluta ärendet', exact: true }),
  ).toBeVisible();
  await expect(chef.page.getByTestId('case-timeline')).toContainText(
    'Ny sjukskrivning från i dag.',
  );
  await goTo(chef.page, 'Plan');
  await expect(planEditor).toBeVisible();
  await chef.context.close();
});

test('a new sick period long after closing: the manager asks for a new case, the patient says yes, and it links back', async ({
  browser,
}) => {
  // The demo case as if its sick period began 200 days ago and ended 120 days ago, so a
  // period starting now is too late to join it (90 days).
  const chefApi = await apiAs(server.url, 'chef');
  const ws = chefApi.workspaceId;
  await chefApi.call(`/workspaces/${ws}/facts`, {
    method: 'PATCH',
    body: JSON.stringify({
      sickPeriodStart: addDays(today(), -200),
      earlierPeriods: [],
      reason: 'Rättat startdatum.',
    }),
  });
  const closedOn = addDays(today(), -120);
  await chefApi.call(`/workspaces/${ws}/close`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'BACK_AT_WORK_FULL', closedOn }),
  });

  const chef = await contextFor(browser, server.url, 'chef');
  await chef.page.goto(`${server.url}/w/${ws}/arende`);
  await chef.page.getByRole('button', { name: 'Be om ett nytt ärende' }).click();
  const dialog = chef.page.getByRole('region', {
    name: 'Be om ett nytt ärende för en ny sjukperiod',
  });
  const consequences = dialog.getByTestId('follow-up-consequences');
  await expect(consequences).toContainText('börjar om på dag 1');
  await expect(consequences).toContainText('bestämmer själv');
  await expectAccessible(chef.page, 'follow-up dialog');
  // A day that still joins the closed case is refused at the field.
  await dialog.getByLabel('Den nya sjukperiodens första dag').fill(addDays(closedOn, 30));
  await dialog.getByRole('button', { name: 'Skicka förfrågan till Anna' }).click();
  await expect(dialog.getByText('räknas ihop med ärendet')).toBeVisible();
  const newStart = addDays(today(), -3);
  await dialog.getByLabel('Den nya sjukperiodens första dag').fill(newStart);
  await dialog.getByRole('button', { name: 'Skicka förfrågan till Anna' }).click();
  await expect(chef.page.getByTestId('follow-up-sent')).toContainText('Anna har fått en förfrågan');

  // Anna answers yes (her answer page has its own tests in case-opening.e2e.ts).
  const annaApi = await apiAs(server.url, 'anna');
  const asked =
    await annaApi.call<Array<{ id: string; followsEarlierCase: boolean }>>('/case-openings/for-me');
  const opening = asked.find((request) => request.followsEarlierCase);
  expect(opening).toBeDefined();
  const accepted = await annaApi.call<{ workspaceId: string }>(
    `/case-openings/${opening?.id ?? ''}/accept`,
    { method: 'POST' },
  );

  await chef.page.goto(`${server.url}/w/${accepted.workspaceId}/arende`);
  const previous = chef.page.getByTestId('previous-case');
  await expect(previous).toContainText('efter ett tidigare, avslutat ärende');
  await expectAccessible(chef.page, 'Ärendet of the follow-up case');
  await previous.getByRole('link', { name: 'Se det tidigare ärendet' }).click();
  await expect(chef.page.getByTestId('case-closed-banner')).toBeVisible();
  await chef.context.close();
});
