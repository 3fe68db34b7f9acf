import type { WorkspaceOverview } from '@atergang/contracts';
import { expect, type Page, test } from '@playwright/test';
import { anonymousContext, pathOf, STRONG_PASSWORD } from './support/accounts';
import { useServer } from './support/fixture';
import { apiAs, contextFor, DEMO_PASSWORD, expectAccessible, USERS } from './support/helpers';
import { operatorCommand } from './support/operator';

const server = useServer();

// Issue 12, the administrator's part of the path: the operator invites Solbacka kommun's
// first administrator; she sets her password, sees the staff, invites a manager by e-mail
// (the Utkorg holds the message), the manager joins with the link, and she changes a role
// and deactivates the old manager, whose case goes to the new one.

const ASA = { email: 'asa.admin@solbacka.test', name: 'Åsa Admin' };
const NILS = { email: 'nils.nilsson@solbacka.test', name: 'Nils Nilsson' };

/** The demo's employer, by the operator's list (its id is the database's). */
async function solbackaId(): Promise<string> {
  const list = await operatorCommand(server, ['list-organisations']);
  const id = list
    .split('\n')
    .find((line) => line.endsWith('Solbacka kommun'))
    ?.split(/\s+/)[0];
  if (!id) throw new Error(`Solbacka kommun is not listed:\n${list}`);
  return id;
}

const member = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Personal' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name }) });

