import type { DocumentList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
} from './support/helpers';
import { smallPdf } from './support/pdf';

const server = useServer();

test('the doctor uploads a läkarintyg, always medical; the employer is not offered one and does not see it', async ({
  browser,
}) => {
  const doctor = await contextFor(browser, server.url, 'lakare');
  await openCase(doctor.page);
  await goTo(doctor.page, 'Dokument');
  const kind = doctor.page.getByLabel('Typ av dokument');
  await expect(kind.locator('option')).toHaveText([
    'Plan för återgång i arbete',
    'Läkarintyg',
    'Mötesprotokoll',
    'Annat',
  ]);
  // An ordinary kind: the doctor chooses the category.
  await expect(doctor.page.getByLabel('Kategori').locator('option')).toHaveText([
    'Vanligt dokument',
    'Medicinska uppgifter',
  ]);
  // A läkarintyg: no choice, and the form says why.
  await kind.selectOption({ label: 'Läkarintyg' });
  await expect(doctor.page.getByLabel('Kategori')).toHaveCount(0);
  await expect(doctor.page.getByTestId('certificate-medical')).toHaveText(
    'Ett läkarintyg är alltid en medicinsk uppgift. Det ser bara de som Anna har delat medicinska uppgifter med.',
  );
  await expectAccessible(doctor.page, 'Dokument (doctor, läkarintyg)');
  await doctor.page.getByLabel('Rubrik (frivillig)').fill('Läkarintyg, december');
  await doctor.page.getByLabel('Välj en fil').setInputFiles({
    name: 'lakarintyg.pdf',
    mimeType: 'application/pdf',
    buffer: smallPdf('Lakarintyg - Anna Andersson'),
  });
  // The confirm step: nothing is sent before the doctor has seen what goes to whom (the
  // demo consents: medical information to FK, not to the employer).
  const summary = doctor.page.getByTestId('upload-summary');
  await expect(summary).toContainText(
    'Du laddar upp lakarintyg.pdf som Läkarintyg med rubriken ”Läkarintyg, december”.',
  );
  await expect(summary).toContainText(
    'Det delas som en medicinsk uppgift. Synligt för er själva, Anna och Försäkringskassan.',
  );
  await expectAccessible(doctor.page, 'Dokument (doctor, confirm step)');
  const doctorApiBefore = await apiAs(server.url, 'lakare');
  expect(
    (
      await doctorApiBefore.call<DocumentList>(
        `/workspaces/${doctorApiBefore.workspaceId}/documents`,
      )
    ).documents.filter((d) => d.title === 'Läkarintyg, december'),
  ).toEqual([]);
  await doctor.page.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(
    doctor.page.getByRole('status').filter({ hasText: 'lakarintyg.pdf laddades upp.' }),
  ).toBeVisible();
  const item = doctor.page.getByRole('listitem').filter({ hasText: 'Läkarintyg, december' });
  await expect(item.getByTestId('document-category')).toHaveText('Medicinska uppgifter');

  const doctorApi = await apiAs(server.url, 'lakare');
  const list = await doctorApi.call<DocumentList>(`/workspaces/${doctorApi.workspaceId}/documents`);
  expect(list.documents.map((d) => [d.title, d.kind, d.category])).toEqual([
    ['Läkarintyg, december', 'MEDICAL_CERTIFICATE', 'MEDICAL'],
  ]);
  await doctor.context.close();

  // The employer may not upload medical information: neither the kind nor the category.
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Dokument');
  await expect(chef.page.getByLabel('Typ av dokument').locator('option')).toHaveText([
    'Plan för återgång i arbete',
    'Mötesprotokoll',
    'Annat',
  ]);
  await expect(chef.page.getByLabel('Kategori')).toHaveCount(0);
  await expect(chef.page.getByText('Läkarintyg, december')).toHaveCount(0);
  // Not an empty list: the page says that medical documents are not shared with them.
  await expect(chef.page.getByRole('note')).toContainText(
    'Anna har inte delat medicinska uppgifter med er',
  );
  await expect(chef.page.getByText('Inga dokument ännu.')).toHaveCount(0);
  await expectAccessible(chef.page, 'Dokument (employer)');
  await chef.context.close();

  // The patient sees it, on her phone, and may preview it but not delete the doctor's file.
  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 780 });
  await openCase(anna.page);
  await goTo(anna.page, 'Dokument');
  const annasItem = anna.page.getByRole('listitem').filter({ hasText: 'Läkarintyg, december' });
  await expect(annasItem.getByTestId('document-category')).toHaveText('Medicinska uppgifter');
  await expect(annasItem.getByRole('button', { name: /^Ta bort/ })).toHaveCount(0);
  await expect(annasItem.getByRole('button', { name: /^Ladda upp en ny version/ })).toHaveCount(0);
  await annasItem.getByRole('button', { name: 'Förhandsgranska Läkarintyg, december' }).click();
  const preview = annasItem.getByTestId('document-preview');
  await expect(preview).toHaveAttribute('src', /^blob:/);
  await expect(preview).toHaveAttribute('title', 'Förhandsvisning av lakarintyg.pdf, version 1');
  await expectNoHorizontalScroll(anna.page);
  await expectAccessible(anna.page, 'Dokument (patient, preview, 360 px)');
  await anna.context.close();
});

