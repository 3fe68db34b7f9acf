import type { TaskList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

test('the patient’s tasks come first as hers; the employer’s late task is the employer’s; she adds one of her own', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'anna');
  const tasks = await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`);
  // The demo case is at day 40: the employer's plan (due day 30) is late.
  const deadline = tasks.tasks.find((task) => task.deadlineKey === 'RETURN_TO_WORK_PLAN');
  expect(deadline).toMatchObject({ assigneeParty: 'EMPLOYER', overdue: true });
  const hers = tasks.tasks.find(
    (task) => task.assigneeParty === 'PATIENT' && task.status !== 'DONE',
  );
  expect(hers).toBeDefined();

  const { context, page } = await contextFor(browser, server.url, 'anna');
  await openCase(page);
  await goTo(page, 'Mina uppgifter');
  await expect(page.getByRole('heading', { level: 2, name: 'Mina uppgifter' })).toBeVisible();

  // "För dig" comes first, with her task; others' tasks follow, under who does them.
  const sections = page.getByRole('heading', { level: 3 });
  await expect(sections.first()).toHaveText('För dig');
  await expect(sections.nth(1)).toHaveText('Det här gör andra i ditt ärende');
  const forYou = page.getByRole('region', { name: 'För dig' });
  await expect(forYou.getByRole('checkbox', { name: hers?.title })).toBeVisible();
  await expect(forYou.getByText(deadline?.title ?? '-')).toHaveCount(0);
  await expect(forYou.getByText('Försenad')).toHaveCount(0);

  const others = page.getByRole('region', { name: 'Det här gör andra i ditt ärende' });
  await expect(others.getByRole('heading', { level: 4, name: 'Arbetsgivaren' })).toBeVisible();
  const employerTask = others.getByRole('listitem').filter({ hasText: deadline?.title ?? '-' });
  await expect(employerTask).toContainText(/Görs av .*arbetsgivaren/);
  await expect(employerTask.locator('.badge')).toHaveText('Försenad hos arbetsgivaren');
  // Not hers to tick off.
  await expect(employerTask.getByRole('checkbox')).toHaveCount(0);
  // She is "du", not her name and "(den sjukskrivna)".
  await expect(page.getByText('(den sjukskrivna)')).toHaveCount(0);
  await expectAccessible(page, 'Mina uppgifter (för dig first)');

  // A task of her own: she is preselected as the one who does it.
  const form = page.getByRole('region', { name: 'Ny uppgift' });
  const title = 'Ta en promenad varje förmiddag';
  await form.getByLabel('Vad ska göras').fill(title);
  const assignee = form.getByLabel('Vem ska göra det');
  await expect(assignee.locator('option:checked')).toHaveText('Du själv');
  await form.getByRole('button', { name: 'Lägg till uppgiften' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgiften lades till.');
  await expect(forYou.getByRole('checkbox', { name: title })).toBeVisible();
  await expect(forYou.getByRole('button', { name: `Ändra uppgiften ${title}` })).toBeVisible();
  await expect(others.getByText(title)).toHaveCount(0);
  const created = (await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`)).tasks.find(
    (task) => task.title === title,
  );
  expect(created).toMatchObject({ assigneeParty: 'PATIENT', createdByParty: 'PATIENT' });
  await expectAccessible(page, 'Mina uppgifter (her own task added)');
  await context.close();
});

test('staff see their own party’s tasks first, and the patient’s as hers', async ({ browser }) => {
  const { context, page } = await contextFor(browser, server.url, 'chef');
  await openCase(page);
  await goTo(page, 'Uppgifter');
  const sections = page.getByRole('heading', { level: 3 });
  await expect(sections.first()).toHaveText('För dig och arbetsgivaren');
  const others = page.getByRole('region', { name: 'Det här gör andra i ärendet' });
  await expect(
    others.getByRole('heading', { level: 4, name: 'Anna Andersson (den sjukskrivna)' }),
  ).toBeVisible();
  await expectAccessible(page, 'Uppgifter (employer)');
  await context.close();
});
