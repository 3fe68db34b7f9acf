import type {
  InvitationView,
  OrganisationDirectoryEntry,
  WorkspaceOverview,
} from '@atergang/contracts';
import { expect, test } from '@playwright/test';
import { linkIn, mailTo } from './support/case-mail';
import { useServer } from './support/fixture';
import {
  apiAs,
  contextFor,
  DEMO_PASSWORD,
  expectAccessible,
  expectNoHorizontalScroll,
  goTo,
  openCase,
  recordCspViolations,
  USERS,
} from './support/helpers';
import { operatorCommand } from './support/operator';

const server = useServer();

/** The demo's manager at another employer, in no case (not in the helpers' USERS). */
const PETER = { email: 'annan@atergang.test', name: 'Peter Holm' };

test('the patient removes a participant, withdraws one invitation and approves another, and the invitee joins from the link', async ({
  browser,
}) => {
  const anna = await apiAs(server.url, 'anna');
  const ws = anna.workspaceId;
  const overview = () => anna.call<WorkspaceOverview>(`/workspaces/${ws}`);
  const invitations = () => anna.call<InvitationView[]>(`/workspaces/${ws}/invitations`);

  const { context, page } = await contextFor(browser, server.url, 'anna', {
    width: 360,
    height: 780,
  });
  await openCase(page);
  await goTo(page, 'Deltagare');
  await expect(page.getByRole('heading', { name: 'Deltagare', exact: true })).toBeFocused();
  // Each organisation once, above the people who take part for it, with their roles.
  const care = page.getByTestId('participants-CARE');
  await expect(care.getByRole('heading')).toHaveText('Vården · Vårdcentralen Linden');
  await expect(care.getByText('Vårdcentralen Linden')).toHaveCount(1);
  await expect(care).toContainText(`${USERS.lakare.name} · läkare`);
  await expect(care).toContainText(`${USERS.koordinator.name} · rehabkoordinator`);
  await expect(page.getByTestId('participants-PATIENT')).toContainText(`${USERS.anna.name} (du)`);
  await expect(page.getByTestId('participants-FK').getByRole('heading')).toHaveText(
    'Försäkringskassan',
  );
  await expect(
    page.getByRole('button', { name: `Ta bort ${USERS.anna.name} från ärendet` }),
  ).toHaveCount(0);
  // No invitation form for her: it names an organisation, and the directory is staff's.
  await expect(page.getByRole('region', { name: 'Bjud in någon' })).toHaveCount(0);
  await expectAccessible(page, 'Deltagare (patienten, 360 px)');
  await expectNoHorizontalScroll(page);

  // Removing someone: what it means first, then the change.
  await page.getByRole('button', { name: `Ta bort ${USERS.af.name} från ärendet` }).click();
  await expect(
    page.getByText(
      `${USERS.af.name} kan inte se något i ärendet längre, från och med nu. ${USERS.af.name} kommer inte tillbaka utan att du godkänner det.`,
    ),
  ).toBeVisible();
  await expectAccessible(page, 'Deltagare: ta bort');
  await page.getByRole('button', { name: 'Ja, ta bort' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${USERS.af.name} är inte med i ärendet längre.` }),
  ).toBeVisible();
  await expect(page.getByTestId('participants-AF')).toHaveCount(0);
  expect((await overview()).participants.map((p) => p.party)).not.toContain('AF');

  // The manager invites a manager at another employer: that waits for Anna.
  const manager = await contextFor(browser, server.url, 'chef');
  await openCase(manager.page);
  await goTo(manager.page, 'Deltagare');
  await expect(manager.page.getByRole('heading', { name: 'Deltagare', exact: true })).toBeVisible();
  // Staff cannot remove anyone or approve: no such controls.
  await expect(manager.page.getByRole('button', { name: /^Ta bort/ })).toHaveCount(0);
  await manager.page.getByLabel('E-postadress').fill(PETER.email);
  await manager.page.getByRole('radio', { name: 'En annan organisation' }).check();
  await expect(
    manager.page.getByText(
      'En inbjudan till en annan organisation gäller först när Anna har godkänt den.',
    ),
  ).toBeVisible();
  await manager.page.getByLabel('Slags organisation').selectOption({ label: 'Arbetsgivare' });
  await manager.page.getByLabel('Sök organisation').fill('Bergvik');
  const chosen = manager.page.getByLabel('Organisationen', { exact: true });
  await expect(chosen.getByRole('option', { name: 'Bergvik AB' })).toHaveCount(1);
  await chosen.selectOption({ label: 'Bergvik AB' });
  await expectAccessible(manager.page, 'Deltagare: bjud in (arbetsgivaren)');
  await manager.page.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(
    manager.page.getByRole('status').filter({
      hasText: `Inbjudan till ${PETER.email} är sparad. Den skickas när Anna har godkänt den.`,
    }),
  ).toBeVisible();
  const managersView = manager.page.getByTestId('invitation').filter({ hasText: PETER.email });
  await expect(managersView).toContainText('Bergvik AB');
  await expect(managersView).toContainText('Väntar på att Anna godkänner');
  await expect(managersView.getByRole('button', { name: /^Godkänn/ })).toHaveCount(0);

  // FK asks to bring Arbetsförmedlingen back: another organisation, so Anna decides too.
  const fk = await apiAs(server.url, 'fk');
  const [af] = await fk.call<OrganisationDirectoryEntry[]>('/organisations/directory?kind=AF');
  const fkInvitation = await fk.call<InvitationView>(`/workspaces/${ws}/invitations`, {
    method: 'POST',
    body: JSON.stringify({ email: USERS.af.email, organisationId: af?.id }),
  });
  expect(fkInvitation.status).toBe('AWAITING_PATIENT');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deltagare', exact: true })).toBeVisible();
  // The pending ones (the demo's accepted invitations are listed under earlier ones).
  const pending = page.getByTestId('pending-invitations');
  const fromFk = pending.getByTestId('invitation').filter({ hasText: USERS.af.email });
  const fromManager = pending.getByTestId('invitation').filter({ hasText: PETER.email });
  await expect(fromFk).toContainText('af@atergang.test · Arbetsförmedlingen Väntar');
  await expect(fromFk).toContainText('Väntar på ditt godkännande');
  await expect(fromFk).toContainText(`Inbjuden av ${USERS.fk.name}`);
  await expect(fromManager).toContainText('Väntar på ditt godkännande');
  await expect(fromManager).toContainText(`Inbjuden av ${USERS.chef.name}`);
  await expectAccessible(page, 'Deltagare: inbjudningar som väntar');

  await fromFk
    .getByRole('button', { name: `Dra tillbaka inbjudan till ${USERS.af.email}` })
    .click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Inbjudan till ${USERS.af.email} är tillbakadragen.` }),
  ).toBeVisible();
  await fromManager.getByRole('button', { name: `Godkänn inbjudan till ${PETER.email}` }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Du har godkänt inbjudan. ${PETER.email} kan nu gå med i ärendet.` }),
  ).toBeVisible();
  await expect(pending.getByTestId('invitation')).toHaveCount(1);
  await expect(fromManager).toContainText('Skickad, inte besvarad än');
  const statusOf = async (email: string) =>
    (await invitations()).filter((i) => i.email === email).map((i) => i.status);
  expect(
    (await invitations()).find((invitation) => invitation.id === fkInvitation.id)?.status,
  ).toBe('WITHDRAWN');
  expect(await statusOf(PETER.email)).toEqual(['OPEN']);

  // Peter gets the link only now; signing in keeps it, and he joins.
  const mail = await mailTo(server.url, PETER.email, 'case-invitation');
  const link = linkIn(mail, '/inbjudan');
  const peterContext = await browser.newContext({ locale: 'sv-SE' });
  await recordCspViolations(peterContext);
  const peter = await peterContext.newPage();
  await peter.goto(`${server.url}${link}`);
  await expect(peter).toHaveURL(/\/login\?next=%2Finbjudan#/);
  await peter.getByLabel('E-postadress').fill(PETER.email);
  await peter.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await peter.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(
    peter.getByRole('heading', { level: 1, name: 'Inbjudan till ett ärende' }),
  ).toBeFocused();
  await expectAccessible(peter, 'Inbjudan till ett ärende');
  await peter.getByRole('button', { name: 'Gå med i ärendet' }).click();
  await expect(peter.getByRole('heading', { level: 1, name: USERS.anna.name })).toBeVisible();
  await expect(peter).toHaveURL(new RegExp(`/w/${ws}/plan$`));

  // In the case, under his own organisation.
  await page.reload();
  const bergvik = page
    .getByTestId('participants-EMPLOYER')
    .filter({ has: page.getByRole('heading', { name: 'Arbetsgivaren · Bergvik AB' }) });
  await expect(bergvik).toContainText(`${PETER.name} · chef`);
  expect((await overview()).participants.map((p) => p.name)).toContain(PETER.name);
  await peterContext.close();
  await manager.context.close();
  await context.close();
});

test('a stale invitation link is explained', async ({ browser }) => {
  const { context, page } = await contextFor(browser, server.url, 'chef');
  await page.goto(`${server.url}/inbjudan#${'x'.repeat(43)}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inbjudan till ett ärende' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Gå med i ärendet' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Inbjudan finns inte längre, eller så är den inte till dig.',
  );
  await expectAccessible(page, 'Inbjudan till ett ärende: länken gäller inte');
  await context.close();
});

