import { expect, test } from '@playwright/test';
import { anonymousContext, pathOf, signInWith, STRONG_PASSWORD } from './support/accounts';
import { useServer } from './support/fixture';
import { contextFor, DEMO_PASSWORD, expectAccessible, USERS } from './support/helpers';

const server = useServer();

// Issue 12, one's own account: a forgotten password (the login page's link, the mailed link
// through the demo's Utkorg), changing the password and signing out everywhere.

async function loginAnswer(email: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await response.text();
  return response.status;
}

test('a forgotten password: the same answer for any address, the link from the Utkorg, a new password that signs in', async ({
  browser,
}) => {
  const visitor = await anonymousContext(browser);
  const page = visitor.page;
  await page.goto(`${server.url}/login`);
  await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Glömt lösenordet' })).toBeFocused();
  await expectAccessible(page, 'password reset request');

  // An address without an account gets the same answer as one with: nothing to learn.
  const sent = 'Om det finns ett konto för adressen har vi skickat en länk till den.';
  await page.getByLabel('E-postadress').fill('ingen.alls@atergang.test');
  await page.getByRole('button', { name: 'Skicka länken' }).click();
  await expect(page.getByRole('status')).toContainText(sent);
  await page.getByLabel('E-postadress').fill(USERS.fk.email);
  await page.getByRole('button', { name: 'Skicka länken' }).click();
  await expect(page.getByRole('status')).toContainText(sent);
  await expectAccessible(page, 'password reset requested');

  // The demo's Utkorg (for signed-in visitors) holds the mail to Johan, none to the other.
  const reader = await contextFor(browser, server.url, 'anna');
  await reader.page.getByRole('link', { name: 'Utkorg' }).click();
  await expect(reader.page.getByRole('heading', { level: 1, name: 'Utkorg' })).toBeFocused();
  const messages = reader.page.getByRole('list', { name: 'Meddelanden, det senaste först' });
  await expect(messages.getByRole('listitem').filter({ hasText: 'ingen.alls@' })).toHaveCount(0);
  const mail = messages.getByRole('listitem').filter({ hasText: USERS.fk.email }).first();
  await mail.getByText('Visa texten').click();
  const link = mail.getByRole('link', { name: /\/konto\/aterstall#/ });
  await expect(link).toBeVisible();
  await expectAccessible(reader.page, 'Utkorg with a message open');
  const resetLink = pathOf((await link.getAttribute('href')) ?? '');

  // The link: a new password, which the API judges.
  await page.goto(`${server.url}${resetLink}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' }),
  ).toBeVisible();
  const password = page.getByLabel('Nytt lösenord');
  await password.fill('kort');
  await expect(page.getByText('4 tecken. Det behövs minst 10.')).toBeVisible();
  await page.getByRole('button', { name: 'Spara det nya lösenordet' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Lösenordet behöver vara minst 10 tecken långt.')).toBeVisible();
  await expectAccessible(page, 'new password refused');
  await password.fill(STRONG_PASSWORD);
  await expect(page.getByText('Bra längd.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Spara det nya lösenordet' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ditt lösenord är bytt' }),
  ).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Logga in med det nya lösenordet.');
  await expectAccessible(page, 'password reset done');

  // The old password no longer works; the new one signs in.
  expect(await loginAnswer(USERS.fk.email, DEMO_PASSWORD)).toBe(401);
  await page.getByRole('link', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signInWith(page, server.url, {
    email: USERS.fk.email,
    password: STRONG_PASSWORD,
    name: USERS.fk.name,
  });

  // The link worked once.
  await page.goto(`${server.url}${resetLink}`);
  await page.getByLabel('Nytt lösenord').fill(`${STRONG_PASSWORD} igen`);
  await page.getByRole('button', { name: 'Spara det nya lösenordet' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Länken för att välja nytt lösenord gäller inte längre. Be om en ny länk.',
  );
  await page.getByRole('link', { name: 'Be om en ny länk' }).click();
  await expect(page.getByRole('button', { name: 'Skicka länken' })).toBeVisible();

  await visitor.context.close();
  await reader.context.close();
});

test('changing the password ends the other sessions; signing out everywhere ends them all', async ({
  browser,
}) => {
  const here = await contextFor(browser, server.url, 'lakare');
  const elsewhere = await contextFor(browser, server.url, 'lakare');
  const page = here.page;
  await page.getByRole('link', { name: 'Mitt konto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeFocused();
  await expectAccessible(page, 'account');

  // The current password is checked first, and said at its field.
  const current = page.getByLabel('Ditt nuvarande lösenord');
  await current.fill(`${DEMO_PASSWORD}-fel`);
  await page.getByLabel('Nytt lösenord').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Byt lösenord', exact: true }).click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Ditt nuvarande lösenord stämmer inte.')).toBeVisible();
  await expectAccessible(page, 'account with a refused change');

  await current.fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Byt lösenord', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Ditt lösenord är bytt. Du är fortfarande inloggad här, men alla andra inloggningar har avslutats.',
  );

  // The other browser was signed out; this one was not.
  await elsewhere.page.reload();
  await expect(elsewhere.page).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
  await expect(page.getByText(`Inloggad som ${USERS.lakare.name}`, { exact: true })).toBeVisible();
  await signInWith(elsewhere.page, server.url, {
    email: USERS.lakare.email,
    password: STRONG_PASSWORD,
    name: USERS.lakare.name,
  });

  // Signing out everywhere, after a confirm step, ends both.
  await page.getByRole('button', { name: 'Logga ut överallt', exact: true }).click();
  await expectAccessible(page, 'sign out everywhere, confirming');
  await page.getByRole('button', { name: 'Ja, logga ut överallt' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('status')).toHaveText(
    'Du är utloggad på alla enheter och webbläsare.',
  );
  await expectAccessible(page, 'signed out everywhere');
  await elsewhere.page.reload();
  await expect(elsewhere.page).toHaveURL(/\/login/);
  await page.goto(`${server.url}/konto`);
  await expect(page).toHaveURL(/\/login/);

  await here.context.close();
  await elsewhere.context.close();
});