test('the patient uploads a document of her own; the employer’s open page shows it live', async ({
  browser,
}) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Dokument');
  await expect(chef.page.getByRole('heading', { name: 'Dokument', exact: true })).toBeVisible();
  await expect(chef.page.getByText('Uppdateras direkt')).toBeVisible();

  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  await goTo(anna.page, 'Dokument');
  await anna.page.getByLabel('Typ av dokument').selectOption({ label: 'Mötesprotokoll' });
  await anna.page.getByLabel('Kategori').selectOption({ label: 'Vanligt dokument' });
  await anna.page.getByLabel('Rubrik (frivillig)').fill('Mina anteckningar från mötet');
  await expectAccessible(anna.page, 'Dokument (patient uploading)');
  await anna.page.getByLabel('Välj en fil').setInputFiles({
    name: 'anteckningar.pdf',
    mimeType: 'application/pdf',
    buffer: smallPdf('Annas anteckningar'),
  });
  await expect(anna.page.getByTestId('upload-summary')).toContainText(
    'Synligt för dig, arbetsgivaren, vården och Försäkringskassan.',
  );
  await anna.page.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(
    anna.page.getByRole('status').filter({ hasText: 'anteckningar.pdf laddades upp.' }),
  ).toBeVisible();
  await expect(
    anna.page
      .getByRole('listitem')
      .filter({ hasText: 'Mina anteckningar från mötet' })
      .getByTestId('document-category'),
  ).toHaveText('Vanligt dokument');

  // document.uploaded: the employer's list refetches and the bar says who did it.
  await expect(chef.page.getByText('Mina anteckningar från mötet')).toBeVisible();
  await expect(
    chef.page.getByText('Anna Andersson (den sjukskrivna) laddade upp ett dokument'),
  ).toBeVisible();
  const api = await apiAs(server.url, 'anna');
  const list = await api.call<DocumentList>(`/workspaces/${api.workspaceId}/documents`);
  const mine = list.documents.filter((d) => d.uploaderParty === 'PATIENT');
  expect(mine.map((d) => [d.title, d.kind, d.category])).toEqual([
    ['Mina anteckningar från mötet', 'MEETING_PROTOCOL', 'DOCUMENTS'],
  ]);
  await Promise.all([chef.context.close(), anna.context.close()]);
});