test('a member with no colleague to take over is told so; the patient has no hand-over', async ({
  browser,
}) => {
  const { context, page } = await contextFor(browser, server.url, 'koordinator');
  await openCase(page);
  await goTo(page, 'Deltagare');
  const handOver = page.getByRole('region', { name: 'Lämna över din plats' });
  await expect(handOver).toContainText(
    'Det finns ingen kollega på Vårdcentralen Linden som kan ta över ärendet.',
  );
  await expect(handOver.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'Deltagare (vården)');
  await context.close();

  const patient = await contextFor(browser, server.url, 'anna');
  await openCase(patient.page);
  await goTo(patient.page, 'Deltagare');
  await expect(patient.page.getByRole('heading', { name: 'Deltagare', exact: true })).toBeVisible();
  await expect(patient.page.getByRole('region', { name: 'Lämna över din plats' })).toHaveCount(0);
  await patient.context.close();
});

/** A password the API's policy accepts. */
const STRONG = 'Tre gröna tranor vid Hornborgasjön';

/** Accepts an e-mailed account invitation with a new password: the new account's session. */
async function acceptAccount(link: string): Promise<{ accessToken: string }> {
  const token = decodeURIComponent(link.slice(link.indexOf('#') + 1));
  const response = await fetch(`${server.url}/api/account-invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: STRONG }),
  });
  if (!response.ok) throw new Error(`accept: ${response.status} ${await response.text()}`);
  return (await response.json()) as { accessToken: string };
}

test('a coordinator hands her place in the case to a new colleague, and is out of it', async ({
  browser,
}) => {
  // Vårdcentralen Linden gets an administrator (the operator), who brings in a colleague.
  const care = await apiAs(server.url, 'koordinator');
  const [linden] = await care.call<OrganisationDirectoryEntry[]>(
    '/organisations/directory?kind=CARE_UNIT&q=Linden',
  );
  if (!linden) throw new Error('Vårdcentralen Linden is not in the directory');
  const printed = await operatorCommand(server, [
    'invite-admin',
    '--organisation-id',
    linden.id,
    '--admin-email',
    'admin@linden.test',
    '--admin-name',
    'Lena Admin',
  ]);
  const adminLink = /\/konto\/inbjudan#\S+/.exec(printed)?.[0];
  expect(adminLink, printed).toBeDefined();
  const admin = await acceptAccount(adminLink ?? '');
  const colleague = { email: 'mona.berg@linden.test', name: 'Mona Berg' };
  const invited = await fetch(`${server.url}/api/organisations/${linden.id}/invitations`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${admin.accessToken}`,
    },
    body: JSON.stringify({ ...colleague, roles: ['COORDINATOR'] }),
  });
  expect(invited.status).toBe(201);
  const mail = await mailTo(server.url, colleague.email, 'account-invitation');
  await acceptAccount(linkIn(mail, '/konto/inbjudan'));

  const { context, page } = await contextFor(browser, server.url, 'koordinator');
  await openCase(page);
  await goTo(page, 'Deltagare');
  const handOver = page.getByRole('region', { name: 'Lämna över din plats' });
  // Colleagues already in the case (the doctor) are not offered.
  const choice = handOver.getByLabel('Kollega');
  await expect(choice.getByRole('option')).toHaveText([
    'Välj kollega',
    `${colleague.name} (rehabkoordinator)`,
  ]);
  await handOver.getByRole('button', { name: 'Lämna över' }).click();
  await expect(handOver.getByText('Välj vem som ska ta över.')).toBeVisible();
  await choice.selectOption({ label: `${colleague.name} (rehabkoordinator)` });
  await handOver.getByRole('button', { name: 'Lämna över' }).click();
  await expect(
    handOver.getByText(
      `${colleague.name} tar över din plats i ärendet för Anna. Du kommer inte att kunna se ärendet längre.`,
    ),
  ).toBeVisible();
  await expectAccessible(page, 'Deltagare: lämna över');
  await handOver.getByRole('button', { name: 'Ja, lämna över' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({
      hasText: `Du har lämnat över ärendet för ${USERS.anna.name} till ${colleague.name}.`,
    }),
  ).toBeVisible();

  // She is out; the colleague is in, for the same organisation, as coordinator.
  const mine = await care.call<Array<{ id: string }>>('/workspaces');
  expect(mine.map((w) => w.id)).not.toContain(care.workspaceId);
  const anna = await apiAs(server.url, 'anna');
  const people = (await anna.call<WorkspaceOverview>(`/workspaces/${anna.workspaceId}`))
    .participants;
  expect(people.map((p) => p.name)).not.toContain(USERS.koordinator.name);
  expect(people.find((p) => p.name === colleague.name)).toMatchObject({
    party: 'CARE',
    role: 'COORDINATOR',
    organisation: { name: 'Vårdcentralen Linden' },
  });
  await context.close();
});
