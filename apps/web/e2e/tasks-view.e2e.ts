import type { PlanView, TaskView, UpdateTaskRequest } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

/** The body of the next PATCH of a task the page sends. */
function nextTaskPatch(page: Page): Promise<UpdateTaskRequest> {
  return page
    .waitForRequest(
      (request) => request.method() === 'PATCH' && /\/tasks\/[^/]+$/.test(request.url()),
    )
    .then((request) => request.postDataJSON() as UpdateTaskRequest);
}

test('the coordinator sees "Mina" and "Alla i ärendet", edits and reassigns her own task sending only what changed', async ({
  browser,
}) => {
  const care = await apiAs(server.url, 'koordinator');
  const tasksUrl = `/workspaces/${care.workspaceId}/tasks`;
  const plan = await care.call<PlanView>(`/workspaces/${care.workspaceId}/plan`);
  const measure = plan.measures.find((m) => m.ownerParty === 'CARE' && m.category === 'PLAN');
  expect(measure).toBeDefined();
  const title = 'Boka samtal om arbetsträningen';
  const ours = await care.call<TaskView>(tasksUrl, {
    method: 'POST',
    body: JSON.stringify({
      title,
      description: 'Ta med schemat från arbetsgivaren.',
      assigneeParty: 'CARE',
      measureId: measure?.id,
      dueDate: '2199-01-31',
    }),
  });
  // Another party's task given to care: care moves it on, but does not rewrite it.
  const fk = await apiAs(server.url, 'fk');
  const fkTitle = 'Skicka läkarintyget till Försäkringskassan';
  await fk.call<TaskView>(tasksUrl, {
    method: 'POST',
    body: JSON.stringify({ title: fkTitle, assigneeParty: 'CARE' }),
  });
  // The employer's own task, shared with care by consent: under "Alla", not under "Mina".
  const chef = await apiAs(server.url, 'chef');
  const employerTask = await chef.call<TaskView>(tasksUrl, {
    method: 'POST',
    body: JSON.stringify({
      title: 'Ordna en höj- och sänkbar arbetsplats',
      assigneeParty: 'EMPLOYER',
    }),
  });

  const { context, page } = await contextFor(browser, server.url, 'koordinator');
  await openCase(page);
  await goTo(page, 'Uppgifter');
  const mine = page.getByRole('button', { name: 'Mina', exact: true });
  const all = page.getByRole('button', { name: 'Alla i ärendet' });
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(employerTask.title).first()).toBeVisible();

  // "Mina": the API's mine=true, what is given to care; the employer's task is not there.
  const mineRequest = page.waitForRequest((r) => r.url().includes('/tasks?mine=true'));
  await mine.click();
  await mineRequest;
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(employerTask.title)).toHaveCount(0);
  const item = page.getByRole('listitem').filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item.getByText('Ta med schemat från arbetsgivaren.')).toBeVisible();
  await expect(
    item.getByRole('link', { name: `Hör till insatsen: ${measure?.title ?? '-'}` }),
  ).toHaveAttribute('href', `/w/${care.workspaceId}/plan#measure-${measure?.id ?? '-'}`);
  // FK's task: the status box, and no edit control (the API gives care the status only).
  const fkItem = page.getByRole('listitem').filter({ hasText: fkTitle });
  await expect(fkItem.getByRole('checkbox', { name: fkTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: `Ändra uppgiften ${fkTitle}` })).toHaveCount(0);
  await expectAccessible(page, 'Uppgifter, Mina');

  // An edit of the description alone sends the version and the description, nothing else.
  await page.getByRole('button', { name: `Ändra uppgiften ${title}` }).click();
  const edit = page.getByRole('group', { name: 'Ändra uppgiften' });
  await edit.getByLabel('Beskrivning').fill('Ta med schemat och intyget.');
  await expectAccessible(page, 'Uppgifter, editing a task');
  let sent = nextTaskPatch(page);
  await edit.getByRole('button', { name: 'Spara ändringen' }).click();
  expect(await sent).toEqual({ version: ours.version, description: 'Ta med schemat och intyget.' });
  await expect(page.getByRole('status').filter({ hasText: 'Uppgiften är ändrad.' })).toBeVisible();
  await expect(item.getByText('Ta med schemat och intyget.')).toBeVisible();

  // Reassign to the doctor: only the assignee is sent.
  await page.getByRole('button', { name: `Ändra uppgiften ${title}` }).click();
  await edit.getByLabel('Vem ska göra det').selectOption({ label: 'Erik Sandberg (vården)' });
  sent = nextTaskPatch(page);
  await edit.getByRole('button', { name: 'Spara ändringen' }).click();
  const lakare = await apiAs(server.url, 'lakare');
  const overview = await lakare.call<{ me: { participantId: string } }>(
    `/workspaces/${care.workspaceId}`,
  );
  expect(await sent).toEqual({
    version: ours.version + 1,
    assigneeParticipantId: overview.me.participantId,
  });
  await expect(item.getByText('För: Erik Sandberg (vården)')).toBeVisible();
  const stored = await care.call<TaskView>(`${tasksUrl}/${ours.id}`);
  expect(stored).toMatchObject({
    title,
    description: 'Ta med schemat och intyget.',
    dueDate: '2199-01-31',
    assignee: { name: 'Erik Sandberg' },
  });

  // The API's overdue filter: nothing of care's is late, so Mina is empty under it.
  const overdueRequest = page.waitForRequest((r) => r.url().includes('overdue=true'));
  await page.getByRole('checkbox', { name: 'Bara försenade' }).check();
  await overdueRequest;
  await expect(item).toHaveCount(0);
  await expect(page.getByText('Inga uppgifter stämmer med filtren.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Bara försenade' }).uncheck();
  await all.click();
  await expect(page.getByText(employerTask.title).first()).toBeVisible();

  // The task's link lands on its measure in the plan: in view and focused, on a short screen.
  await page.setViewportSize({ width: 360, height: 640 });
  await page
    .getByRole('listitem')
    .filter({ hasText: title })
    .getByRole('link', { name: `Hör till insatsen: ${measure?.title ?? '-'}` })
    .click();
  const target = page.locator(`[id="measure-${measure?.id ?? '-'}"]`);
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  await expect(target).toContainText(measure?.title ?? '-');
  await context.close();
});
