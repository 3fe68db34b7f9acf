import AxeBuilder from '@axe-core/playwright';
import type { UpdatePlanRequest } from '@atergang/contracts';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-2026';

export const USERS = {
  anna: { email: 'anna@atergang.test', name: 'Anna Andersson' },
  chef: { email: 'chef@atergang.test', name: 'Maria Lindqvist' },
  lakare: { email: 'lakare@atergang.test', name: 'Erik Sandberg' },
  koordinator: { email: 'koordinator@atergang.test', name: 'Sara Nyström' },
  fk: { email: 'fk@atergang.test', name: 'Johan Berg' },
  af: { email: 'af@atergang.test', name: 'Leila Haddad' },
} as const;
export type Who = keyof typeof USERS;

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, baseUrl: string, who: Who): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-postadress').fill(USERS[who].email);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByText(`Inloggad som ${USERS[who].name}`)).toBeVisible();
}

/** A fresh browser context (its own cookies) signed in as `who`. */
export async function contextFor(
  browser: Browser,
  baseUrl: string,
  who: Who,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE' });
  await recordCspViolations(context);
  const page = await context.newPage();
  await signIn(page, baseUrl, who);
  return { context, page };
}

/** Opens the demo case (the only one) from the cases list, or lands in it (the patient). */
export async function openCase(page: Page): Promise<void> {
  const link = page.getByRole('link', { name: /Öppna ärendet för Anna Andersson/ });
  const heading = page.getByRole('heading', { level: 1, name: 'Anna Andersson' });
  await expect(link.or(heading)).toBeVisible();
  if (await link.isVisible()) {
    await link.click();
  }
  await expect(heading).toBeVisible();
}

export async function goTo(page: Page, tab: string | RegExp): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Ärendets delar' })
    .getByRole('link', { name: tab })
    .click();
}

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/**
 * Collects every Content-Security-Policy violation in the context's pages: the web client
 * must run under the API's strict policy (no inline scripts or styles, nothing from elsewhere).
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
}

/**
 * axe-core on the page as it is: no serious or critical WCAG 2.1 A/AA violation, and (for
 * pages of a context from `contextFor`) no Content-Security-Policy violation so far.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const csp = await page.evaluate(() => window.cspViolations ?? []);
  expect(csp, `CSP on ${view}`).toEqual([]);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const summary = bad.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? ''}): ${violation.help}\n  ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join('\n  ')}`,
  );
  expect(summary, `axe on ${view}`).toEqual([]);
}

/** The API as `who` sees it, for comparing what the page shows with what the API holds. */
export async function apiAs(baseUrl: string, who: Who) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USERS[who].email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${who}: ${response.status}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${accessToken}`,
        // Only with a body: a body-less request (DELETE) with this type gets 400.
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    if (!res.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const workspaces = await call<Array<{ id: string }>>('/workspaces');
  const workspaceId = workspaces[0]?.id;
  if (!workspaceId) throw new Error(`${who} takes part in no workspace`);
  return { call, workspaceId, token: accessToken };
}

/** The page fits its width: nothing scrolls sideways (WCAG 1.4.10 reflow at 360 px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The body of the next PUT /plan the page sends. */
export function nextPlanSave(page: Page): Promise<UpdatePlanRequest> {
  return page
    .waitForRequest(
      (request) =>
        request.method() === 'PUT' && /\/api\/workspaces\/[^/]+\/plan$/.test(request.url()),
    )
    .then((request) => request.postDataJSON() as UpdatePlanRequest);
}
