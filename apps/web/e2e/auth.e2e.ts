import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { DEMO_PASSWORD, expectAccessible, signIn, USERS } from './support/helpers';

const server = useServer();

test('sign-in: wrong password is explained, the right one signs in, reload keeps the session, logout ends it', async ({
  page,
}) => {
  await page.goto(`${server.url}/`);
  // Not signed in: the start page sends you to the login form.
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page).toHaveTitle('Logga in – Återgång');
  await expectAccessible(page, 'login');

  // Field errors from the contract's zod schema, tied to their fields.
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  const email = page.getByLabel('E-postadress');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy ?? ''}"]`)).toContainText('e-postadress');
  await expectAccessible(page, 'login with field errors');

  await email.fill(USERS.chef.email);
  await page.getByLabel('Lösenord').fill(`${DEMO_PASSWORD}-wrong`);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Fel e-postadress eller lösenord.');

  await signIn(page, server.url, 'chef');
  await expect(page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();

  // The access token lives only in memory: a reload restores the session silently
  // from the refresh cookie.
  await page.reload();
  await expect(page.getByText(`Inloggad som ${USERS.chef.name}`)).toBeVisible();

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login/);
});

test('the e-ID button shows only when OIDC is configured (it is not here)', async ({ page }) => {
  const status = (await (await fetch(`${server.url}/api/auth/oidc`)).json()) as {
    enabled: boolean;
  };
  await page.goto(`${server.url}/login`);
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Logga in med e-legitimation' })).toHaveCount(
    status.enabled ? 1 : 0,
  );
});

test('English is the second language and sets lang', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByRole('button', { name: 'In English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'login in English');
  await page.getByRole('button', { name: 'På svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('keyboard only: skip link, sign-in, moving between views and ticking a task', async ({
  page,
}) => {
  await page.goto(`${server.url}/login`);
  // A Tab pressed before the app has rendered would land nowhere: wait for the form first.
  await expect(page.getByLabel('E-postadress')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  await page.getByLabel('E-postadress').focus();
  await page.keyboard.type(USERS.anna.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Lösenord')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Min plan' })).toBeVisible();

  const tasksLink = page.getByRole('link', { name: 'Mina uppgifter' });
  await tasksLink.focus();
  await page.keyboard.press('Enter');
  // The new view's heading takes the focus, so a screen reader announces it.
  await expect(page.getByRole('heading', { name: 'Mina uppgifter' })).toBeFocused();
  const box = page.getByRole('region', { name: 'För dig' }).getByRole('checkbox').first();
  const id = (await box.getAttribute('id')) ?? '';
  await box.focus();
  await page.keyboard.press('Space');
  await expect(page.locator(`[id="${id}"]`)).toBeChecked();
});

test('after repeated wrong passwords the lockout says how long to wait', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-postadress').fill(USERS.af.email);
  const alert = page.getByRole('alert');
  // Five failures are free; the sixth attempt straight after must wait (2 s, then growing).
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    await page.getByLabel('Lösenord').fill(`${DEMO_PASSWORD}-wrong-${attempt}`);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    if (attempt < 6) await expect(alert).toHaveText('Fel e-postadress eller lösenord.');
  }
  await expect(alert).toHaveText(
    /^För många misslyckade inloggningar\. Du kan försöka igen om \d+ sekund(er)?\.$/,
  );
  await expectAccessible(page, 'login locked out');
});
