import type { ConsentView, PlanView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, nextPlanSave, openCase } from './support/helpers';

// Each party edits the parts of the plan the API's policy gives it (the overview's
// permissions), and a save sends the version read and only the parts that changed.

const server = useServer();

test('the doctor alone changes the sick-leave steps; the save sends only the steps', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'lakare');
  const before = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(before.version).toBe(4);
  const stepCount = before.sickLeaveSteps.length;

  const doctor = await contextFor(browser, server.url, 'lakare');
  await openCase(doctor.page);
  const editor = doctor.page.getByRole('region', { name: 'Redigera planen' });
  await expect(editor).toContainText(
    'Du kan ändra sjukskrivningens steg och vårdens egna insatser.',
  );
  // Not the employer's part: no goal, return date, contact or follow-up fields.
  await expect(editor.getByLabel('Övergripande mål')).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Lägg till en uppföljning' })).toHaveCount(0);
  await expect(doctor.page.getByTestId('steps-decided-by-doctor')).toHaveCount(0);
  await expect(editor.getByLabel('Sjukskrivningsgrad')).toHaveCount(stepCount);

  // A step that overlaps the one before it is refused at the field.
  await editor.getByRole('button', { name: 'Lägg till ett steg' }).click();
  const newStep = editor.getByRole('group', { name: `Steg ${stepCount + 1}` });
  await newStep.getByLabel('Från').fill(before.sickLeaveSteps[0]?.fromDate ?? '2026-01-01');
  await newStep.getByLabel('Till').fill('2099-12-31');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(newStep.getByText('Ett steg måste börja efter att det förra slutar.')).toBeVisible();
  await expect(newStep.getByLabel('Från')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(doctor.page, 'Plan editor (doctor) with an error');
  await newStep.getByRole('button', { name: `Ta bort steg ${stepCount + 1}` }).click();

  await editor
    .getByRole('group', { name: `Steg ${stepCount}` })
    .getByLabel('Sjukskrivningsgrad')
    .selectOption('25');
  const sent = nextPlanSave(doctor.page);
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  const body = await sent;
  expect(Object.keys(body).sort()).toEqual(['sickLeaveSteps', 'version']);
  expect(body.version).toBe(before.version);
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${before.version + 1}.`,
  );

  const after = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(after.sickLeaveSteps.map((step) => step.degree)).toEqual([
    ...before.sickLeaveSteps.slice(0, -1).map((step) => step.degree),
    25,
  ]);
  expect(after.goal).toBe(before.goal);
  expect(after.measures).toEqual(before.measures);
  await expectAccessible(doctor.page, 'Plan (doctor) after saving');
  await doctor.context.close();
});

test('FK writes only its own measures, without a medical category; the coordinator may choose it', async ({
  browser,
}) => {
  const fkApi = await apiAs(server.url, 'fk');
  const before = await fkApi.call<PlanView>(`/workspaces/${fkApi.workspaceId}/plan`);

  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  const editor = fk.page.getByRole('region', { name: 'Redigera planen' });
  await expect(editor).toContainText('Du kan ändra Försäkringskassans egna insatser.');
  // No edit fields for others' parts, and the steps are read-only with the doctor's note.
  await expect(editor.getByLabel('Övergripande mål')).toHaveCount(0);
  await expect(editor.getByLabel('Sjukskrivningsgrad')).toHaveCount(0);
  await expect(fk.page.getByTestId('steps-decided-by-doctor')).toBeVisible();
  // No measure of FK's yet, so no measure fields; none of others' measures either.
  await expect(editor.getByLabel('Vad ska göras')).toHaveCount(0);

  await editor.getByRole('button', { name: 'Lägg till insats' }).click();
  const measure = editor.getByRole('group', { name: 'Insats 1' });
  await expect(measure.getByLabel('Kategori')).toHaveCount(0);
  await expect(measure.getByLabel('Typ av insats')).toHaveValue('COORDINATION');
  await measure.getByLabel('Vad ska göras').fill('Försäkringskassan stämmer av planen med Anna');
  await measure.getByLabel('Ansvarig person').fill('Johan Berg');
  await measure.getByLabel('Startdatum').fill('2099-01-10');
  await measure.getByLabel('Uppföljningsdatum').fill('2099-02-10');
  const sent = nextPlanSave(fk.page);
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  const body = await sent;
  expect(Object.keys(body).sort()).toEqual(['measures', 'version']);
  expect(body.measures).toEqual([
    expect.objectContaining({
      title: 'Försäkringskassan stämmer av planen med Anna',
      kind: 'COORDINATION',
      category: 'PLAN',
    }),
  ]);
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${before.version + 1}.`,
  );
  const after = await fkApi.call<PlanView>(`/workspaces/${fkApi.workspaceId}/plan`);
  expect(after.measures.filter((m) => m.ownerParty !== 'FK')).toEqual(before.measures);
  expect(after.measures.filter((m) => m.ownerParty === 'FK')).toEqual([
    expect.objectContaining({ title: 'Försäkringskassan stämmer av planen med Anna' }),
  ]);
  await expectAccessible(fk.page, 'Plan (FK) after saving');
  await fk.context.close();

  // The coordinator may write medical measures: each of care's measures has a category.
  const care = await contextFor(browser, server.url, 'koordinator');
  await openCase(care.page);
  const careEditor = care.page.getByRole('region', { name: 'Redigera planen' });
  await expect(careEditor.getByLabel('Sjukskrivningsgrad')).toHaveCount(0);
  const categories = careEditor.getByLabel('Kategori');
  await expect(categories).toHaveCount(2);
  await expect(categories.nth(0)).toHaveValue('PLAN');
  await expect(categories.nth(1)).toHaveValue('MEDICAL');
  await expect(categories.nth(0).locator('option')).toHaveText([
    'Vanlig insats i planen',
    'Medicinsk (till exempel behandling)',
  ]);
  await expectAccessible(care.page, 'Plan editor (coordinator)');
  await care.context.close();
});

