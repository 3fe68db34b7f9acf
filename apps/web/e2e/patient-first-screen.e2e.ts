import type { PlanView, WorkspaceOverview } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  openCase,
  recordCspViolations,
  signIn,
} from './support/helpers';

const server = useServer();

/** The element's box lies inside the viewport as it is now (nothing scrolled). */
async function expectInViewport(page: Page, testId: string): Promise<void> {
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBe(0);
  const box = await page.getByTestId(testId).boundingBox();
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  expect(viewport).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
}

test('the patient’s first screen on a phone is her plan: goal above the fold, the day in one sentence, the law behind “Läs mer”', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'anna');
  const plan = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const overview = await api.call<WorkspaceOverview>(`/workspaces/${api.workspaceId}`);
  const day = overview.rehabChain.day;
  expect(plan.goal).toBeTruthy();

  const { context, page } = await contextFor(browser, server.url, 'anna', {
    width: 390,
    height: 844,
  });
  await openCase(page);
  await expect(page.getByRole('heading', { name: 'Min plan' })).toBeVisible();
  await expect(page.getByTestId('plan-goal')).toHaveText(plan.goal ?? '');
  await expectInViewport(page, 'plan-goal');

  // The day in the rehab chain as one plain sentence, said to her.
  await expect(page.getByTestId('chain-sentence')).toHaveText(
    `Du har varit sjukskriven i ${day} dagar.`,
  );
  // The statute detail (milestones and their legal sources) only after "Läs mer".
  const legal = page.getByTestId('chain-legal');
  await expect(legal).toBeHidden();
  await expect(page.getByText(/\d §/).first()).toBeHidden();
  await page.getByText('Läs mer om rehabiliteringskedjan').click();
  await expect(legal).toBeVisible();
  await expect(legal).toContainText(/\d §/);
  await expectAccessible(page, 'Min plan, första skärmen (390 × 844)');

  // In English the sentence is as plain.
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByTestId('chain-sentence')).toHaveText(
    `You have been on sick leave for ${day} days.`,
  );
  await page.getByRole('button', { name: 'På svenska' }).click();
  await context.close();
});

test('dates are shown and typed as ÅÅÅÅ-MM-DD under an American browser locale', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  await recordCspViolations(context);
  const page = await context.newPage();
  await signIn(page, server.url, 'chef');
  await openCase(page);
  await expect(page.getByRole('heading', { name: 'Plan för återgång i arbete' })).toBeVisible();

  const returnDate = page.getByLabel('Planerad återgång (datum)');
  // A text field with the pattern, not the browser's date field (mm/dd/yyyy in en-US).
  await expect(returnDate).toHaveAttribute('type', 'text');
  await expect(returnDate).toHaveAttribute('placeholder', 'ÅÅÅÅ-MM-DD');
  // An American date is refused with the Swedish pattern as the example.
  await returnDate.fill('03/01/2027');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByText('Skriv ett datum, till exempel 2026-03-01.')).toBeVisible();
  await returnDate.fill('2027-03-01');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Planen sparades som version/ }),
  ).toBeVisible();
  // Shown back in Swedish: "1 mars 2027", never "3/1/2027" or "March 1".
  await expect(page.getByText('1 mars 2027').first()).toBeVisible();
  await expect(page.getByText('3/1/2027')).toHaveCount(0);
  await expect(returnDate).toHaveValue('2027-03-01');
  await expectAccessible(page, 'Planen, datum i svenskt format (en-US)');
  await context.close();
});
