import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { runAdminCommand } from '../admin/admin-commands';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { DEMO_EMAILS, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';

const STRONG_PASSWORD = 'blåbärssoppa-vasaloppet-1922';

describe('organisations: staff, invitations and accounts (issue 12)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let url: string;
  let workspaceId: string;
  let solbackaId: string;
  let lindenId: string;
  let bergvikId: string;
  let solbackaAdmin: string;
  let lindenAdmin: string;
  let nina: { token: string; userId: string };

  const http = () => request(testApp.app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** The token of the newest invitation mailed to the address (from the link in its text). */
  const mailedToken = async (to: string): Promise<string> => {
    const mail = await prisma.mailMessage.findFirstOrThrow({
      where: { toAddress: to, kind: 'account-invitation' },
      orderBy: { createdAt: 'desc' },
    });
    const match = /\/konto\/inbjudan#([^\s"<]+)/.exec(mail.textBody);
    if (!match?.[1]) throw new Error(`no invitation link in the mail to ${to}`);
    return decodeURIComponent(match[1]);
  };

  const userId = async (email: string): Promise<string> =>
    (await prisma.user.findUniqueOrThrow({ where: { email } })).id;

  /** The operator invites the organisation's first administrator, who accepts from the mail. */
  const firstAdministrator = async (organisationId: string, email: string, name: string) => {
    const code = await runAdminCommand(
      [
        'invite-admin',
        '--organisation-id',
        organisationId,
        '--admin-email',
        email,
        '--admin-name',
        name,
      ],
      testApp.config,
      { out: () => undefined, err: (line) => void process.stderr.write(`${line}\n`) },
    );
    expect(code).toBe(0);
    const accepted = await http()
      .post('/api/account-invitations/accept')
      .send({ token: await mailedToken(email), password: STRONG_PASSWORD })
      .expect(200);
    return accepted.body.accessToken as string;
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    const seeded = await seedDemo(testApp);
    prisma = seeded.prisma;
    workspaceId = seeded.workspaceId;
    const id = async (name: string) =>
      (await prisma.organisation.findFirstOrThrow({ where: { name } })).id;
    solbackaId = await id('Solbacka kommun');
    lindenId = await id('Vårdcentralen Linden');
    bergvikId = await id('Bergvik AB');
    solbackaAdmin = await firstAdministrator(solbackaId, 'admin@solbacka.se', 'Åsa Admin');
    lindenAdmin = await firstAdministrator(lindenId, 'admin@linden.se', 'Lars Admin');
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('lets the admin invite a colleague by e-mail, who sets a password from the link and signs in', async () => {
    const invited = await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: 'Nina.Ny@Solbacka.se', name: 'Nina Ny', roles: ['MANAGER'] })
      .expect(201);
    expect(invited.body).toMatchObject({
      email: 'nina.ny@solbacka.se',
      name: 'Nina Ny',
      roles: ['MANAGER'],
      invitedBy: { name: 'Åsa Admin' },
      acceptedAt: null,
      revokedAt: null,
    });
    const days =
      (Date.parse(invited.body.expiresAt) - Date.parse(invited.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const token = await mailedToken('nina.ny@solbacka.se');
    const lookup = await http().post('/api/account-invitations/lookup').send({ token }).expect(200);
    expect(lookup.body).toMatchObject({
      organisation: { name: 'Solbacka kommun', kind: 'EMPLOYER' },
      roles: ['MANAGER'],
      invitedBy: { name: 'Åsa Admin' },
      accountExists: false,
    });

    const noPassword = await http()
      .post('/api/account-invitations/accept')
      .send({ token })
      .expect(400);
    expect(noPassword.body.errors).toEqual([
      {
        path: 'password',
        message: 'is required to create your account',
        code: 'invalid_type',
        missing: true,
      },
    ]);
    const weak = await http()
      .post('/api/account-invitations/accept')
      .send({ token, password: 'qwertyuiop1' })
      .expect(422);
    expect(weak.body.code).toBe('PASSWORD_NOT_ACCEPTABLE');
    expect(weak.body.errors[0].path).toBe('password');

    const accepted = await http()
      .post('/api/account-invitations/accept')
      .send({ token, password: STRONG_PASSWORD })
      .expect(200);
    expect(accepted.body.user).toMatchObject({ name: 'Nina Ny', email: 'nina.ny@solbacka.se' });
    const cookies = ([] as string[]).concat(accepted.headers['set-cookie'] ?? []);
    expect(cookies.some((cookie) => cookie.startsWith('atergang_refresh='))).toBe(true);

    const login = await http()
      .post('/api/auth/login')
      .send({ email: 'nina.ny@solbacka.se', password: STRONG_PASSWORD })
      .expect(200);
    nina = { token: login.body.accessToken as string, userId: login.body.user.id as string };
    const me = await http().get('/api/me').set(bearer(nina.token)).expect(200);
    expect(me.body.organisations).toEqual([
      {
        id: solbackaId,
        name: 'Solbacka kommun',
        kind: 'EMPLOYER',
        roles: ['MANAGER'],
        permissions: [],
      },
    ]);

    // Single use: the same link again, and its lookup, get the one answer for a bad link.
    const again = await http()
      .post('/api/account-invitations/accept')
      .send({ token, password: STRONG_PASSWORD })
      .expect(410);
    expect(again.body.code).toBe('INVALID_INVITATION_LINK');
    expect(again.body.errors).toEqual([
      { path: 'token', message: 'is unknown, used, withdrawn or expired' },
    ]);
    await http().post('/api/account-invitations/lookup').send({ token }).expect(410);

    const listed = await http()
      .get(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .expect(200);
    expect(
      listed.body.find((i: { id: string }) => i.id === invited.body.id).acceptedAt,
    ).not.toBeNull();
    const audited = await prisma.auditLog.findMany({
      where: { resourceId: invited.body.id as string },
      orderBy: { id: 'asc' },
    });
    expect(audited.map((row) => row.action)).toEqual([
      'account-invitation.created',
      'account-invitation.looked-up',
      'account-invitation.accepted',
    ]);
  });

  it('refuses an expired link and a withdrawn one with the same answer as an unknown one', async () => {
    const expired = await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: 'sen@solbacka.se', name: 'Sen Person', roles: ['HR'] })
      .expect(201);
    const expiredToken = await mailedToken('sen@solbacka.se');
    await prisma.accountInvitation.update({
      where: { id: expired.body.id as string },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await http()
      .post('/api/account-invitations/accept')
      .send({ token: expiredToken, password: STRONG_PASSWORD })
      .expect(410);
    expect(late.body.code).toBe('INVALID_INVITATION_LINK');

    await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: 'angrad@solbacka.se', name: 'Ångrad Person', roles: ['HR'] })
      .expect(201)
      .then(async (response) => {
        await http()
          .delete(`/api/organisations/${solbackaId}/invitations/${response.body.id as string}`)
          .set(bearer(solbackaAdmin))
          .expect(204);
        const again = await http()
          .delete(`/api/organisations/${solbackaId}/invitations/${response.body.id as string}`)
          .set(bearer(solbackaAdmin))
          .expect(404);
        expect(again.body.code).toBe('ACCOUNT_INVITATION_NOT_FOUND');
      });
    const withdrawn = await http()
      .post('/api/account-invitations/accept')
      .send({ token: await mailedToken('angrad@solbacka.se'), password: STRONG_PASSWORD })
      .expect(410);
    const unknown = await http()
      .post('/api/account-invitations/accept')
      .send({ token: 'x'.repeat(43), password: STRONG_PASSWORD })
      .expect(410);
    expect(withdrawn.body.detail).toBe(unknown.body.detail);
    expect(
      await prisma.user.count({
        where: { email: { in: ['sen@solbacka.se', 'angrad@solbacka.se'] } },
      }),
    ).toBe(0);
  });

  it('refuses roles an organisation of its kind does not give, naming them', async () => {
    const response = await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: 'doktor@solbacka.se', name: 'Fel Roll', roles: ['MANAGER', 'DOCTOR'] })
      .expect(422);
    expect(response.body.code).toBe('ROLES_NOT_OF_ORGANISATION');
    expect(response.body.errors).toEqual([
      { path: 'roles', message: 'not a role of this kind of organisation: DOCTOR' },
    ]);
    const roles = await http()
      .put(`/api/organisations/${solbackaId}/members/${nina.userId}/roles`)
      .set(bearer(solbackaAdmin))
      .send({ roles: ['CASE_OFFICER'] })
      .expect(422);
    expect(roles.body.code).toBe('ROLES_NOT_OF_ORGANISATION');
    expect(await prisma.mailMessage.count({ where: { toAddress: 'doktor@solbacka.se' } })).toBe(0);
  });

  it('gives 403 to a member who is no admin, 404 to outsiders and patients, 401 to no one', async () => {
    const chef = await loginAs(testApp, 'employer');
    const forbidden = await http()
      .get(`/api/organisations/${solbackaId}/members`)
      .set(bearer(chef))
      .expect(403);
    expect(forbidden.body.code).toBe('NOT_ORGANISATION_ADMIN');
    await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(chef))
      .send({ email: 'x@solbacka.se', name: 'X', roles: ['HR'] })
      .expect(403);
    for (const who of ['outsider', 'patient', 'doctor'] as const) {
      const token = await loginAs(testApp, who);
      const hidden = await http()
        .get(`/api/organisations/${solbackaId}/members`)
        .set(bearer(token))
        .expect(404);
      expect(hidden.body.code).toBe('ORGANISATION_NOT_FOUND');
      await http()
        .get(`/api/organisations/${solbackaId}/colleagues`)
        .set(bearer(token))
        .expect(404);
    }
    // Another organisation's admin is an outsider here.
    await http()
      .get(`/api/organisations/${solbackaId}/members`)
      .set(bearer(lindenAdmin))
      .expect(404);
    await http()
      .get(`/api/organisations/not-a-uuid/members`)
      .set(bearer(solbackaAdmin))
      .expect(404);
    await http().get(`/api/organisations/${solbackaId}/members`).expect(401);

    const members = await http()
      .get(`/api/organisations/${solbackaId}/members`)
      .set(bearer(solbackaAdmin))
      .expect(200);
    expect(members.body).toHaveLength(3);
    expect(members.body.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['Åsa Admin', 'Nina Ny']),
    );
    const chefRow = members.body.find((m: { email: string }) => m.email === DEMO_EMAILS.employer);
    expect(chefRow).toMatchObject({ roles: ['MANAGER'], openCases: 1 });
    const denied = await prisma.auditLog.count({
      where: { action: 'staff.listed', outcome: 'DENIED', resourceId: solbackaId },
    });
    expect(denied).toBe(1);
  });

  it('adds the roles to an existing account whose owner is signed in as that account', async () => {
    const invited = await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: DEMO_EMAILS.outsider, name: 'Annan Chef', roles: ['HR'] })
      .expect(201);
    expect(invited.body.roles).toEqual(['HR']);
    const token = await mailedToken(DEMO_EMAILS.outsider);
    const lookup = await http().post('/api/account-invitations/lookup').send({ token }).expect(200);
    expect(lookup.body.accountExists).toBe(true);

    const anonymous = await http()
      .post('/api/account-invitations/accept')
      .send({ token })
      .expect(401);
    expect(anonymous.body.code).toBe('SIGN_IN_TO_ACCEPT');
    const other = await http()
      .post('/api/account-invitations/accept')
      .set(bearer(await loginAs(testApp, 'employer')))
      .send({ token })
      .expect(403);
    expect(other.body.code).toBe('INVITATION_FOR_OTHER_ACCOUNT');

    const annan = await loginAs(testApp, 'outsider');
    const accepted = await http()
      .post('/api/account-invitations/accept')
      .set(bearer(annan))
      .send({ token })
      .expect(200);
    expect(accepted.body).toEqual({ ok: true });
    const me = await http().get('/api/me').set(bearer(annan)).expect(200);
    expect(
      me.body.organisations.map((o: { name: string; roles: string[] }) => [o.name, o.roles]),
    ).toEqual(
      expect.arrayContaining([
        ['Bergvik AB', ['MANAGER']],
        ['Solbacka kommun', ['HR']],
      ]),
    );
    // A member already: a new invitation is refused, their roles are changed instead.
    const twice = await http()
      .post(`/api/organisations/${solbackaId}/invitations`)
      .set(bearer(solbackaAdmin))
      .send({ email: DEMO_EMAILS.outsider, name: 'Annan Chef', roles: ['MANAGER'] })
      .expect(409);
    expect(twice.body.code).toBe('ALREADY_MEMBER');
  });

  it('changes roles, and keeps the last administrator', async () => {
    const changed = await http()
      .put(`/api/organisations/${solbackaId}/members/${nina.userId}/roles`)
      .set(bearer(solbackaAdmin))
      .send({ roles: ['HR', 'MANAGER'] })
      .expect(200);
    expect(changed.body).toMatchObject({ userId: nina.userId, roles: ['MANAGER', 'HR'] });

    const adminId = await userId('admin@solbacka.se');
    const last = await http()
      .put(`/api/organisations/${solbackaId}/members/${adminId}/roles`)
      .set(bearer(solbackaAdmin))
      .send({ roles: ['MANAGER'] })
      .expect(409);
    expect(last.body.code).toBe('LAST_ORGANISATION_ADMIN');
    const leaving = await http()
      .post(`/api/organisations/${solbackaId}/members/${adminId}/deactivate`)
      .set(bearer(solbackaAdmin))
      .send({})
      .expect(409);
    expect(leaving.body.code).toBe('LAST_ORGANISATION_ADMIN');
    expect(await prisma.membership.count({ where: { userId: adminId, role: 'ORG_ADMIN' } })).toBe(
      1,
    );
    const stranger = await http()
      .put(`/api/organisations/${solbackaId}/members/${await userId(DEMO_EMAILS.doctor)}/roles`)
      .set(bearer(solbackaAdmin))
      .send({ roles: ['HR'] })
      .expect(404);
    expect(stranger.body.code).toBe('MEMBER_NOT_FOUND');
  });

  it('takes the case away from a member left without a case role, and gives it back with one', async () => {
    const chefId = await userId(DEMO_EMAILS.employer);
    const participantRole = async () =>
      (
        await prisma.participant.findFirstOrThrow({
          where: { workspaceId, userId: chefId },
        })
      ).role;
    const setRoles = (roles: string[]) =>
      http()
        .put(`/api/organisations/${solbackaId}/members/${chefId}/roles`)
        .set(bearer(solbackaAdmin))
        .send({ roles })
        .expect(200);

    await setRoles(['HR']);
    expect(await participantRole()).toBe('HR');
    const chef = await loginAs(testApp, 'employer');
    await http().get(`/api/workspaces/${workspaceId}`).set(bearer(chef)).expect(200);

    await setRoles(['ORG_ADMIN']);
    expect(await participantRole()).toBe('ORG_ADMIN');
    await http().get(`/api/workspaces/${workspaceId}`).set(bearer(chef)).expect(404);

    await setRoles(['MANAGER']);
    expect(await participantRole()).toBe('MANAGER');
    await http().get(`/api/workspaces/${workspaceId}`).set(bearer(chef)).expect(200);
  });

  it('deactivates a member: their case goes to the named colleague, their session and socket end', async () => {
    const chefId = await userId(DEMO_EMAILS.employer);
    const chef = await loginAs(testApp, 'employer');
    const live = await connectLive(url, chef);
    expect(await live.join(workspaceId)).toMatchObject({ ok: true });
    const disconnected = new Promise<void>((resolve) => {
      live.socket.once('disconnect', () => {
        resolve();
      });
    });
    const deactivate = (body: object) =>
      http()
        .post(`/api/organisations/${solbackaId}/members/${chefId}/deactivate`)
        .set(bearer(solbackaAdmin))
        .send(body);

    const unnamed = await deactivate({}).expect(422);
    expect(unnamed.body.code).toBe('HAND_OVER_REQUIRED');
    expect(unnamed.body.errors[0].path).toBe('handOverToUserId');
    const notColleague = await deactivate({
      handOverToUserId: await userId(DEMO_EMAILS.doctor),
    }).expect(422);
    expect(notColleague.body.code).toBe('COLLEAGUE_NOT_ELIGIBLE');
    expect(notColleague.body.errors[0].path).toBe('handOverToUserId');
    const self = await deactivate({ handOverToUserId: chefId }).expect(422);
    expect(self.body.code).toBe('COLLEAGUE_NOT_ELIGIBLE');
    // None of the refusals changed anything.
    await http().get(`/api/workspaces/${workspaceId}`).set(bearer(chef)).expect(200);

    const done = await deactivate({ handOverToUserId: nina.userId }).expect(200);
    expect(done.body).toEqual({ handedOverCases: 1 });
    await disconnected;
    live.close();

    // The old session is over: its token is refused, and the account is disabled (no other
    // organisation, no case of their own as patient).
    await http().get('/api/me').set(bearer(chef)).expect(401);
    await http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.employer, password: DEMO_PASSWORD })
      .expect(401);
    expect(await prisma.membership.count({ where: { userId: chefId } })).toBe(0);

    // The colleague takes part for Solbacka with her own role, and the patient sees her.
    await http().get(`/api/workspaces/${workspaceId}`).set(bearer(nina.token)).expect(200);
    const anna = await loginAs(testApp, 'patient');
    const overview = await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set(bearer(anna))
      .expect(200);
    const employers = overview.body.participants.filter(
      (p: { party: string }) => p.party === 'EMPLOYER',
    );
    expect(employers).toEqual([
      expect.objectContaining({
        userId: nina.userId,
        name: 'Nina Ny',
        role: 'MANAGER',
        organisation: expect.objectContaining({ id: solbackaId }),
      }),
    ]);
    const removed = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, userId: chefId },
    });
    expect(removed.removedAt).not.toBeNull();
    expect(removed.removedById).toBe(await userId('admin@solbacka.se'));
    const events = await http()
      .get(`/api/workspaces/${workspaceId}/events`)
      .set(bearer(anna))
      .expect(200);
    expect(events.body.events.map((e: { type: string }) => e.type)).toContain(
      'participant.handed-over',
    );
    const members = await http()
      .get(`/api/organisations/${solbackaId}/members`)
      .set(bearer(solbackaAdmin))
      .expect(200);
    expect(members.body.map((m: { userId: string }) => m.userId)).not.toContain(chefId);
    expect(members.body.find((m: { userId: string }) => m.userId === nina.userId).openCases).toBe(
      1,
    );
    const audited = await prisma.auditLog.count({
      where: { action: 'membership.deactivated', resourceId: chefId, outcome: 'ALLOWED' },
    });
    expect(audited).toBe(1);
  });

  it('keeps the account of someone who still belongs elsewhere, ending only their sessions', async () => {
    const annanId = await userId(DEMO_EMAILS.outsider);
    const annan = await loginAs(testApp, 'outsider');
    const done = await http()
      .post(`/api/organisations/${solbackaId}/members/${annanId}/deactivate`)
      .set(bearer(solbackaAdmin))
      .send({})
      .expect(200);
    expect(done.body).toEqual({ handedOverCases: 0 });
    await http().get('/api/me').set(bearer(annan)).expect(401);
    const again = await loginAs(testApp, 'outsider');
    const me = await http().get('/api/me').set(bearer(again)).expect(200);
    expect(me.body.organisations.map((o: { id: string }) => o.id)).toEqual([bergvikId]);
  });

  it('searches the directory of organisations for staff only', async () => {
    const found = await http()
      .get('/api/organisations/directory')
      .query({ q: 'LINDEN' })
      .set(bearer(nina.token))
      .expect(200);
    expect(found.body).toEqual([{ id: lindenId, kind: 'CARE_UNIT', name: 'Vårdcentralen Linden' }]);
    const employers = await http()
      .get('/api/organisations/directory')
      .query({ kind: 'EMPLOYER' })
      .set(bearer(nina.token))
      .expect(200);
    expect(employers.body.map((o: { name: string }) => o.name)).toEqual([
      'Bergvik AB',
      'Solbacka kommun',
    ]);
    const wildcard = await http()
      .get('/api/organisations/directory')
      .query({ q: '%' })
      .set(bearer(nina.token))
      .expect(200);
    expect(wildcard.body).toEqual([]);
    const patient = await http()
      .get('/api/organisations/directory')
      .set(bearer(await loginAs(testApp, 'patient')))
      .expect(403);
    expect(patient.body.code).toBe('STAFF_ONLY');
    await http()
      .get('/api/organisations/directory')
      .query({ kind: 'HOSPITAL' })
      .set(bearer(nina.token))
      .expect(400);
  });

  it('lists colleagues who take part in cases, without e-mail, to any member', async () => {
    const doctor = await loginAs(testApp, 'doctor');
    const colleagues = await http()
      .get(`/api/organisations/${lindenId}/colleagues`)
      .set(bearer(doctor))
      .expect(200);
    expect(colleagues.body).toEqual(
      expect.arrayContaining([
        { userId: await userId(DEMO_EMAILS.doctor), name: expect.any(String), roles: ['DOCTOR'] },
        {
          userId: await userId(DEMO_EMAILS.coordinator),
          name: expect.any(String),
          roles: ['COORDINATOR'],
        },
      ]),
    );
    // The administrator administers, takes part in no case: not a colleague to hand one to.
    expect(colleagues.body).toHaveLength(2);
    expect(JSON.stringify(colleagues.body)).not.toContain('@');
    await http()
      .get(`/api/organisations/${lindenId}/colleagues`)
      .set(bearer(lindenAdmin))
      .expect(200);
  });
});
