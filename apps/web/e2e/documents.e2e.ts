import type { DocumentList } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';
import { smallPdf } from './support/pdf';

const server = useServer();

test('the doctor uploads a läkarintyg, always medical; the employer is not offered one and does not see it', async ({
  browser,
}) => {
  const doctor = await contextFor(browser, server.url, 'lakare');
  await openCase(doctor.page);
  await goTo(doctor.page, 'Dokument');
  const kind = doctor.page.getByLabel('Slag av dokument');
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
  await expect(chef.page.getByLabel('Slag av dokument').locator('option')).toHaveText([
    'Plan för återgång i arbete',
    'Mötesprotokoll',
    'Annat',
  ]);
  await expect(chef.page.getByLabel('Kategori')).toHaveCount(0);
  await expect(chef.page.getByText('Läkarintyg, december')).toHaveCount(0);
  await expectAccessible(chef.page, 'Dokument (employer)');
  await chef.context.close();
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
  await anna.page.getByLabel('Slag av dokument').selectOption({ label: 'Mötesprotokoll' });
  await anna.page.getByLabel('Kategori').selectOption({ label: 'Vanligt dokument' });
  await anna.page.getByLabel('Rubrik (frivillig)').fill('Mina anteckningar från mötet');
  await expectAccessible(anna.page, 'Dokument (patient uploading)');
  await anna.page.getByLabel('Välj en fil').setInputFiles({
    name: 'anteckningar.pdf',
    mimeType: 'application/pdf',
    buffer: smallPdf('Annas anteckningar'),
  });
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
    chef.page.getByText('Anna Andersson (den sjukskrivne) laddade upp ett dokument'),
  ).toBeVisible();
  const api = await apiAs(server.url, 'anna');
  const list = await api.call<DocumentList>(`/workspaces/${api.workspaceId}/documents`);
  const mine = list.documents.filter((d) => d.uploaderParty === 'PATIENT');
  expect(mine.map((d) => [d.title, d.kind, d.category])).toEqual([
    ['Mina anteckningar från mötet', 'MEETING_PROTOCOL', 'DOCUMENTS'],
  ]);
  await Promise.all([chef.context.close(), anna.context.close()]);
});
