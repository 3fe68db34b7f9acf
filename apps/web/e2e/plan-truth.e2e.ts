import type {
  PlanRevisionSummary,
  PlanRevisionView,
  PlanView,
  TaskView,
} from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, nextPlanSave, openCase } from './support/helpers';

// Issue 14 in the browser: a save changes only what the user changed (a measure's
// description is in the form and never erased), a withheld plan says so instead of looking
// empty or fine, the employer establishes the plan and the patient agrees or not (and both
// are asked again after a change), and "no plan needed" has its control. The tests share
// one demo case, in this order.

const server = useServer();

test('AF without the plan shared reads "not shared", never "nothing yet", a quality verdict or a sign-off', async ({
  browser,
}) => {
  const af = await contextFor(browser, server.url, 'af');
  await openCase(af.page);
  await expect(af.page.getByTestId('plan-goal-withheld')).toHaveText(
    'Anna har inte delat den här delen av planen med er. Det är Anna som bestämmer vad ni får se.',
  );
  await expect(af.page.getByTestId('measures-withheld')).toHaveText(
    'Anna har inte delat planen med er. Du ser bara de insatser ni själva har lagt in.',
  );
  for (const untrue of [
    'Inget mål är skrivet ännu.',
    'Inga insatser ännu.',
    'Inga steg är planerade ännu.',
    'Planen uppfyller kvalitetskraven',
  ]) {
    await expect(af.page.getByText(untrue)).toHaveCount(0);
  }
  await expect(af.page.getByRole('heading', { name: 'Kvalitetskontroll' })).toHaveCount(0);
  await expect(af.page.getByRole('heading', { name: /Underskrifter/ })).toHaveCount(0);
  // AF writes its own measures, nothing else: no field of the employer's part is offered.
  const editor = af.page.getByRole('region', { name: 'Redigera planen' });
  await expect(editor.getByLabel('Övergripande mål')).toHaveCount(0);
  await expectAccessible(af.page, 'Plan (AF, plan not shared)');
  await af.context.close();
});

test('a measure’s description is in the form, and a save of another field leaves it as it was', async ({
  browser,
}) => {
  const chefApi = await apiAs(server.url, 'chef');
  const path = `/workspaces/${chefApi.workspaceId}/plan`;
  const before = await chefApi.call<PlanView>(path);
  const own = before.measures.find((m) => m.ownerParty === 'EMPLOYER');
  if (!own) throw new Error('the demo employer has a measure');
  // A description written earlier (through the API, as an integration would).
  const description = 'Kortare pass de första veckorna, inga tunga lyft.';
  const described = await chefApi.call<PlanView>(path, {
    method: 'PUT',
    body: JSON.stringify({
      version: before.version,
      measures: before.measures
        .filter((m) => m.ownerParty === 'EMPLOYER')
        .map((m) => (m.id === own.id ? { ...m, description } : m)),
    }),
  });

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const editor = chef.page.getByRole('region', { name: 'Redigera planen' });
  await expect(editor.getByLabel('Beskrivning').first()).toHaveValue(description);
  await expectAccessible(chef.page, 'Plan editor with the measure description');

  // Saving with no edit: nothing is sent, nothing is saved.
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(editor.getByRole('status')).toHaveText('Du har inte ändrat något ännu.');

  // Changing the goal sends the goal alone; the description stays, the revision is the goal's.
  const goal = 'Tillbaka på heltid i juni, med stöd av arbetsanpassningen.';
  await editor.getByLabel('Övergripande mål').fill(goal);
  const sent = nextPlanSave(chef.page);
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  expect(await sent).toEqual({ version: described.version, goal });
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${described.version + 1}.`,
  );
  const after = await chefApi.call<PlanView>(path);
  expect(after.measures.find((m) => m.id === own.id)?.description).toBe(description);
  const latest = await chefApi.call<PlanRevisionView>(`${path}/revisions/${String(after.version)}`);
  expect(latest.diff.map((entry) => entry.path)).toEqual(['goal']);

  // Editing the description itself in the form saves it.
  await editor.getByLabel('Beskrivning').first().fill('Kortare pass i fyra veckor.');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${after.version + 1}.`,
  );
  expect(
    (await chefApi.call<PlanView>(path)).measures.find((m) => m.id === own.id)?.description,
  ).toBe('Kortare pass i fyra veckor.');
  await chef.context.close();
});

