import type {
  NotificationList,
  NotificationPreferences,
  OutboxMessageView,
  UnreadCount,
  UpdateNotificationPreferences,
} from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { mailTo } from './support/case-mail';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
  USERS,
} from './support/helpers';

const server = useServer();

/** Marks the page so a test can tell it was updated in place, not reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  });
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded),
  ).toBe(true);
}

/** The bell's accessible name for `count` unread ones ("Aviseringar, 3 olästa"). */
function bellName(count: number): string {
  if (count === 0) return 'Aviseringar';
  return `Aviseringar, ${count} ${count === 1 ? 'oläst' : 'olästa'}`;
}

function bell(page: Page) {
  return page.getByRole('navigation', { name: 'Ditt konto' }).getByRole('link', {
    name: /^Aviseringar/,
  });
}

/** The body of the next PATCH /me/notification-preferences the page sends. */
function nextPreferencesSave(page: Page): Promise<UpdateNotificationPreferences> {
  return page
    .waitForRequest(
      (request) =>
        request.method() === 'PATCH' && request.url().endsWith('/api/me/notification-preferences'),
    )
    .then((request) => request.postDataJSON() as UpdateNotificationPreferences);
}

test('the patient chooses e-mail at once for new tasks; the save sends that one change and a reload shows it', async ({
  browser,
}) => {
  const anna = await apiAs(server.url, 'anna');
  // So the e-mail of the next test goes at once whatever the hour this runs: no quiet hours.
  await anna.call('/me/notification-preferences', {
    method: 'PATCH',
    body: JSON.stringify({ quietHours: null }),
  });
  const before = await anna.call<NotificationPreferences>('/me/notification-preferences');
  // The patient's gentle default: new tasks in the late-afternoon summary.
  expect(before.kinds['task.assigned']).toBe('DAILY');
  expect(before.digestHour).toBe(17);

  const { context, page } = await contextFor(browser, server.url, 'anna');
  await page.getByRole('link', { name: 'Mitt konto' }).click();
  await page.getByRole('link', { name: 'Inställningar för aviseringar' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inställningar för aviseringar' }),
  ).toBeVisible();
  const newTask = page.getByRole('group', { name: 'Du får en uppgift' });
  await expect(newTask.getByRole('radio', { name: 'Daglig sammanfattning' })).toBeChecked();
  await expect(page.getByLabel('När vill du få sammanfattningen?')).toHaveValue('17');
  await expect(page.getByLabel('Skicka ingen e-post under vissa timmar')).not.toBeChecked();
  // Quiet hours are off: no hours to choose.
  await expect(page.getByLabel('Från klockan')).toHaveCount(0);
  // An invitation is never e-mailed as a notification: nothing to choose for it.
  await expect(
    page.getByRole('group', {
      name: 'Du bjuds in till ett ärende eller ombeds godkänna en deltagare',
    }),
  ).toHaveCount(0);
  await expectAccessible(page, 'Inställningar för aviseringar');

  await newTask.getByRole('radio', { name: 'Direkt' }).check();
  const sent = nextPreferencesSave(page);
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  // Only what she changed is sent.
  expect(await sent).toEqual({ kinds: { 'task.assigned': 'IMMEDIATE' } });
  await expect(page.getByText('Dina inställningar är sparade.')).toBeVisible();

  await page.reload();
  const afterReload = page.getByRole('group', { name: 'Du får en uppgift' });
  await expect(afterReload.getByRole('radio', { name: 'Direkt' })).toBeChecked();
  await expect(
    page.getByRole('group', { name: 'En uppgift ska vara klar i morgon' }).getByRole('radio', {
      name: 'Daglig sammanfattning',
    }),
  ).toBeChecked();
  await expect(page.getByLabel('När vill du få sammanfattningen?')).toHaveValue('17');
  await expect(page.getByLabel('Skicka ingen e-post under vissa timmar')).not.toBeChecked();

  // The server holds the one change and nothing else.
  const after = await anna.call<NotificationPreferences>('/me/notification-preferences');
  expect(after).toEqual({
    ...before,
    kinds: { ...before.kinds, 'task.assigned': 'IMMEDIATE' },
  });

  // Saving again without a change sends nothing.
  let patched = false;
  page.on('request', (request) => {
    if (request.method() === 'PATCH') patched = true;
  });
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByText('Du har inte ändrat något.')).toBeVisible();
  expect(patched).toBe(false);
  await context.close();
});

