import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

// The patient's own copy of her case (issue 17, GDPR art. 15 and 20): on "Vem har tittat"
// she downloads it as a PDF to read and as a FHIR file (JSON) to take elsewhere. Nobody else
// is offered it, and the API refuses them.

test('Anna downloads a copy of her case as a PDF and as FHIR; FK may not', async ({ browser }) => {
  const anna = await contextFor(browser, server.url, 'anna');
  const page = anna.page;
  await openCase(page);
  await goTo(page, 'Vem har tittat');
  const section = page.getByRole('region', { name: 'Ladda ner en kopia av ditt ärende' });
  await expect(section).toBeVisible();
  await expectAccessible(page, 'Vem har tittat (kopia av ärendet)');

  const pdfDownload = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Ladda ner som PDF' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe('mitt-arende.pdf');
  expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');

  const jsonDownload = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Ladda ner som FHIR-fil (JSON)' }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toBe('mitt-arende.fhir.json');
  const bundle = JSON.parse(await readFile(await json.path(), 'utf8')) as {
    resourceType: string;
    entry: { resource: { resourceType: string } }[];
  };
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.entry.some((e) => e.resource.resourceType === 'CarePlan')).toBe(true);
  await anna.context.close();

  const fk = await apiAs(server.url, 'fk');
  const refused = await fetch(`${server.url}/api/workspaces/${fk.workspaceId}/export.pdf`, {
    headers: { authorization: `Bearer ${fk.token}` },
  });
  expect(refused.status).toBe(403);
});
