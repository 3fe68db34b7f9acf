import { type ConsoleMessage, expect, type Page, test } from '@playwright/test';
import { useServer } from './support/fixture';
import {
  expectAccessible,
  expectNoHorizontalScroll,
  recordCspViolations,
  signIn,
} from './support/helpers';

// The footer and its public pages (Så fungerar Återgång, Kontakt, Tillgänglighet,
// Personuppgifter): reachable from every page without signing in, in Swedish and English,
// axe clean; the favicon and the name mark; and a first page load without a console error.

const server = useServer();

/** Every console error and failed response the page logs, from its first request on. */
function recordConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

const PAGES_SV = [
  { link: 'Så fungerar Återgång', heading: 'Så fungerar Återgång', path: '/hjalp' },
  { link: 'Kontakt', heading: 'Kontakt', path: '/kontakt' },
  {
    link: 'Tillgänglighet',
    heading: 'Tillgänglighetsredogörelse för Återgång',
    path: '/tillganglighet',
  },
  { link: 'Personuppgifter', heading: 'Så behandlar vi personuppgifter', path: '/personuppgifter' },
] as const;

test('the login page loads with no console error, a favicon and the name mark', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'sv-SE' });
  await recordCspViolations(context);
  const page = await context.newPage();
  const errors = recordConsoleErrors(page);
  // The first visit: no session, so the silent refresh finds none (204, not 401).
  const refresh = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
  await page.goto(`${server.url}/`);
  expect((await refresh).status()).toBe(204);
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await expect(page.getByLabel('E-postadress')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);

  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute('href', '/favicon.svg');
  const favicon = await page.request.get(`${server.url}/favicon.svg`);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/svg+xml');
  expect(await favicon.text()).toContain('<svg');
  // The name mark beside the name in the header; the link's name is the name alone.
  await expect(page.getByRole('banner').locator('svg.name-mark')).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Återgång' })).toBeVisible();
  await context.close();
});

test('the footer of the login page reaches every public page without signing in, axe clean', async ({
  browser,
}) => {
  const context = await browser.newContext({
    locale: 'sv-SE',
    viewport: { width: 360, height: 800 },
  });
  await recordCspViolations(context);
  const page = await context.newPage();
  const errors = recordConsoleErrors(page);
  await page.goto(`${server.url}/login`);
  await expectAccessible(page, 'login with footer');
  const footer = page.getByRole('contentinfo');
  for (const { link, heading, path } of PAGES_SV) {
    await footer
      .getByRole('navigation', { name: 'Om tjänsten' })
      .getByRole('link', { name: link })
      .click();
    await expect(page).toHaveURL(`${server.url}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} – Återgång`);
    // Still not signed in: the page offers the way to the login, and the footer stays.
    await expect(
      page.getByRole('banner').getByRole('link', { name: 'Till inloggningen' }),
    ).toBeVisible();
    await expect(footer).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, path);
  }

  // The content a public-sector service owes: every role, and the DOS law's statement.
  await page.goto(`${server.url}/hjalp`);
  const contents = page.getByRole('navigation', { name: 'Innehåll' });
  for (const role of [
    'Du som är sjukskriven',
    'Arbetsgivaren (chef och HR)',
    'Vården (läkare och rehabkoordinator)',
    'Försäkringskassan',
    'Arbetsförmedlingen',
  ]) {
    await expect(contents.getByRole('link', { name: role })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: role })).toBeVisible();
  }
  await page.goto(`${server.url}/tillganglighet`);
  await expect(
    page.getByText('lagen (2018:1937) om tillgänglighet till digital offentlig service'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tillsyn' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Anmäl bristande tillgänglighet till DIGG/ }),
  ).toHaveAttribute('href', 'https://www.digg.se/tdosanmalan');
  await expect(page.getByText('delvis förenlig')).toBeVisible();
  await expect(page.getByText(/WCAG 2\.1/).first()).toBeVisible();
  await expect(
    page.getByText('Den senaste bedömningen gjordes den 3 december 2026', { exact: false }),
  ).toBeVisible();
  await page.goto(`${server.url}/personuppgifter`);
  for (const heading of [
    'Vem ansvarar för uppgifterna?',
    'Rättslig grund',
    'Hur länge sparas uppgifterna?',
    'Dina rättigheter',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText(/artikel 9\.2 b/)).toBeVisible();
  await expect(page.getByText(/Vem har tittat/).first()).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test('the public pages in English, and the footer on a signed-in page', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'sv-SE' });
  await recordCspViolations(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/hjalp`);
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How Återgång works' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const footer = page.getByRole('navigation', { name: 'About the service' });
  for (const [link, heading] of [
    ['Contact', 'Contact'],
    ['Accessibility', 'Accessibility statement for Återgång'],
    ['Personal data', 'How we process personal data'],
    ['How Återgång works', 'How Återgång works'],
  ] as const) {
    await footer.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page, `${heading} (en)`);
  }
  await page.getByRole('button', { name: 'På svenska' }).click();

  // Signed in, the footer is there too, and a help page leads back to the cases.
  await signIn(page, server.url, 'chef');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Personuppgifter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Så behandlar vi personuppgifter' }),
  ).toBeVisible();
  await page.getByRole('banner').getByRole('link', { name: 'Till Återgång' }).click();
  await expect(page.getByText('Inloggad som Maria Lindqvist')).toBeVisible();
  await context.close();
});
