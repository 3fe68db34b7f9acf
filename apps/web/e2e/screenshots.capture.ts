import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { apiAs, contextFor, goTo, openCase, USERS } from './support/helpers';
import { startServer, type Server } from './support/server';

// `npm run screenshots`: the main views of each party, against the demo case, into
// docs/screenshots/ (the README shows them).

const out = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
let server: Server;

test.beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  server = await startServer();
});
test.afterAll(async () => {
  await server.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.getByText('Hämtar …')).toHaveCount(0);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

test('screenshots of the main views', async ({ browser }) => {
  const phone = { width: 390, height: 844 };
  const desk = { width: 1280, height: 900 };

  const login = await browser.newContext({ viewport: desk, locale: 'sv-SE' });
  const loginPage = await login.newPage();
  await loginPage.goto(`${server.url}/login`);
  await shot(loginPage, 'login');
  await login.close();

  // Others have looked at Anna's case, so "Vem har tittat" has something to show.
  for (const who of ['chef', 'fk'] as const) {
    const other = await apiAs(server.url, who);
    await other.call(`/workspaces/${other.workspaceId}/plan`);
    await other.call(`/workspaces/${other.workspaceId}/tasks`);
  }

  const anna = await contextFor(browser, server.url, 'anna', phone);
  await openCase(anna.page);
  await shot(anna.page, 'patient-min-plan');
  await goTo(anna.page, 'Mina uppgifter');
  await shot(anna.page, 'patient-mina-uppgifter');
  await goTo(anna.page, 'Möten');
  await shot(anna.page, 'patient-moten');
  await goTo(anna.page, 'Vem får se vad');
  await anna.page
    .getByRole('button', { name: 'Dela de medicinska uppgifterna med arbetsgivaren' })
    .click();
  await shot(anna.page, 'patient-vem-far-se-vad');
  await goTo(anna.page, 'Vem har tittat');
  await shot(anna.page, 'patient-vem-har-tittat');
  await anna.context.close();

  const chef = await contextFor(browser, server.url, 'chef', desk);
  await shot(chef.page, 'employer-arenden');
  await openCase(chef.page);
  await shot(chef.page, 'employer-plan');
  await goTo(chef.page, 'Dokument');
  await shot(chef.page, 'employer-dokument');
  await chef.context.close();

  const fk = await contextFor(browser, server.url, 'fk', desk);
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  await shot(fk.page, 'fk-moten');
  await fk.page.getByRole('link', { name: 'Ordna ett avstämningsmöte' }).click();
  await shot(fk.page, 'fk-ordna-avstamningsmote');
  await fk.context.close();

  const care = await contextFor(browser, server.url, 'koordinator', desk);
  await shot(care.page, 'care-arenden');
  await care.context.close();

  const af = await contextFor(browser, server.url, 'af', desk);
  await openCase(af.page);
  await expect(
    af.page.getByText(`${USERS.anna.name.split(' ')[0]} har inte delat`).first(),
  ).toBeVisible();
  await shot(af.page, 'af-plan');
  await af.context.close();
});
