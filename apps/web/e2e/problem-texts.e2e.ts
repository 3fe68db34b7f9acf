import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

// A refused request reads as the client's own text for its problem code, in the user's
// language; the API's `detail` is English for developers and never reaches the page.

test('a case that is not there is said in Swedish, and in English after switching, never as the API’s detail', async ({
  browser,
}) => {
  const af = await contextFor(browser, server.url, 'af');
  const url = `${server.url}/w/${randomUUID()}/plan`;
  const detail = 'There is no such workspace, or you do not take part in it.';
  const answered = af.page.waitForResponse(
    (response) => response.url().includes('/api/workspaces/') && response.status() === 404,
  );
  await af.page.goto(url);
  // The API did answer with its English detail; the page shows the Swedish text instead.
  expect(((await (await answered).json()) as { detail: string }).detail).toBe(detail);
  await expect(af.page.getByRole('alert')).toHaveText(
    'Ärendet finns inte, eller så är du inte med i det.',
  );
  await expect(af.page.getByText(detail)).toHaveCount(0);
  await expectAccessible(af.page, 'a case that does not exist');

  await af.page.getByRole('button', { name: 'In English' }).click();
  await expect(af.page.getByRole('alert')).toHaveText(
    'This case does not exist, or you do not take part in it.',
  );
  await expect(af.page.getByText(detail)).toHaveCount(0);
  await af.context.close();
});

test('a problem code the client does not know gets a plain Swedish sentence, not the English detail', async ({
  browser,
}) => {
  const af = await contextFor(browser, server.url, 'af');
  await openCase(af.page);
  // As from a newer API: a code this client has no text for.
  await af.page.route(/\/api\/workspaces\/[^/]+\/tasks(\?|$)/, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'https://atergang.se/problems/something-new',
        title: 'Unprocessable Content',
        status: 422,
        code: 'SOMETHING_NEW',
        detail: 'The patient has not shared the plan with your party in a new way.',
      }),
    }),
  );
  await goTo(af.page, 'Uppgifter');
  await expect(af.page.getByRole('alert')).toHaveText(
    'Det gick inte att göra det du bad om. Ladda om sidan och försök igen.',
  );
  await expect(af.page.getByText(/has not shared/)).toHaveCount(0);
  await expectAccessible(af.page, 'Uppgifter with an unknown problem');
  await af.context.close();
});
