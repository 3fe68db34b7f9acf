import type { DocumentList, PlanView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';
import { smallPdf } from './support/pdf';

const server = useServer();

test('the employer edits its own part and measure, not the steps, and the quality check follows', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'chef');
  const { context, page } = await contextFor(browser, server.url, 'chef');
  await expect(page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  await expectAccessible(page, 'Ärenden (employer)');
  await openCase(page);
  await expect(page.getByRole('heading', { name: 'Plan för återgång i arbete' })).toBeVisible();
  // The medical measure is withheld from the employer, and the page says so plainly.
  await expect(
    page.getByText('Anna har inte delat de medicinska uppgifterna med arbetsgivaren.'),
  ).toBeVisible();
  await expectAccessible(page, 'Plan (employer)');

  const before = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  const mine = before.measures.filter((m) => m.ownerParty === 'EMPLOYER');
  expect(mine.length).toBeGreaterThan(0);
  const editor = page.getByRole('region', { name: 'Redigera planen' });

  // A date the contract refuses is explained at the field, and nothing is saved.
  const end = editor.getByLabel('Slutdatum').first();
  await end.fill('2020-01-01');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByText('Slutet kan inte vara före början.')).toBeVisible();
  await expectAccessible(page, 'Plan editor with an error');
  await end.fill(mine[0]?.endDate ?? '');

  // The graded sick-leave steps are the doctor's decision: the employer reads them, with a
  // note saying so, and gets no controls for them.
  await expect(page.getByTestId('steps-decided-by-doctor')).toHaveText(
    /^Det är läkaren som bestämmer hur mycket och hur länge sjukskrivningen gäller\./,
  );
  await expect(editor.getByLabel('Sjukskrivningsgrad')).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Lägg till ett steg' })).toHaveCount(0);

  // A follow-up of the plan, saved with the rest.
  await editor.getByRole('button', { name: 'Lägg till en uppföljning' }).click();
  const followUp = editor.getByRole('group', {
    name: `Uppföljning ${before.followUps.length + 1}`,
  });
  await followUp.getByLabel('Datum').fill('2099-02-01');
  await followUp.getByLabel('Vad följs upp').fill('Hur fungerar arbetstiderna?');

  // Clear the responsible person: the quality check names the measure.
  await editor.getByLabel('Ansvarig person').first().fill('');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${before.version + 1}.`,
  );
  const quality = page.getByRole('region', { name: 'Kvalitetskontroll' });
  await expect(quality).toContainText(
    `Insatsen "${mine[0]?.title ?? ''}" saknar en ansvarig person.`,
  );

  // Put it back: the check is satisfied again.
  await editor.getByLabel('Ansvarig person').first().fill('Maria Lindqvist');
  await editor.getByRole('button', { name: 'Spara planen' }).click();
  await expect(editor.getByRole('status')).toHaveText(
    `Planen sparades som version ${before.version + 2}.`,
  );
  await expect(quality).not.toContainText('saknar en ansvarig person');
  const after = await api.call<PlanView>(`/workspaces/${api.workspaceId}/plan`);
  expect(after.version).toBe(before.version + 2);
  expect(after.measures.find((m) => m.id === mine[0]?.id)?.responsibleName).toBe('Maria Lindqvist');
  expect(after.sickLeaveSteps).toEqual(before.sickLeaveSteps);
  expect(after.followUps.at(-1)).toMatchObject({
    date: '2099-02-01',
    description: 'Hur fungerar arbetstiderna?',
    ownerParty: 'EMPLOYER',
    done: false,
  });
  await context.close();
});

test('the employer uploads the plan as a PDF by drag and drop; a wrong type is explained', async ({
  browser,
}) => {
  const api = await apiAs(server.url, 'chef');
  const { context, page } = await contextFor(browser, server.url, 'chef');
  await openCase(page);
  await goTo(page, 'Dokument');
  await expect(page.getByRole('heading', { name: 'Dokument', exact: true })).toBeVisible();
  await expectAccessible(page, 'Dokument (employer)');

  // A text file dressed up as a PDF: the API reads the real type and refuses it (415).
  await page.getByLabel('Välj en fil').setInputFiles({
    name: 'plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('This is not a PDF at all, just text.\n'.repeat(20)),
  });
  // Nothing is sent before the confirm step.
  await page.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Filen plan.pdf är inte en PDF-, Word-, OpenDocument- eller bildfil. Välj en annan fil.',
  );

  // Over 20 MB: said plainly, before a byte is sent (the API would answer 413).
  await page.getByLabel('Välj en fil').setInputFiles({
    name: 'stor-plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(21 * 1024 * 1024, 0x25),
  });
  await expect(page.getByRole('alert')).toHaveText(
    'Filen stor-plan.pdf är för stor (21,0 MB). Den får vara högst 20 MB.',
  );

  // The real plan, dropped on the drop zone.
  const pdf = smallPdf('Plan for atergang i arbete - Anna Andersson');
  await page.getByLabel('Rubrik (frivillig)').fill('Plan för återgång i arbete, december');
  const dataTransfer = await page.evaluateHandle((bytes: number[]) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([new Uint8Array(bytes)], 'plan-for-atergang.pdf', { type: 'application/pdf' }),
    );
    return transfer;
  }, Array.from(pdf));
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await page.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'plan-for-atergang.pdf laddades upp.' }),
  ).toBeVisible();
  await expect(page.getByText('Plan för återgång i arbete, december')).toBeVisible();

  const list = await api.call<DocumentList>(`/workspaces/${api.workspaceId}/documents`);
  expect(list.documents.map((d) => [d.title, d.current.mediaType, d.current.sizeBytes])).toEqual([
    ['Plan för återgång i arbete, december', 'application/pdf', pdf.length],
  ]);
  await expectAccessible(page, 'Dokument after upload');

  // The patient sees it too (DOCUMENTS is hers) and can download it.
  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Dokument');
  await expect(anna.page.getByText('Plan för återgång i arbete, december')).toBeVisible();
  const download = anna.page.waitForEvent('download');
  await anna.page
    .getByRole('button', { name: 'Ladda ner Plan för återgång i arbete, december' })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('plan-for-atergang.pdf');
  await anna.context.close();
  await context.close();
});
