import type { TaskList, UpdateTaskRequest } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

const MEDICAL_BOX = 'Uppgiften innehåller medicinska uppgifter';
const MAY_NOT_READ =
  'Den du valde får inte läsa den här uppgiften, eftersom den sjukskrivna inte har delat det med dem. Välj någon annan.';

test('only a medical author marks a task medical, and an assignee who may not read it is refused at the field', async ({
  browser,
}) => {
  // The employer may not author medical information: no such box.
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Uppgifter');
  const chefForm = chef.page.getByRole('region', { name: 'Ny uppgift' });
  await expect(chefForm.getByLabel('Vad ska göras')).toBeVisible();
  await expect(chefForm.getByRole('checkbox', { name: MEDICAL_BOX })).toHaveCount(0);
  await chef.context.close();

  const api = await apiAs(server.url, 'koordinator');
  const care = await contextFor(browser, server.url, 'koordinator');
  await openCase(care.page);
  await goTo(care.page, 'Uppgifter');
  const form = care.page.getByRole('region', { name: 'Ny uppgift' });
  const title = 'Följ upp sömnen efter samtalsbehandlingen';
  await form.getByLabel('Vad ska göras').fill(title);
  const assignee = form.getByLabel('Vem ska göra det');
  await assignee.selectOption({ label: 'Maria Lindqvist (arbetsgivaren)' });
  await form.getByRole('checkbox', { name: MEDICAL_BOX }).check();
  await form.getByRole('button', { name: 'Lägg till uppgiften' }).click();

  // 422 ASSIGNEE_MAY_NOT_READ names assigneeParticipantId: said in Swedish at that field.
  await expect(assignee).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await assignee.getAttribute('aria-describedby')) ?? '';
  await expect(care.page.locator(`[id="${describedBy}"]`)).toHaveText(MAY_NOT_READ);
  await expectAccessible(care.page, 'Ny uppgift with a refused assignee');
  const refused = await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`);
  expect(refused.tasks.map((task) => task.title)).not.toContain(title);

  // FK has MEDICAL: the same task may be given to its case officer.
  await assignee.selectOption({ label: 'Johan Berg (Försäkringskassan)' });
  await form.getByRole('button', { name: 'Lägg till uppgiften' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgiften lades till.');
  const created = (await api.call<TaskList>(`/workspaces/${api.workspaceId}/tasks`)).tasks.find(
    (task) => task.title === title,
  );
  expect(created).toMatchObject({ category: 'MEDICAL', assigneeParty: 'FK' });
  await expect(
    care.page.getByRole('listitem').filter({ hasText: title }).getByText('Medicinsk'),
  ).toBeVisible();
  await care.context.close();
});

test('the assignee of another party’s task changes only its status; the creating party changes the rest', async ({
  browser,
}) => {
  const chefApi = await apiAs(server.url, 'chef');
  const title = 'Skicka arbetsbeskrivningen till vården';
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Uppgifter');
  const form = chef.page.getByRole('region', { name: 'Ny uppgift' });
  await form.getByLabel('Vad ska göras').fill(title);
  await form.getByLabel('Vem ska göra det').selectOption({ label: 'Sara Nyström (vården)' });
  await form.getByRole('button', { name: 'Lägg till uppgiften' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgiften lades till.');

  // The system's plan deadline task (created by nobody) is the employer's to tick, not to edit.
  const list = await chefApi.call<TaskList>(`/workspaces/${chefApi.workspaceId}/tasks`);
  const deadline = list.tasks.find((task) => task.deadlineKey === 'RETURN_TO_WORK_PLAN');
  expect(deadline?.createdByParty).toBeNull();
  await expect(chef.page.getByRole('checkbox', { name: deadline?.title })).toBeVisible();
  await expect(
    chef.page.getByRole('button', { name: `Ändra uppgiften ${deadline?.title ?? ''}` }),
  ).toHaveCount(0);

  // The coordinator, its assignee: the status control only.
  const care = await contextFor(browser, server.url, 'koordinator');
  await openCase(care.page);
  await goTo(care.page, 'Uppgifter');
  const box = care.page.getByRole('checkbox', { name: title });
  await expect(box).toBeVisible();
  await expect(care.page.getByRole('button', { name: `Ändra uppgiften ${title}` })).toHaveCount(0);
  await expectAccessible(care.page, 'Uppgifter (assignee)');
  await box.check();
  await expect
    .poll(async () => {
      const tasks = await chefApi.call<TaskList>(`/workspaces/${chefApi.workspaceId}/tasks`);
      return tasks.tasks.find((task) => task.title === title)?.status;
    })
    .toBe('DONE');

  // The employer, which created it, changes its title; only the changed field is sent.
  await chef.page.getByRole('button', { name: `Ändra uppgiften ${title}` }).click();
  const edit = chef.page.getByRole('group', { name: 'Ändra uppgiften' });
  const renamed = 'Skicka arbetsbeskrivningen till Sara på vårdcentralen';
  await edit.getByLabel('Vad ska göras').fill(renamed);
  await expectAccessible(chef.page, 'Uppgifter (creator editing)');
  const sent = chef.page
    .waitForRequest((request) => request.method() === 'PATCH' && request.url().includes('/tasks/'))
    .then((request) => request.postDataJSON() as UpdateTaskRequest);
  await edit.getByRole('button', { name: 'Spara ändringen' }).click();
  const body = await sent;
  expect(Object.keys(body).sort()).toEqual(['title', 'version']);
  await expect(
    chef.page.getByRole('status').filter({ hasText: 'Uppgiften är ändrad.' }),
  ).toBeVisible();
  const after = await chefApi.call<TaskList>(`/workspaces/${chefApi.workspaceId}/tasks`);
  expect(after.tasks.find((task) => task.title === renamed)?.status).toBe('DONE');

  // The patient: FK's task for her can be ticked, not rewritten; she may create tasks.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Mina uppgifter');
  const fkTask = 'Svara på vilka tider du kan till avstämningsmötet';
  await expect(anna.page.getByRole('checkbox', { name: fkTask })).toBeVisible();
  await expect(anna.page.getByRole('button', { name: `Ändra uppgiften ${fkTask}` })).toHaveCount(0);
  await expect(anna.page.getByRole('region', { name: 'Ny uppgift' })).toBeVisible();
  await expect(
    anna.page
      .getByRole('region', { name: 'Ny uppgift' })
      .getByRole('checkbox', { name: MEDICAL_BOX }),
  ).toBeVisible();
  await expectAccessible(anna.page, 'Mina uppgifter (patient with the new-task form)');
  await Promise.all([chef.context.close(), care.context.close(), anna.context.close()]);
});
