import type { ConsentView, PlanView, TaskList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
} from './support/helpers';

const server = useServer();

test('the patient reads her plan on a phone, ticks off a task and sees who has looked', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'anna');
  const plan = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const { context, page } = await contextFor(browser, server.url, 'anna', {
    width: 360,
    height: 780,
  });
  await openCase(page);
  await expect(page.getByRole('heading', { name: 'Min plan' })).toBeVisible();
  await expect(page.getByTestId('plan-goal')).toHaveText(plan.goal ?? '');
  // Every step of the graded sick leave is on the timeline, in order.
  const steps = page.getByRole('list').filter({ has: page.locator('.timeline-step') });
  await expect(steps.locator('li')).toHaveCount(plan.sickLeaveSteps.length);
  for (const [index, step] of plan.sickLeaveSteps.entries()) {
    await expect(steps.locator('li').nth(index)).toContainText(`${step.degree} %`);
  }
  // The patient sees every measure, the medical one too.
  for (const measure of plan.measures) {
    await expect(page.getByText(measure.title, { exact: true })).toBeVisible();
  }
  // The day in the chain in one sentence; the phase and statutes behind "Läs mer".
  await expect(page.getByTestId('chain-sentence')).toHaveText(
    /^Du har varit sjukskriven i \d+ dagar\.$/,
  );
  await page.getByText('Läs mer om rehabiliteringskedjan').click();
  await expect(page.getByText(/^Dag \d+: /)).toBeVisible();

  // Her own view, in her own words, saved as a new plan version.
  const ownView = 'Jag vill börja på förmiddagar och ha en lugn plats att arbeta på.';
  await page
    .getByLabel('Skriv med egna ord vad du vill och vad som är viktigt för dig')
    .fill(ownView);
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Din text är sparad i planen.' }),
  ).toBeVisible();
  const saved = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(saved.patientView).toBe(ownView);
  expect(saved.version).toBe(plan.version + 1);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, 'Min plan (360 px)');

  // Mina uppgifter: tick off her own open task.
  const before = await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`);
  const own = before.tasks.find(
    (task) => task.assigneeParty === 'PATIENT' && task.status !== 'DONE',
  );
  expect(own).toBeDefined();
  await goTo(page, 'Mina uppgifter');
  await expect(page.getByRole('heading', { name: 'Mina uppgifter' })).toBeVisible();
  await expectAccessible(page, 'Mina uppgifter');
  const checkbox = page.getByRole('checkbox', { name: own?.title });
  await expect(checkbox).not.toBeChecked();
  await checkbox.check();
  await expect(checkbox).toBeChecked();
  await expect(
    page.getByRole('region', { name: 'Klart' }).getByText(own?.title ?? '-'),
  ).toBeVisible();
  await expect
    .poll(async () => {
      const after = await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`);
      return after.tasks.find((task) => task.id === own?.id)?.status;
    })
    .toBe('DONE');
  await expectNoHorizontalScroll(page);

  await goTo(page, 'Möten');
  await expect(page.getByRole('heading', { name: 'Möten', exact: true })).toBeVisible();
  await expectAccessible(page, 'Möten (patient)');

  await goTo(page, 'Dokument');
  await expect(page.getByRole('heading', { name: 'Dokument', exact: true })).toBeVisible();
  await expectAccessible(page, 'Dokument (patient)');

  // Vem har tittat: the employer reads the plan; the log says so, in plain Swedish.
  const employer = await apiAs(server.url, 'chef');
  await employer.call(`/workspaces/${employer.workspaceId}/plan`);
  await goTo(page, 'Vem har tittat');
  await expect(page.getByRole('heading', { name: 'Vem har tittat' })).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: /^Maria Lindqvist \(Solbacka kommun\) tittade på planen/ }),
  ).not.toHaveCount(0);
  await expectAccessible(page, 'Vem har tittat');
  await expectNoHorizontalScroll(page);
  await context.close();
});

test('the patient shares the plan with AF and revokes it again, with the consequences spelled out', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'anna');
  const afConsents = async () =>
    (await api.call<ConsentView[]>(`/workspaces/${api.workspaceId}/consents`)).filter(
      (consent) => consent.active && consent.party === 'AF',
    );
  expect(await afConsents()).toEqual([]);

  const { context, page } = await contextFor(browser, server.url, 'anna');
  await openCase(page);
  await goTo(page, 'Vem får se vad');
  await expect(page.getByRole('heading', { name: 'Vem får se vad' })).toBeVisible();
  await expectAccessible(page, 'Vem får se vad');

  // MEDICAL to the employer: the warning and an explicit confirmation.
  await page
    .getByRole('button', { name: 'Dela de medicinska uppgifterna med arbetsgivaren' })
    .click();
  await expect(page.getByText(/Varning: medicinska uppgifter är känsliga/)).toBeVisible();
  await page.getByRole('button', { name: 'Ja, dela' }).click();
  const confirm = page.getByRole('checkbox', { name: /Jag förstår och vill ändå dela/ });
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Kryssa i rutan för att bekräfta')).toBeVisible();
  await expectAccessible(page, 'Vem får se vad: medical warning');
  await page.getByRole('button', { name: 'Avbryt' }).click();

  // Share the plan with Arbetsförmedlingen.
  await page.getByRole('button', { name: 'Dela planen med Arbetsförmedlingen' }).click();
  await expect(page.getByText('Arbetsförmedlingen kommer att kunna se planen')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, dela' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Arbetsförmedlingen ser nu planen' }),
  ).toBeVisible();
  await expect
    .poll(async () => (await afConsents()).flatMap((c) => c.categories))
    .toEqual(['PLAN']);

  // ... and revoke it: the consequences first, then the change.
  await page.getByRole('button', { name: 'Sluta dela planen med Arbetsförmedlingen' }).click();
  await expect(page.getByText(/kan de inte längre se planen, från och med nu/)).toBeVisible();
  await page.getByRole('button', { name: 'Ja, sluta dela' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Arbetsförmedlingen ser inte längre planen' }),
  ).toBeVisible();
  await expect(page.getByTestId('consent-AF-PLAN')).toContainText('Delas inte');
  await expect.poll(async () => (await afConsents()).length).toBe(0);
  await context.close();
});
