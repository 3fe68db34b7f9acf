import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { recordCspViolations } from './helpers';

/** A fresh browser context with nobody signed in (someone opening an e-mailed link). */
export async function anonymousContext(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
  });
  await recordCspViolations(context);
  return { context, page: await context.newPage() };
}

/** Signs in through the login form with any account (helpers.signIn knows the demo's). */
export async function signInWith(
  page: Page,
  baseUrl: string,
  account: { email: string; password: string; name: string },
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-postadress').fill(account.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByText(`Inloggad som ${account.name}`, { exact: true })).toBeVisible();
}

/**
 * The path and fragment of a mailed link: the test's server is on 127.0.0.1 while the API's
 * PUBLIC_URL may name another host for the same server.
 */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.hash}`;
}

/** A password the API's policy accepts (long, several words, nobody's name). */
export const STRONG_PASSWORD = 'Blåbär växer vid den tysta sjön';
