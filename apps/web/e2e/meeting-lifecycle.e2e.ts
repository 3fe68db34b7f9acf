import type { MeetingList, MeetingView } from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { useServer } from './support/fixture';
import { apiAs, contextFor, expectAccessible, goTo, openCase } from './support/helpers';

const server = useServer();

function future(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(8 + hours, 0, 0, 0);
  return at.toISOString();
}

test('FK cancels a booked meeting with a reason, the patient at 360 px sees it live, and the employer is offered no "Avboka"', async ({
  browser,
}) => {
  const fkApi = await apiAs(server.url, 'fk');
  const base = `/workspaces/${fkApi.workspaceId}/meetings`;
  const demo = (await fkApi.call<MeetingList>(base)).meetings[0];
  const others = (demo?.invitees ?? [])
    .filter((i) => i.party === 'PATIENT' || i.party === 'EMPLOYER')
    .map((i) => i.participantId);
  expect(others).toHaveLength(2);
  const title = 'Avstämning som avbokas';
  const created = await fkApi.call<MeetingView>(base, {
    method: 'POST',
    body: JSON.stringify({
      kind: 'AVSTAMNINGSMOTE',
      title,
      participantIds: others,
      slots: [{ start: future(10), end: future(10, 1) }],
    }),
  });
  await fkApi.call<MeetingView>(`${base}/${created.id}/schedule`, {
    method: 'POST',
    body: JSON.stringify({ slotId: created.slots[0]?.id }),
  });

  const anna = await contextFor(browser, server.url, 'anna', { width: 360, height: 800 });
  await openCase(anna.page);
  await goTo(anna.page, 'Möten');
  const annaCard = anna.page.getByRole('article', { name: title });
  await expect(annaCard.getByText('Bokat', { exact: true })).toBeVisible();
  // The patient may not cancel: she is not offered it.
  await expect(annaCard.getByRole('button', { name: /Avboka/ })).toHaveCount(0);

  const chef = await contextFor(browser, server.url, 'chef');
  await openCase(chef.page);
  await goTo(chef.page, 'Möten');
  await expect(chef.page.getByRole('article', { name: title })).toBeVisible();
  await expect(
    chef.page.getByRole('article', { name: title }).getByRole('button', { name: /Avboka/ }),
  ).toHaveCount(0);

  const fk = await contextFor(browser, server.url, 'fk');
  await openCase(fk.page);
  await goTo(fk.page, 'Möten');
  const fkCard = fk.page.getByRole('article', { name: title });
  await fkCard.getByRole('button', { name: `Avboka ${title}` }).click();
  await fkCard.getByLabel(/Varför avbokas mötet/).fill('Anna är sjuk den dagen');
  await expectAccessible(fk.page, 'Möten (cancelling)');
  await fkCard.getByRole('button', { name: 'Avboka mötet' }).click();
  await expect(fkCard.getByText('Inställt', { exact: true })).toBeVisible();
  await expect(fkCard.getByRole('button', { name: /Avboka/ })).toHaveCount(0);

  // Live, without a reload: the patient's card says it is cancelled and why.
  await expect(annaCard.getByText('Inställt', { exact: true })).toBeVisible();
  await expect(annaCard.getByText('Inställt: Anna är sjuk den dagen')).toBeVisible();
  await expectAccessible(anna.page, 'Möten (patient, cancelled meeting, 360 px)');

  const after = (await fkApi.call<MeetingList>(base)).meetings.find((m) => m.id === created.id);
  expect(after).toMatchObject({ status: 'CANCELLED', cancelReason: 'Anna är sjuk den dagen' });
});