test('an administrator invites a manager, who joins by the mailed link; she changes a role and deactivates the old manager, handing the case over', async ({
  browser,
}) => {
  // The operator's command: Solbacka kommun (the demo's employer) gets an administrator.
  const printed = await operatorCommand(server, [
    'invite-admin',
    '--organisation-id',
    await solbackaId(),
    '--admin-email',
    ASA.email,
    '--admin-name',
    ASA.name,
  ]);
  const operatorLink = /https?:\/\/\S+\/konto\/inbjudan#\S+/.exec(printed)?.[0];
  expect(operatorLink, printed).toBeDefined();

  // Maria (the demo's manager) is signed in now: her session ends when she is deactivated.
  const maria = await contextFor(browser, server.url, 'chef');

  // Åsa opens the link: no account yet, so she chooses a password, and the API decides.
  const asa = await anonymousContext(browser);
  await asa.page.goto(`${server.url}${pathOf(operatorLink ?? '')}`);
  await expect(
    asa.page.getByRole('heading', { level: 1, name: 'Välkommen till Solbacka kommun' }),
  ).toBeVisible();
  await expect(
    asa.page.getByText('Du är inbjuden till Solbacka kommun som administratör.'),
  ).toBeVisible();
  await expect(asa.page.getByLabel('Ditt namn')).toHaveValue(ASA.name);
  const password = asa.page.getByLabel('Välj ett lösenord');
  await password.fill('password1234');
  // The hint says the rule before she sends anything.
  await expect(asa.page.getByText('Längden räcker.')).toBeVisible();
  await expectAccessible(asa.page, 'staff invitation (new account)');
  await asa.page.getByRole('button', { name: 'Skapa kontot och logga in' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(asa.page.getByText('Lösenordet är för lätt att gissa')).toBeVisible();
  await password.fill(STRONG_PASSWORD);
  await asa.page.getByRole('button', { name: 'Skapa kontot och logga in' }).click();
  await expect(asa.page.getByText(`Inloggad som ${ASA.name}`, { exact: true })).toBeVisible();
  await expect(asa.page).toHaveURL(`${server.url}/`);

  // Her page: the staff, with roles and open cases.
  await asa.page.getByRole('link', { name: 'Administrera Solbacka kommun' }).click();
  await expect(
    asa.page.getByRole('heading', { level: 1, name: 'Administrera Solbacka kommun' }),
  ).toBeFocused();
  const mariaRow = member(asa.page, USERS.chef.name);
  await expect(mariaRow).toContainText(USERS.chef.email);
  await expect(mariaRow).toContainText('Chef');
  await expect(mariaRow.getByRole('definition').nth(2)).toHaveText('1');
  await expect(member(asa.page, ASA.name)).toContainText('Administratör');
  await expectAccessible(asa.page, 'organisation administration');

  // She invites a manager: only the roles of an employer are offered.
  const invite = asa.page.getByRole('region', { name: 'Bjud in en kollega' });
  await expect(invite.getByRole('checkbox')).toHaveCount(3);
  await expect(invite.getByRole('checkbox', { name: 'Läkare' })).toHaveCount(0);
  await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(invite.getByText('Välj minst en roll.')).toBeVisible();
  await expectAccessible(asa.page, 'invitation form with errors');
  await invite.getByLabel('Namn').fill(NILS.name);
  await invite.getByLabel('E-postadress').fill(NILS.email);
  await invite.getByRole('checkbox', { name: 'Chef' }).check();
  await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(invite.getByRole('status')).toContainText(`Inbjudan är skickad till ${NILS.email}.`);
  const waiting = asa.page.getByRole('region', { name: 'Inbjudningar som väntar på svar' });
  await expect(waiting.getByRole('listitem').filter({ hasText: NILS.email })).toContainText('chef');

  // Inviting a member again is refused at the field, in Swedish.
  await invite.getByLabel('Namn').fill(USERS.chef.name);
  await invite.getByLabel('E-postadress').fill(USERS.chef.email);
  await invite.getByRole('checkbox', { name: 'HR' }).check();
  await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(invite.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');

  // A mistaken invitation is withdrawn.
  await invite.getByLabel('Namn').fill('Fel Person');
  await invite.getByLabel('E-postadress').fill('fel.person@solbacka.test');
  await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(invite.getByRole('status')).toContainText('fel.person@solbacka.test');
  await waiting.getByRole('button', { name: 'Dra tillbaka inbjudan till Fel Person' }).click();
  await expect(asa.page.getByRole('status').filter({ hasText: 'är tillbakadragen' })).toHaveText(
    'Inbjudan till Fel Person (fel.person@solbacka.test) är tillbakadragen. Länken i meddelandet fungerar inte längre.',
  );
  await expect(waiting.getByRole('listitem').filter({ hasText: 'Fel Person' })).toHaveCount(0);

  // The Utkorg holds the mail to Nils, its link clickable.
  await asa.page.getByRole('link', { name: 'Utkorg' }).click();
  await expect(asa.page.getByRole('heading', { level: 1, name: 'Utkorg' })).toBeVisible();
  await expect(
    asa.page.getByText('I demoläget skickas ingen e-post. Här ser du vad som skulle ha skickats.'),
  ).toBeVisible();
  const mail = asa.page.getByRole('listitem').filter({ hasText: NILS.email }).first();
  await mail.getByText('Visa texten').click();
  const mailLink = mail.getByRole('link', { name: /\/konto\/inbjudan#/ });
  await expect(mailLink).toBeVisible();
  await expectAccessible(asa.page, 'Utkorg');
  const nilsLink = (await mailLink.getAttribute('href')) ?? '';

  // Nils opens it and joins.
  const nils = await anonymousContext(browser);
  await nils.page.goto(`${server.url}${pathOf(nilsLink)}`);
  await expect(
    nils.page.getByText('Åsa Admin har bjudit in dig till Solbacka kommun som chef.'),
  ).toBeVisible();
  await nils.page.getByLabel('Välj ett lösenord').fill(STRONG_PASSWORD);
  await nils.page.getByRole('button', { name: 'Skapa kontot och logga in' }).click();
  await expect(nils.page.getByText(`Inloggad som ${NILS.name}`, { exact: true })).toBeVisible();
  await expect(nils.page.getByRole('heading', { level: 1, name: 'Ärenden' })).toBeVisible();

  // Åsa gives Nils the HR role too.
  await asa.page.getByRole('link', { name: 'Administrera Solbacka kommun' }).click();
  const nilsRow = member(asa.page, NILS.name);
  await nilsRow.getByRole('button', { name: `Ändra roller för ${NILS.name}` }).click();
  await nilsRow.getByRole('checkbox', { name: 'HR' }).check();
  await expectAccessible(asa.page, 'changing roles');
  await nilsRow.getByRole('button', { name: 'Spara rollerna' }).click();
  await expect(asa.page.getByRole('status').filter({ hasText: 'Klart.' })).toHaveText(
    `Klart. ${NILS.name} är nu chef och HR.`,
  );
  await expect(nilsRow).toContainText('Chef, HR');

  // She deactivates Maria: the confirm step says what happens and asks who takes over.
  const row = member(asa.page, USERS.chef.name);
  await row.getByRole('button', { name: `Avaktivera ${USERS.chef.name}` }).click();
  await expect(row).toContainText('avslutas direkt');
  await expect(row).toContainText(`${USERS.chef.name} är med i 1 öppet ärende för er.`);
  await row.getByRole('button', { name: `Ja, avaktivera ${USERS.chef.name}` }).click();
  await expect(row.getByText('Välj vem som ska ta över ärendena.')).toBeVisible();
  await expectAccessible(asa.page, 'deactivation with hand-over');
  await row
    .getByLabel('Vem tar över ärendena?')
    .selectOption({ label: `${NILS.name} (chef och HR)` });
  await row.getByRole('button', { name: `Ja, avaktivera ${USERS.chef.name}` }).click();
  await expect(asa.page.getByRole('status').filter({ hasText: 'Klart.' })).toHaveText(
    `Klart. ${USERS.chef.name} är avaktiverad och utloggad. ${NILS.name} har tagit över 1 ärende.`,
  );
  await expect(member(asa.page, USERS.chef.name)).toHaveCount(0);

  // Maria's session ended at once.
  await maria.page.reload();
  await expect(maria.page).toHaveURL(/\/login/);

  // Anna sees Nils in her case, and no longer Maria.
  const anna = await apiAs(server.url, 'anna');
  const overview = await anna.call<WorkspaceOverview>(`/workspaces/${anna.workspaceId}`);
  const names = overview.participants.map((participant) => participant.name);
  expect(names).toContain(NILS.name);
  expect(names).not.toContain(USERS.chef.name);

  await nils.page.reload();
  await expect(
    nils.page.getByRole('link', { name: /Öppna ärendet för Anna Andersson/ }),
  ).toBeVisible();

  for (const context of [asa.context, nils.context, maria.context]) await context.close();
});

test('someone with an account signs in first and comes back to the same link to accept; another account is told it is not theirs', async ({
  browser,
}) => {
  const PETER = { email: 'annan@atergang.test', name: 'Peter Holm' };
  const printed = await operatorCommand(server, [
    'invite-admin',
    '--organisation-id',
    await solbackaId(),
    '--admin-email',
    PETER.email,
    '--admin-name',
    PETER.name,
  ]);
  const link = pathOf(/https?:\/\/\S+\/konto\/inbjudan#\S+/.exec(printed)?.[0] ?? '');

  // Signed in as someone else: the page says whose the invitation is.
  const sara = await contextFor(browser, server.url, 'koordinator');
  await sara.page.goto(`${server.url}${link}`);
  await expect(
    sara.page.getByRole('heading', { name: 'Du är inloggad med ett annat konto' }),
  ).toBeVisible();
  await expect(sara.page.getByText(`Inbjudan gäller ${PETER.email}`)).toBeVisible();
  await expectAccessible(sara.page, 'staff invitation for another account');

  // Peter is not signed in: he signs in, and the login page brings him back to the link.
  const peter = await anonymousContext(browser);
  await peter.page.goto(`${server.url}${link}`);
  await expect(peter.page.getByRole('heading', { name: 'Logga in först' })).toBeVisible();
  await expectAccessible(peter.page, 'staff invitation, sign in first');
  await peter.page.getByRole('link', { name: 'Logga in och tacka ja' }).click();
  await expect(peter.page).toHaveURL(/\/login\?next=%2Fkonto%2Finbjudan#/);
  await peter.page.getByLabel('E-postadress').fill(PETER.email);
  await peter.page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await peter.page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await expect(peter.page).toHaveURL(`${server.url}${link}`);
  await expect(peter.page.getByText(`Du är inloggad som ${PETER.name}.`)).toBeVisible();
  await peter.page.getByRole('button', { name: 'Tacka ja till inbjudan' }).click();
  await expect(peter.page.getByRole('status')).toContainText(
    'Klart. Nu hör du till Solbacka kommun som administratör.',
  );
  // His new role shows at once: he administers Solbacka kommun now.
  await peter.page.getByRole('link', { name: 'Till startsidan' }).click();
  await peter.page.getByRole('link', { name: 'Administrera Solbacka kommun' }).click();
  await expect(member(peter.page, PETER.name)).toContainText('Administratör');

  await sara.context.close();
  await peter.context.close();
});
