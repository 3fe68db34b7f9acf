import { readFile } from 'node:fs/promises';
import type { PlanView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, openCase } from './support/helpers';

const server = useServer();

// The plan handed over to Försäkringskassan (issue 17, item 2), in Chromium: the manager
// sends a version from the plan page, FK's case officer sees it arrive live in "Mottagna
// planer", opens it as the PDF that was sent and confirms receipt (still there after a
// reload), and Anna sees the line "Planen version n skickades till Försäkringskassan" on her
// plan. Then the plan's print view with "Skriv ut" and "Ladda ner PDF".

test('the manager sends the plan to FK, FK opens and acknowledges it, Anna sees it on her plan', async ({
  browser,
}) => {
  const version = (
    await (
      await apiAs(server.url, 'chef')
    ).call<PlanView>(`/workspaces/${(await apiAs(server.url, 'chef')).workspaceId}/plan`)
  ).version;
  expect(version).toBeGreaterThan(0);

  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  const received = fk.page.getByRole('region', { name: 'Mottagna planer' });
  await expect(received.getByText('Ingen plan har skickats till er ännu.')).toBeVisible();
  await expect(received.getByRole('button', { name: 'Begär planen' })).toBeVisible();

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  const send = chef.page.getByRole('region', { name: 'Skicka planen till Försäkringskassan' });
  await expect(send.getByLabel('Version')).toHaveValue(String(version));
  await expectAccessible(chef.page, 'Planen, skicka till Försäkringskassan');
  await send.getByRole('button', { name: 'Skicka till Försäkringskassan' }).click();
  await expect(
    send.getByText(`Vill du skicka version ${version} av planen till Försäkringskassan?`),
  ).toBeVisible();
  await send.getByRole('button', { name: 'Ja, skicka version' }).click();
  await expect(
    send.getByText(`Version ${version} är skickad till Försäkringskassan.`),
  ).toBeVisible();

  // FK's page was open all along: the hand-over arrives through the live connection.
  const item = received.getByTestId('received-plan');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Version ${version}`);
  await expect(item).toContainText('Maria Lindqvist');
  await expectAccessible(fk.page, 'Planen, mottagna planer');

  // Opening it fetches the PDF as it was sent.
  const pdfResponse = fk.page.waitForResponse((response) =>
    /\/api\/workspaces\/[^/]+\/plan\/handovers\/[^/]+\/plan\.pdf$/.test(response.url()),
  );
  const pdfDownload = fk.page.waitForEvent('download');
  await item.getByRole('button', { name: `Öppna version ${version} som PDF` }).click();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const file = await readFile(await (await pdfDownload).path());
  expect(file.subarray(0, 5).toString()).toBe('%PDF-');

  await item.getByRole('button', { name: 'Bekräfta mottagande' }).click();
  await expect(item.getByText(/Mottagandet bekräftat .* av Johan Berg/)).toBeVisible();
  await expect(item.getByRole('button', { name: 'Bekräfta mottagande' })).toHaveCount(0);
  await fk.page.reload();
  await expect(
    fk.page.getByRole('region', { name: 'Mottagna planer' }).getByText(/Mottagandet bekräftat/),
  ).toBeVisible();

  const anna = await contextFor(browser, server.url, 'anna');
  await openCase(anna.page);
  const line = anna.page.getByTestId('handover-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(
    new RegExp(
      `Planen version ${version} skickades till Försäkringskassan den \\d+ \\p{L}+\\.`,
      'u',
    ),
  );
  await expect(line).toContainText('Mottagandet bekräftades');
  await expectAccessible(anna.page, 'Min plan, skickad till Försäkringskassan');
  await anna.context.close();
  await fk.context.close();

  // The print view: the PDF's sections in the same order, "Skriv ut" and "Ladda ner PDF".
  await chef.page.getByRole('link', { name: 'Utskrift av planen' }).click();
  await expect(
    chef.page.getByRole('heading', { level: 1, name: 'Plan för återgång i arbete' }),
  ).toBeVisible();
  const headings = await chef.page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings.filter((text) => /^\d\. /.test(text))).toEqual([
    '1. Medarbetaren och arbetsgivaren',
    '2. Mål och vad den nedsatta arbetsförmågan innebär för arbetet',
    '3. Insatser',
    '4. Arbetstid steg för steg',
    '5. Kontakt under sjukskrivningen',
    '6. Uppföljning av planen',
    '7. Medarbetarens egen syn',
    '8. Vem som har upprättat och undertecknat planen',
  ]);
  await expect(chef.page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
  await expectAccessible(chef.page, 'Utskrift av planen');
  const planPdf = chef.page.waitForResponse((r) =>
    /\/api\/workspaces\/[^/]+\/plan\.pdf$/.test(r.url()),
  );
  const planDownload = chef.page.waitForEvent('download');
  await chef.page.getByRole('button', { name: 'Ladda ner PDF' }).click();
  expect((await planPdf).status()).toBe(200);
  expect((await planDownload).suggestedFilename()).toBe(`plan-for-atergang-version-${version}.pdf`);
  await chef.context.close();
});
