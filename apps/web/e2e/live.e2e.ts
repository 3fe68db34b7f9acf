import type { PlanView } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

/** Marks the page so a test can tell it was updated in place, not reloaded. */
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

test('the employer edits the plan; the patient’s open page updates and says who changed it', async ({
  browser,
}) => {
  const anna = await contextFor(browser, server.url, 'anna', { width: 390, height: 844 });
  await openCase(anna.page);
  await expect(anna.page.getByText('Uppdateras direkt')).toBeVisible();
  await markPage(anna.page);

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const goal = `Tillbaka på heltid i mars – ändrat ${Date.now()}`;
  const editor = chef.page.getByRole('region', { name: 'Redigera planen' });
  await editor.getByLabel('Övergripande mål').fill(goal);
  const started = Date.now();
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(anna.page.getByTestId('plan-goal')).toHaveText(goal);
  // Informational only (no timing assertions in the suite): save to the patient's page.
  test.info().annotations.push({
    type: 'save-to-other-page-ms',
    description: String(Date.now() - started),
  });
  await expect(editor.getByRole('status')).toContainText('Planen sparades');
  await expect(anna.page.getByText('Maria Lindqvist (arbetsgivaren) ändrade planen')).toBeVisible();
  await expectNotReloaded(anna.page);
  await expectAccessible(anna.page, 'Min plan with a live notice');

  // A task ticked by the patient shows on the employer's open task list.
  await goTo(chef.page, 'Uppgifter');
  await markPage(chef.page);
  await goTo(anna.page, 'Mina uppgifter');
  const own = anna.page.getByRole('region', { name: 'För dig' }).getByRole('checkbox').first();
  const title = (await own.getAttribute('id')) ?? '';
  const label = await anna.page.locator(`label[for="${title}"]`).innerText();
  await own.check();
  await expect(chef.page.getByRole('region', { name: 'Klart' }).getByText(label)).toBeVisible();
  await expect(
    chef.page.getByText(`Anna Andersson (den sjukskrivna) ändrade uppgiften ”${label}”`),
  ).toBeVisible();
  await expectNotReloaded(chef.page);

  await Promise.all([anna.context.close(), chef.context.close()]);
});

test('saving after someone else saved shows both versions of what the caller writes and merges', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'chef');
  const before = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const lastStep = before.sickLeaveSteps.length;
  expect(before.sickLeaveSteps[lastStep - 1]?.degree).toBe(50);

  // The doctor lowers the last step of the sick leave (the doctor's own part) ...
  const doctor = await contextFor(browser, server.url, 'lakare');
  await openCase(doctor.page);
  const doctorEditor = doctor.page.getByRole('region', { name: 'Redigera planen' });
  await doctorEditor
    .getByRole('group', { name: `Steg ${lastStep}` })
    .getByLabel('Sjukskrivningsgrad')
    .selectOption('25');

  // ... meanwhile the employer saves another goal (the employer's part).
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const chefEditor = chef.page.getByRole('region', { name: 'Redigera planen' });
  const chefGoal = 'Åter i arbete på heltid i mars – arbetsgivarens förslag';
  await chefEditor.getByLabel('Övergripande mål').fill(chefGoal);
  await chefEditor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(chefEditor.getByRole('status')).toContainText('Planen sparades');
  const between = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(between.goal).toBe(chefGoal);

  // The doctor saves: never a silent overwrite. Only the part the doctor writes is compared.
  await doctorEditor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(
    doctor.page.getByRole('heading', { name: 'Någon annan sparade planen medan du ändrade' }),
  ).toBeVisible();
  // It says who saved in between.
  await expect(doctor.page.getByTestId('conflict-intro')).toContainText(
    `Maria Lindqvist (arbetsgivaren) sparade planen som version ${between.version}`,
  );
  await expect(doctor.page.getByTestId('mine-sickLeaveSteps')).toContainText('25 %');
  await expect(doctor.page.getByTestId('theirs-sickLeaveSteps')).toContainText('50 %');
  await expect(doctor.page.getByTestId('mine-goal')).toHaveCount(0);
  await expectAccessible(doctor.page, 'plan conflict');
  expect((await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`)).sickLeaveSteps).toEqual(
    before.sickLeaveSteps,
  );

  await doctor.page
    .getByRole('row', { name: /Sjukskrivningens steg/ })
    .getByLabel('Använd min')
    .check();
  await doctor.page.getByRole('button', { name: 'Spara den sammanslagna planen' }).click();
  await expect(doctorEditor.getByRole('status')).toHaveText(
    `Planen sparades som version ${between.version + 1}.`,
  );
  const merged = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(merged.version).toBe(between.version + 1);
  // Both changes hold: the employer's goal and the doctor's step.
  expect(merged.goal).toBe(chefGoal);
  expect(merged.sickLeaveSteps[lastStep - 1]?.degree).toBe(25);
  await Promise.all([doctor.context.close(), chef.context.close()]);
});

test('a revoked consent shows at once on the other party’s open page', async ({ browser }) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await expect(chef.page.getByText('Uppdateras direkt')).toBeVisible();
  await goTo(chef.page, 'Dokument');
  await expect(chef.page.getByRole('heading', { name: 'Dokument', exact: true })).toBeVisible();
  await markPage(chef.page);
  await expect(chef.page.getByText('Anna har inte delat dokumenten med er.')).toHaveCount(0);

  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Vem får se vad');
  await anna.page.getByRole('button', { name: 'Sluta dela dokumenten med arbetsgivaren' }).click();
  await anna.page.getByRole('button', { name: 'Ja, sluta dela' }).click();
  await expect(anna.page.getByTestId('consent-EMPLOYER-DOCUMENTS')).toContainText('Delas inte');

  await expect(chef.page.getByText('Anna har inte delat dokumenten med er.')).toBeVisible();
  await expectNotReloaded(chef.page);
  await Promise.all([anna.context.close(), chef.context.close()]);
});

test('a lost connection is shown, and on return what was missed is caught up', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'chef');
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await expect(anna.page.getByText('Uppdateras direkt')).toBeVisible();
  await markPage(anna.page);

  await anna.context.setOffline(true);
  await expect(anna.page.getByText(/Anslutningen bröts/)).toBeVisible();

  const plan = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const goal = `Ändrat medan Anna var utan nät ${Date.now()}`;
  await api.call(`/workspaces/${api.workspaceId}/plan`, {
    method: 'PUT',
    body: JSON.stringify({ version: plan.version, goal }),
  });

  await anna.context.setOffline(false);
  await expect(anna.page.getByText('Uppdateras direkt')).toBeVisible();
  await expect(anna.page.getByTestId('plan-goal')).toHaveText(goal);
  await expect(anna.page.getByText('Maria Lindqvist (arbetsgivaren) ändrade planen')).toBeVisible();
  await expectNotReloaded(anna.page);
  await anna.context.close();
});