test('the employer uploads its plan and then a new version; the patient sees the history and downloads the new version, also from the plan', async ({
  browser,
}) => {
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Dokument');
  // The heading fits the party: the employer is the one asked for its plan.
  await expect(
    chef.page.getByRole('heading', {
      name: 'Ladda upp planen för återgång i arbete eller ett annat dokument',
    }),
  ).toBeVisible();
  await chef.page.getByLabel('Rubrik (frivillig)').fill('Plan för återgång, Solbacka');
  await chef.page.getByLabel('Välj en fil').setInputFiles({
    name: 'plan-v1.pdf',
    mimeType: 'application/pdf',
    buffer: smallPdf('Plan version 1'),
  });
  await expect(chef.page.getByTestId('upload-summary')).toContainText(
    'Du laddar upp plan-v1.pdf som Plan för återgång i arbete med rubriken ”Plan för återgång, Solbacka”.',
  );
  // AF has no consent: it is not named among those who will see it.
  await expect(chef.page.getByTestId('upload-summary')).toContainText(
    'Det delas som ett vanligt dokument. Synligt för er själva, Anna, vården och Försäkringskassan.',
  );
  await chef.page.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(
    chef.page.getByRole('status').filter({ hasText: 'plan-v1.pdf laddades upp.' }),
  ).toBeVisible();

  const item = chef.page.getByRole('listitem').filter({ hasText: 'Plan för återgång, Solbacka' });
  await item
    .getByRole('button', { name: 'Ladda upp en ny version av Plan för återgång, Solbacka' })
    .click();
  await item.getByLabel('Välj filen med den nya versionen').setInputFiles({
    name: 'plan-v2.pdf',
    mimeType: 'application/pdf',
    buffer: smallPdf('Plan version 2'),
  });
  await expect(item.getByTestId('upload-summary')).toContainText(
    'Du laddar upp plan-v2.pdf som version 2 av ”Plan för återgång, Solbacka”. De tidigare versionerna finns kvar.',
  );
  await expectAccessible(chef.page, 'Dokument (employer, new version)');
  await item.getByRole('button', { name: 'Ja, ladda upp' }).click();
  await expect(item.getByText(/plan-v2\.pdf · .* · version 2 ·/)).toBeVisible();
  // The employer's own document: it may delete it (the confirm says what that means).
  await item.getByRole('button', { name: 'Ta bort Plan för återgång, Solbacka' }).click();
  await expect(item.getByText('Vill du ta bort ”Plan för återgång, Solbacka”?')).toBeVisible();
  await item.getByRole('button', { name: 'Avbryt' }).click();
  await chef.context.close();

  const chefApi = await apiAs(server.url, 'chef');
  const list = await chefApi.call<DocumentList>(`/workspaces/${chefApi.workspaceId}/documents`);
  const plan = list.documents.find((d) => d.title === 'Plan för återgång, Solbacka');
  expect(plan).toMatchObject({
    currentVersion: 2,
    versionCount: 2,
    may: { addVersion: true, delete: true },
  });

  // The patient, on her phone: the version history with who and when, version 2 downloaded.
  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 780 });
  await openCase(anna.page);
  // The plan links the latest uploaded plan.
  const link = anna.page.getByTestId('plan-document-link');
  await expect(link).toContainText('Ladda ner Plan för återgång, Solbacka');
  await expect(link).toContainText('version 2');
  await expectAccessible(anna.page, 'Plan (patient, the plan as a document, 360 px)');
  await goTo(anna.page, 'Dokument');
  const annasItem = anna.page
    .getByRole('listitem')
    .filter({ hasText: 'Plan för återgång, Solbacka' })
    .first();
  // Not hers: she is offered neither a new version nor deletion.
  await expect(annasItem.getByRole('button', { name: /^Ta bort/ })).toHaveCount(0);
  await expect(annasItem.getByRole('button', { name: /^Ladda upp en ny version/ })).toHaveCount(0);
  await annasItem
    .getByRole('button', { name: 'Visa versionerna av Plan för återgång, Solbacka (2)' })
    .click();
  const versions = annasItem.getByRole('list', {
    name: 'Versioner av Plan för återgång, Solbacka',
  });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('Version 2: plan-v2.pdf');
  await expect(versions.getByRole('listitem').first()).toContainText(
    'uppladdad av Maria Lindqvist',
  );
  await expect(versions.getByRole('listitem').nth(1)).toContainText('Version 1: plan-v1.pdf');
  await expectNoHorizontalScroll(anna.page);
  await expectAccessible(anna.page, 'Dokument (patient, versions, 360 px)');
  const [download] = await Promise.all([
    anna.page.waitForEvent('download'),
    versions
      .getByRole('button', { name: 'Ladda ner version 2 av Plan för återgång, Solbacka' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe('plan-v2.pdf');
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect((await readFile(path)).toString('latin1')).toContain('Plan version 2');
  await anna.context.close();
});

test('AF is not asked for the employer’s plan: its heading and kinds fit it', async ({
  browser,
}) => {
  const af = await contextFor(browser, server.url, 'af');
  await openCase(af.page);
  await goTo(af.page, 'Dokument');
  await expect(
    af.page.getByRole('heading', { name: 'Ladda upp ett dokument', exact: true }),
  ).toBeVisible();
  await expect(
    af.page.getByText('Till exempel protokollet från en gemensam kartläggning.'),
  ).toBeVisible();
  await expectAccessible(af.page, 'Dokument (AF)');
  await af.context.close();
});