test('the employer establishes the plan, Anna says she does not agree, and a change asks both again', async ({
  browser,
}) => {
  const chefApi = await apiAs(server.url, 'chef');
  const path = `/workspaces/${chefApi.workspaceId}/plan`;
  const version = (await chefApi.call<PlanView>(path)).version;

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const chefSignoff = chef.page.getByRole('region', {
    name: `Underskrifter för version ${String(version)}`,
  });
  await expect(chefSignoff.getByRole('button', { name: 'Jag håller inte med' })).toHaveCount(0);
  await chefSignoff.getByRole('button', { name: 'Fastställ planen' }).click();
  await expect(chef.page.getByTestId('signoff-mine')).toHaveText(
    'Du har fastställt den här versionen.',
  );
  await expect(chefSignoff).toContainText('Maria Lindqvist (arbetsgivaren) fastställde planen');

  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  const annaSignoff = anna.page.getByRole('region', { name: /Underskrifter för version/ });
  await expect(annaSignoff.getByRole('button', { name: 'Fastställ planen' })).toHaveCount(0);
  await annaSignoff
    .getByLabel('Vill du säga något om planen? (frivilligt)')
    .fill('Jag vill börja med färre timmar.');
  await annaSignoff.getByRole('button', { name: 'Jag håller inte med' }).click();
  await expect(anna.page.getByTestId('signoff-mine')).toHaveText(
    'Du har sagt att du inte håller med om den här versionen.',
  );
  await expectAccessible(anna.page, 'Min plan: her sign-off');

  // The employer changes the goal: what both of them signed has changed.
  await chef.page.reload();
  const editor = chef.page.getByRole('region', { name: 'Redigera planen' });
  await editor.getByLabel('Övergripande mål').fill('Heltid från augusti.');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${String(version + 1)}.`,
  );
  await expect(chef.page.getByTestId('signoff-asked-again')).toContainText(
    `Du fastställde version ${String(version)}. Planen har ändrats sedan dess`,
  );
  await expect(chef.page.getByRole('button', { name: 'Fastställ planen' })).toBeVisible();
  await anna.page.reload();
  await expect(anna.page.getByTestId('signoff-asked-again')).toContainText(
    `Du höll inte med om version ${String(version)}.`,
  );

  // The history: each version with who signed it, and what changed when opened.
  await chef.page.getByText('Tidigare versioner', { exact: true }).click();
  const signed = chef.page.getByTestId(`revision-${String(version)}`);
  await expect(signed).toContainText('Maria Lindqvist (arbetsgivaren) fastställde planen');
  await expect(signed).toContainText('Anna Andersson (den sjukskrivna) håller inte med om planen');
  await expect(signed).toContainText('Jag vill börja med färre timmar.');
  const changed = chef.page.getByTestId(`revision-${String(version + 1)}`);
  await changed.getByText(`Visa vad som ändrades i version ${String(version + 1)}`).click();
  await expect(changed).toContainText('Övergripande mål:');
  await expect(changed).toContainText('→ Heltid från augusti.');
  await expectAccessible(chef.page, 'Plan history with sign-offs and a diff');

  const history = await chefApi.call<PlanRevisionSummary[]>(`${path}/revisions`);
  expect(
    history
      .find((r) => r.number === version)
      ?.signoffs.map((s) => s.decision)
      .sort(),
  ).toEqual(['DISAGREED', 'ESTABLISHED']);
  await chef.context.close();
  await anna.context.close();
});

test('the employer records that no plan is needed, with its reason', async ({ browser }) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await chef.page.getByText('Ingen plan behövs', { exact: true }).click();
  const button = chef.page.getByRole('button', { name: 'Spara bedömningen' });
  await button.click();
  await expect(chef.page.getByLabel('Varför behövs ingen plan?')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(chef.page, 'Plan not needed, reason missing');
  const reason = 'Anna är tillbaka i arbete på heltid inom 60 dagar.';
  await chef.page.getByLabel('Varför behövs ingen plan?').fill(reason);
  await button.click();
  await expect(chef.page.getByTestId('plan-not-needed')).toHaveText(
    `Arbetsgivaren har bedömt att ingen plan behövs: ${reason}`,
  );
  await expect(chef.page.getByText('Ingen plan behövs', { exact: true })).toHaveCount(0);

  // The API holds it, and the day-30 deadline task is done.
  const chefApi = await apiAs(server.url, 'chef');
  const plan = await chefApi.call<PlanView>(`/workspaces/${chefApi.workspaceId}/plan`);
  expect(plan.notNeededReason).toBe(reason);
  const tasks = await chefApi.call<{ tasks: TaskView[] }>(
    `/workspaces/${chefApi.workspaceId}/tasks`,
  );
  expect(tasks.tasks.find((task) => task.deadlineKey === 'RETURN_TO_WORK_PLAN')?.status).toBe(
    'DONE',
  );
  // Others read it as part of the plan.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await expect(anna.page.getByTestId('plan-not-needed')).toHaveText(
    `Arbetsgivaren har bedömt att ingen plan behövs: ${reason}`,
  );
  await chef.context.close();
  await anna.context.close();
});