test('the employer gives the patient a task: her open page’s bell counts it without reload, the list leads to the case, and the e-mail holds no task text', async ({
  browser,
}) => {
  const annaApi = await apiAs(server.url, 'anna');
  const workspaceId = annaApi.workspaceId;
  // Her default is the 17:00 summary with quiet hours; this test wants the e-mail at once
  // (the first test chose that on the page; said again so this one stands alone).
  await annaApi.call('/me/notification-preferences', {
    method: 'PATCH',
    body: JSON.stringify({ kinds: { 'task.assigned': 'IMMEDIATE' }, quietHours: null }),
  });
  const { unreadCount: unreadBefore } = await annaApi.call<UnreadCount>(
    '/notifications/unread-count',
  );
  const chefApi = await apiAs(server.url, 'chef');
  const mailsBefore = await chefApi.call<OutboxMessageView[]>('/demo/outbox');

  // The patient's page is open on her case before anything happens.
  // On a phone, as she would most often read it.
  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 800 });
  await openCase(anna.page);
  await expect(anna.page.getByText('Uppdateras direkt')).toBeVisible();
  await expect(bell(anna.page)).toHaveAccessibleName(bellName(unreadBefore));
  await markPage(anna.page);

  // The employer gives her a task in the web client.
  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Uppgifter');
  const form = chef.page.getByRole('region', { name: 'Ny uppgift' });
  const title = `Boka ett samtal med personalavdelningen om schemat ${Date.now()}`;
  await form.getByLabel('Vad ska göras').fill(title);
  await form
    .getByLabel('Vem ska göra det')
    .selectOption({ label: 'Anna Andersson (den sjukskrivna)' });
  await form.getByRole('button', { name: 'Lägg till uppgiften' }).click();
  await expect(form.getByRole('status')).toHaveText('Uppgiften lades till.');

  // Her bell counts it, on the page she already had open (the queue makes it; allow it time).
  await expect(bell(anna.page)).toHaveAccessibleName(bellName(unreadBefore + 1), {
    timeout: 30_000,
  });
  await expect(anna.page.locator('.bell-badge')).toHaveText(String(unreadBefore + 1));
  await expectNotReloaded(anna.page);

  // The list: the notification under her case, with the task's title (she may read it).
  await bell(anna.page).click();
  await expect(anna.page.getByRole('heading', { level: 1, name: 'Aviseringar' })).toBeVisible();
  const group = anna.page.getByRole('region', { name: 'Ditt ärende' });
  const item = group.getByRole('listitem').filter({ hasText: title });
  await expect(item).toHaveCount(1);
  await expect(item.getByText('Oläst')).toBeVisible();
  const link = item.getByRole('link', { name: 'Du har fått en ny uppgift.' });
  await expect(link).toHaveAttribute('href', `/w/${workspaceId}/tasks`);
  await expectAccessible(anna.page, 'Aviseringar');
  await expectNoHorizontalScroll(anna.page);

  // Opening it goes to the case's tasks and marks it read: the bell counts one less.
  await link.click();
  await expect(anna.page).toHaveURL(`${server.url}/w/${workspaceId}/tasks`);
  await expect(
    anna.page.getByRole('region', { name: 'För dig' }).getByRole('checkbox', { name: title }),
  ).toBeVisible();
  await expect(bell(anna.page)).toHaveAccessibleName(bellName(unreadBefore));
  await expectNotReloaded(anna.page);
  const list = await annaApi.call<NotificationList>('/notifications?limit=10');
  const opened = list.notifications.find((n) => n.detail === title);
  expect(opened).toMatchObject({ kind: 'task.assigned', workspaceId, caseLabel: 'Ditt ärende' });
  expect(opened?.readAt).not.toBeNull();
  expect(list.unreadCount).toBe(unreadBefore);

  // The e-mail: that there is something new, and where; never what the task says.
  const mail = await mailTo(server.url, USERS.anna.email, 'notification', mailsBefore);
  expect(mail.text).toContain('Du har fått en ny uppgift.');
  expect(mail.text).toContain(`/w/${workspaceId}/tasks`);
  for (const part of [mail.subject, mail.text, mail.html]) {
    expect(part).not.toContain(title);
    expect(part).not.toContain('personalavdelningen');
  }

  // Another one, then "Markera alla som lästa" on the list: the bell shows none.
  await chefApi.call(`/workspaces/${workspaceId}/tasks`, {
    method: 'POST',
    body: JSON.stringify({
      title: `Fyll i frågorna inför mötet ${Date.now()}`,
      assigneeParty: 'PATIENT',
    }),
  });
  await expect(bell(anna.page)).toHaveAccessibleName(bellName(unreadBefore + 1), {
    timeout: 30_000,
  });
  await bell(anna.page).click();
  await expect(anna.page.getByRole('heading', { level: 1, name: 'Aviseringar' })).toBeVisible();
  await anna.page.getByRole('button', { name: 'Markera alla som lästa', exact: true }).click();
  await expect(anna.page.getByText('Alla aviseringar är markerade som lästa.')).toBeVisible();
  await expect(bell(anna.page)).toHaveAccessibleName(bellName(0));
  await expect(anna.page.getByText('Oläst', { exact: true })).toHaveCount(0);
  await expect(
    anna.page.getByRole('button', { name: 'Markera alla som lästa', exact: true }),
  ).toHaveCount(0);
  await expectAccessible(anna.page, 'Aviseringar, all read');
  expect((await annaApi.call<UnreadCount>('/notifications/unread-count')).unreadCount).toBe(0);

  await Promise.all([anna.context.close(), chef.context.close()]);
});