test('the employer without PLAN consent still saves its own part of the plan', async ({
  browser,
}) => {
  // Anna stops sharing the plan with the employer (the other categories stay shared).
  const anna = await apiAs(server.url, 'anna');
  const consents = await anna.call<ConsentView[]>(`/workspaces/${anna.workspaceId}/consents`);
  for (const consent of consents.filter((c) => c.active && c.party === 'EMPLOYER')) {
    await anna.call(`/workspaces/${anna.workspaceId}/consents/${consent.id}`, {
      method: 'DELETE',
    });
  }
  await anna.call(`/workspaces/${anna.workspaceId}/consents`, {
    method: 'POST',
    body: JSON.stringify({ party: 'EMPLOYER', categories: ['TASKS', 'MEETINGS', 'DOCUMENTS'] }),
  });
  const before = await anna.call<PlanView>(`/workspaces/${anna.workspaceId}/plan`);

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await expect(chef.page.getByText('Anna har inte delat planen med arbetsgivaren.')).toBeVisible();
  const chefApi = await apiAs(server.url, 'chef');
  const seen = await chefApi.call<PlanView>(`/workspaces/${chefApi.workspaceId}/plan`);
  expect(seen.withheld).toContain('PLAN');

  const editor = chef.page.getByRole('region', { name: 'Redigera planen' });
  const goal = 'Anna är tillbaka på heltid i april, med anpassade arbetsuppgifter i början.';
  await editor.getByLabel('Övergripande mål').fill(goal);
  const sent = nextPlanSave(chef.page);
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  const body = await sent;
  // Only the changed part, against the version the employer read: nothing withheld is sent.
  expect(body).toEqual({ version: seen.version, goal });
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${seen.version + 1}.`,
  );
  await expectAccessible(chef.page, 'Plan (employer without PLAN) after saving');

  const after = await anna.call<PlanView>(`/workspaces/${anna.workspaceId}/plan`);
  expect(after.goal).toBe(goal);
  expect(after.sickLeaveSteps).toEqual(before.sickLeaveSteps);
  expect(after.patientView).toBe(before.patientView);
  expect(after.measures).toEqual(before.measures);
  await chef.context.close();
});

test('the patient writes her own view and her own measure, not the others’ parts', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'anna');
  const before = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const { context, page } = await contextFor(browser, server.url, 'anna');
  await openCase(page);
  await expect(page.getByTestId('steps-decided-by-doctor')).toHaveText(
    'Det är din läkare som bestämmer hur mycket och hur länge du är sjukskriven.',
  );
  await expect(page.getByRole('region', { name: 'Redigera planen' })).toHaveCount(0);
  const editor = page.getByRole('region', { name: 'Ändra dina egna insatser' });
  await expect(editor.getByLabel('Övergripande mål')).toHaveCount(0);
  await expect(editor.getByLabel('Sjukskrivningsgrad')).toHaveCount(0);

  await editor.getByRole('button', { name: 'Lägg till insats' }).click();
  const measure = editor.getByRole('group', { name: 'Insats 1' });
  await measure.getByLabel('Vad ska göras').fill('Promenad varje morgon före arbetet');
  await measure.getByLabel('Kategori').selectOption('MEDICAL');
  await measure.getByLabel('Ansvarig person').fill('Anna Andersson');
  await measure.getByLabel('Startdatum').fill('2099-01-05');
  await measure.getByLabel('Uppföljningsdatum').fill('2099-02-05');
  await expectAccessible(page, 'Min plan: her own measure');
  const sent = nextPlanSave(page);
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  const body = await sent;
  expect(Object.keys(body).sort()).toEqual(['measures', 'version']);
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${before.version + 1}.`,
  );

  // Her own view, saved on its own.
  const view = 'Jag vill ha en lugn plats att arbeta på de första veckorna.';
  await page.getByLabel('Skriv med egna ord vad du vill och vad som är viktigt för dig').fill(view);
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Din text är sparad i planen.' }),
  ).toBeVisible();

  const after = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(after.patientView).toBe(view);
  expect(after.measures.filter((m) => m.ownerParty === 'PATIENT')).toEqual([
    expect.objectContaining({
      title: 'Promenad varje morgon före arbetet',
      category: 'MEDICAL',
      ownerParty: 'PATIENT',
    }),
  ]);
  expect(after.measures.filter((m) => m.ownerParty !== 'PATIENT')).toEqual(before.measures);
  // The employer, without MEDICAL, does not see her medical measure.
  const chef = await apiAs(server.url, 'chef');
  const chefPlan = await chef.call<PlanView>(`/workspaces/${chef.workspaceId}/plan`);
  expect(chefPlan.measures.map((m) => m.title)).not.toContain('Promenad varje morgon före arbetet');
  await context.close();
});
