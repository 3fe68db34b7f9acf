import { hash } from '@node-rs/argon2';
import type { PrismaClient, Role } from '@prisma/client';
import request from 'supertest';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { linkTokenFromOutbox } from '../testing/mail-links';
import { createTestApp, type TestApp } from '../testing/test-app';

// Who takes part (issue 12, hole 1). Before, the employer could invite any account as
// OCCUPATIONAL_HEALTH and that person read care's MEDICAL measure; an outsider invited as
// EMPLOYER with role DOCTOR showed as "Solbacka kommun, DOCTOR"; the patient could not see or
// withdraw pending invitations; an invitation outlived a removed inviter; a colleague could
// re-invite someone the patient removed. The rule now: a participant acts for an
// organisation only if its records say so (role from the membership), another party's
// participation and anyone the patient removed waits for her approval, she sees and
// withdraws every pending invitation, and a removed participant's invitations are void.

describe('who takes part in a case', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let organisations: Record<'solbacka' | 'linden' | 'fk' | 'af' | 'health', string>;
  const http = () => request(testApp.app.getHttpServer());
  const bearer = async (role: DemoRole) => `Bearer ${await loginAs(testApp, role)}`;
  const ws = (rest = '') => `/api/workspaces/${workspaceId}${rest}`;

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    const byName = async (name: string) =>
      (await prisma.organisation.findFirstOrThrow({ where: { name } })).id;
    organisations = {
      solbacka: await byName('Solbacka kommun'),
      linden: await byName('Vårdcentralen Linden'),
      fk: await byName('Försäkringskassan'),
      af: await byName('Arbetsförmedlingen'),
      health: (
        await prisma.organisation.create({
          data: { kind: 'OCCUPATIONAL_HEALTH', name: 'Företagshälsan Norr' },
        })
      ).id,
    };
    // Anna shares MEDICAL with occupational health: what the hole exposed.
    await http()
      .post(ws('/consents'))
      .set('authorization', await bearer('patient'))
      .send({ party: 'OCCUPATIONAL_HEALTH', categories: ['PLAN', 'MEDICAL'] })
      .expect(201);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  let people = 0;
  /** A person with an account, and memberships where given. */
  async function person(memberships: { organisationId: string; role: Role }[] = []) {
    people += 1;
    const user = await prisma.user.create({
      data: {
        email: `person-${people}@atergang.test`,
        name: `Person ${people}`,
        passwordHash: await hash(DEMO_PASSWORD),
      },
    });
    for (const membership of memberships) {
      await prisma.membership.create({ data: { userId: user.id, ...membership } });
    }
    const login = await http()
      .post('/api/auth/login')
      .send({ email: user.email, password: DEMO_PASSWORD })
      .expect(200);
    return { ...user, token: `Bearer ${login.body.accessToken as string}` };
  }

  const invite = (authorization: string, body: Record<string, unknown>) =>
    http().post(ws('/invitations')).set('authorization', authorization).send(body);
  const acceptByLink = async (authorization: string, email: string) =>
    http()
      .post('/api/invitations/accept')
      .set('authorization', authorization)
      .send({ token: await linkTokenFromOutbox(prisma, email, 'case-invitation') });

  it('lets someone act for an organisation only if its records say so, with its role', async () => {
    const stranger = await person();
    const invited = await invite(await bearer('employer'), {
      email: stranger.email,
      organisationId: organisations.health,
    }).expect(201);
    // Another organisation than the employer's own: Anna decides first.
    expect(invited.body).toMatchObject({
      status: 'AWAITING_PATIENT',
      party: 'OCCUPATIONAL_HEALTH',
    });
    expect(await prisma.mailMessage.count({ where: { toAddress: stranger.email } })).toBe(0);
    const patientAsked = await prisma.mailMessage.findFirst({
      where: { toAddress: 'anna@atergang.test', kind: 'case-invitation-approval' },
      orderBy: { createdAt: 'desc' },
    });
    expect(patientAsked?.textBody).toContain('Företagshälsan Norr');
    const early = await http()
      .post(`/api/invitations/${invited.body.id as string}/accept`)
      .set('authorization', stranger.token)
      .expect(409);
    expect(early.body.code).toBe('PATIENT_APPROVAL_REQUIRED');

    await http()
      .post(ws(`/invitations/${invited.body.id as string}/approve`))
      .set('authorization', await bearer('patient'))
      .expect(200);
    // Approved and mailed, but the organisation does not list the stranger: no way in.
    const refused = await acceptByLink(stranger.token, stranger.email);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 403,
      code: 'NOT_IN_INVITED_ORGANISATION',
    });
    await http().get(ws('/plan')).set('authorization', stranger.token).expect(404);

    // Once occupational health's own records list them, they take part with that role.
    await prisma.membership.create({
      data: { userId: stranger.id, organisationId: organisations.health, role: 'FHV_CONSULTANT' },
    });
    const accepted = await acceptByLink(stranger.token, stranger.email);
    expect(accepted.status).toBe(200);
    expect(accepted.body.me).toMatchObject({
      party: 'OCCUPATIONAL_HEALTH',
      role: 'FHV_CONSULTANT',
    });
  });

  it('takes no role from the inviter: an outsider is no "Solbacka kommun, DOCTOR"', async () => {
    const outsider = await person();
    const withRole = await invite(await bearer('employer'), {
      email: outsider.email,
      party: 'EMPLOYER',
      role: 'DOCTOR',
    }).expect(400);
    expect(withRole.body.errors[0].path).toBe('role');
    await invite(await bearer('employer'), { email: outsider.email }).expect(201);
    const refused = await acceptByLink(outsider.token, outsider.email);
    expect(refused.status).toBe(403);
    const overview = await http()
      .get(ws())
      .set('authorization', await bearer('patient'));
    expect((overview.body.participants as { userId: string }[]).map((p) => p.userId)).not.toContain(
      outsider.id,
    );

    // A colleague of the employer's own organisation joins at once, as the organisation says.
    const colleague = await person([{ organisationId: organisations.solbacka, role: 'HR' }]);
    const invited = await invite(await bearer('employer'), { email: colleague.email }).expect(201);
    expect(invited.body.status).toBe('OPEN');
    const joined = await acceptByLink(colleague.token, colleague.email);
    expect(joined.body.me).toMatchObject({ party: 'EMPLOYER', role: 'HR' });
    const participants = (
      await http()
        .get(ws())
        .set('authorization', await bearer('patient'))
    ).body.participants as { userId: string; role: string; organisation: { name: string } }[];
    expect(participants.find((p) => p.userId === colleague.id)).toMatchObject({
      role: 'HR',
      organisation: { name: 'Solbacka kommun' },
    });
  });

  it('shows the patient every pending invitation, and she withdraws it', async () => {
    const colleague = await person([{ organisationId: organisations.linden, role: 'THERAPIST' }]);
    const invited = await invite(await bearer('doctor'), { email: colleague.email }).expect(201);
    const patient = await bearer('patient');
    const list = await http().get(ws('/invitations')).set('authorization', patient).expect(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: invited.body.id, status: 'OPEN', party: 'CARE' }),
      ]),
    );
    // Another party sees only the invitations its own party issued.
    const employerList = await http()
      .get(ws('/invitations'))
      .set('authorization', await bearer('employer'))
      .expect(200);
    expect((employerList.body as { party: string; id: string }[]).map((i) => i.id)).not.toContain(
      invited.body.id,
    );
    // Nor may it withdraw another party's.
    await http()
      .delete(ws(`/invitations/${invited.body.id as string}`))
      .set('authorization', await bearer('employer'))
      .expect(403);
    await http()
      .delete(ws(`/invitations/${invited.body.id as string}`))
      .set('authorization', patient)
      .expect(204);
    const late = await acceptByLink(colleague.token, colleague.email);
    expect(late.status).toBe(404);
  });

  it('voids the invitations of a participant the patient removes', async () => {
    const patient = await bearer('patient');
    const inviter = await person([{ organisationId: organisations.fk, role: 'CASE_OFFICER' }]);
    const fkInvite = await invite(await bearer('fk'), { email: inviter.email }).expect(201);
    const joined = await acceptByLink(inviter.token, inviter.email);
    expect(joined.status).toBe(200);
    const invitee = await person([{ organisationId: organisations.fk, role: 'CASE_OFFICER' }]);
    await invite(inviter.token, { email: invitee.email }).expect(201);
    expect(fkInvite.body.status).toBe('OPEN');
    await http()
      .delete(ws(`/participants/${joined.body.me.participantId as string}`))
      .set('authorization', patient)
      .expect(204);
    const refused = await acceptByLink(invitee.token, invitee.email);
    expect(refused.status).toBe(404);
    const list = await http().get(ws('/invitations')).set('authorization', patient).expect(200);
    expect(
      (list.body as { email: string; status: string }[]).find((i) => i.email === invitee.email)
        ?.status,
    ).toBe('WITHDRAWN');
  });

  it('brings nobody the patient removed back without her approval', async () => {
    const patient = await bearer('patient');
    const removed = await person([{ organisationId: organisations.linden, role: 'COORDINATOR' }]);
    await invite(await bearer('doctor'), { email: removed.email }).expect(201);
    const joined = await acceptByLink(removed.token, removed.email);
    await http()
      .delete(ws(`/participants/${joined.body.me.participantId as string}`))
      .set('authorization', patient)
      .expect(204);
    await http().get(ws()).set('authorization', removed.token).expect(404);

    // A colleague invites them again: they do not come back on their own.
    const again = await invite(await bearer('doctor'), { email: removed.email }).expect(201);
    const refused = await acceptByLink(removed.token, removed.email);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 409,
      code: 'PATIENT_APPROVAL_REQUIRED',
    });
    await http().get(ws()).set('authorization', removed.token).expect(404);
    const list = await http().get(ws('/invitations')).set('authorization', patient).expect(200);
    expect(
      (list.body as { id: string; status: string }[]).find((i) => i.id === again.body.id)?.status,
    ).toBe('AWAITING_PATIENT');
    // Only the patient approves.
    await http()
      .post(ws(`/invitations/${again.body.id as string}/approve`))
      .set('authorization', await bearer('doctor'))
      .expect(403);
    await http()
      .post(ws(`/invitations/${again.body.id as string}/approve`))
      .set('authorization', patient)
      .expect(200);
    const back = await acceptByLink(removed.token, removed.email);
    expect(back.status).toBe(200);
  });

  it('lets each party bring in only the organisations that are its to invite', async () => {
    const cases: [DemoRole, keyof typeof organisations, number][] = [
      ['employer', 'fk', 403],
      // The employer and care ask each other in (the patient approves).
      ['employer', 'linden', 201],
      ['employer', 'health', 201],
      ['employer', 'solbacka', 201],
      ['doctor', 'solbacka', 201],
      ['doctor', 'fk', 403],
      ['doctor', 'linden', 201],
      ['fk', 'solbacka', 403],
      ['fk', 'af', 201],
      ['fk', 'fk', 201],
      // AF is brought in by others and invites no one.
      ['af', 'af', 403],
      ['af', 'fk', 403],
      ['patient', 'linden', 201],
    ];
    for (const [role, organisation, status] of cases) {
      const before = await prisma.invitation.count();
      const response = await invite(await bearer(role), {
        email: `${role}-invites-${organisation}@atergang.test`,
        organisationId: organisations[organisation],
      });
      expect({ role, organisation, status: response.status, code: response.body.code }).toEqual({
        role,
        organisation,
        status,
        code: status === 403 ? 'MAY_NOT_INVITE' : undefined,
      });
      expect(await prisma.invitation.count()).toBe(status === 201 ? before + 1 : before);
    }
    // The party named must be the organisation's.
    const mismatch = await invite(await bearer('patient'), {
      email: 'mismatch@atergang.test',
      organisationId: organisations.linden,
      party: 'EMPLOYER',
    }).expect(400);
    expect(mismatch.body.errors[0].path).toBe('party');
    // The patient names an organisation: she has none of her own.
    const none = await invite(await bearer('patient'), { email: 'x@atergang.test' }).expect(422);
    expect(none.body.errors[0].path).toBe('organisationId');
  });

  it('hands a participant’s place to a colleague of the same organisation, whom the patient sees', async () => {
    const manager = await person([{ organisationId: organisations.solbacka, role: 'MANAGER' }]);
    await invite(await bearer('employer'), { email: manager.email }).expect(201);
    const joined = await acceptByLink(manager.token, manager.email);
    expect(joined.status).toBe(200);
    const successor = await person([{ organisationId: organisations.solbacka, role: 'MANAGER' }]);
    const stranger = await person([{ organisationId: organisations.linden, role: 'DOCTOR' }]);
    const refused = await http()
      .post(ws('/handover'))
      .set('authorization', manager.token)
      .send({ toUserId: stranger.id })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'COLLEAGUE_NOT_ELIGIBLE' });
    await http()
      .post(ws('/handover'))
      .set('authorization', manager.token)
      .send({ toUserId: successor.id })
      .expect(204);
    await http().get(ws()).set('authorization', manager.token).expect(404);
    const seen = await http().get(ws()).set('authorization', successor.token).expect(200);
    expect(seen.body.me).toMatchObject({ party: 'EMPLOYER', role: 'MANAGER' });
    const participants = (
      await http()
        .get(ws())
        .set('authorization', await bearer('patient'))
    ).body.participants as { userId: string }[];
    expect(participants.map((p) => p.userId)).toEqual(expect.arrayContaining([successor.id]));
    expect(participants.map((p) => p.userId)).not.toContain(manager.id);
    // The patient has nothing to hand over.
    await http()
      .post(ws('/handover'))
      .set('authorization', await bearer('patient'))
      .send({ toUserId: successor.id })
      .expect(403);
  });

  it('ends case access on the next request when the organisation ends the membership', async () => {
    const member = await person([{ organisationId: organisations.linden, role: 'THERAPIST' }]);
    await invite(await bearer('doctor'), { email: member.email }).expect(201);
    expect((await acceptByLink(member.token, member.email)).status).toBe(200);
    await http().get(ws()).set('authorization', member.token).expect(200);
    await prisma.membership.deleteMany({ where: { userId: member.id } });
    await http().get(ws()).set('authorization', member.token).expect(404);
    const list = await http().get('/api/workspaces').set('authorization', member.token).expect(200);
    expect((list.body as { id: string }[]).map((w) => w.id)).not.toContain(workspaceId);
    // A role taken away counts for nothing, though the participant row still names it.
    const doctor = await person([{ organisationId: organisations.linden, role: 'DOCTOR' }]);
    await invite(await bearer('doctor'), { email: doctor.email }).expect(201);
    expect((await acceptByLink(doctor.token, doctor.email)).body.me.role).toBe('DOCTOR');
    await prisma.membership.updateMany({
      where: { userId: doctor.id },
      data: { role: 'THERAPIST' },
    });
    const after = await http().get(ws()).set('authorization', doctor.token).expect(200);
    expect(after.body.me.role).toBeNull();
    expect(after.body.permissions).not.toContain('plan:update-sick-leave-steps');
  });
});
