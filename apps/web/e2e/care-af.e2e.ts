import type { PlanView, TaskList, WorkspaceOverview } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

test('care sees its cases with the rehab-chain day and signals, and the plan with the medical measure', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'koordinator');
  const overview = await api.call<WorkspaceOverview>(`/workspaces/${api.workspaceId}`);
  const tasks = await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`);
  const plan = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const overdue = tasks.tasks.filter((task) => task.overdue).length;

  const care = await contextFor(browser, server.url, 'koordinator');
  await expect(care.page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  const row = care.page.getByRole('listitem').filter({ hasText: 'Anna Andersson' });
  await expect(row.getByRole('definition').nth(1)).toHaveText(String(overview.rehabChain.day));
  if (overdue > 0) {
    await expect(row).toContainText(
      overdue === 1 ? '1 försenad uppgift' : `${overdue} försenade uppgifter`,
    );
  } else {
    await expect(row).not.toContainText('försenad');
  }
  await expectAccessible(care.page, 'Ärenden (care)');

  await openCase(care.page);
  const medical = plan.measures.filter((m) => m.category === 'MEDICAL');
  expect(medical.length).toBeGreaterThan(0);
  for (const measure of medical) {
    await expect(care.page.getByText(measure.title, { exact: true })).toBeVisible();
  }
  await expectAccessible(care.page, 'Plan (care)');
  await goTo(care.page, 'Möten');
  await expect(care.page.getByRole('heading', { name: 'Möten', exact: true })).toBeVisible();
  await expectAccessible(care.page, 'Möten (care)');
  await goTo(care.page, 'Uppgifter');
  await expect(care.page.getByRole('heading', { name: 'Uppgifter', exact: true })).toBeVisible();
  await expectAccessible(care.page, 'Uppgifter (care)');
  await care.context.close();
});

test('AF, without consent, is told plainly what Anna has not shared', async ({ browser }) => {
  const af = await contextFor(browser, server.url, 'af', { width: 360, height: 780 });
  await openCase(af.page);
  await expect(
    af.page.getByText('Anna har inte delat planen med Arbetsförmedlingen.'),
  ).toBeVisible();
  await expectAccessible(af.page, 'Plan (AF)');
  await goTo(af.page, 'Uppgifter');
  await expect(
    af.page.getByText('Anna har inte delat uppgifterna med Arbetsförmedlingen.'),
  ).toBeVisible();
  await expectAccessible(af.page, 'Uppgifter (AF)');
  await goTo(af.page, 'Dokument');
  await expect(
    af.page.getByText(
      'Anna har inte delat dokumenten med er. Du ser bara de dokument ni själva har laddat upp.',
    ),
  ).toBeVisible();
  await expectAccessible(af.page, 'Dokument (AF)');

  // Anna shares the plan: AF's open page shows it at once.
  const anna = await apiAs(server.url, 'anna');
  await goTo(af.page, 'Plan');
  await anna.call(`/workspaces/${anna.workspaceId}/consents`, {
    method: 'POST',
    body: JSON.stringify({ party: 'AF', categories: ['PLAN'] }),
  });
  const plan = await anna.call<PlanView>(`/workspaces/${anna.workspaceId}/plan`);
  await expect(af.page.getByText('Anna har inte delat planen med Arbetsförmedlingen.')).toHaveCount(
    0,
  );
  await expect(af.page.getByTestId('plan-goal')).toHaveText(plan.goal ?? '');
  await af.context.close();
});
