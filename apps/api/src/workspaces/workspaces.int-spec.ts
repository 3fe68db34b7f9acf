import { Writable } from 'node:stream';
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { buildCase } from '../testing/case-builder';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

class CapturedLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('opening and sharing a case', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let demoWorkspaceId: string;
  const log = new CapturedLog();
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp({ LOG_LEVEL: 'debug' }, { logDestination: log });
    ({ prisma, workspaceId: demoWorkspaceId } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('lets the employer open a case with the rehab chain, deadline tasks and permissions', async () => {
    const token = await loginAs(testApp, 'employer');
    const personnummer = newPersonnummer();
    const created = await http()
      .post('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .send({
        patientPersonnummer: personnummer,
        patientName: 'Bo Ek',
        patientEmail: 'bo.ek@atergang.test',
        sickPeriodStart: '2026-10-01',
        expectedLengthDays: 90,
        sickLeaveDegree: 100,
      })
      .expect(201);
    expect(created.body).toMatchObject({
      patient: { name: 'Bo Ek' },
      employer: { name: 'Solbacka kommun' },
      me: { party: 'EMPLOYER' },
      sickPeriodStart: '2026-10-01',
    });
    expect(created.body.rehabChain.day).toBeGreaterThan(0);
    expect(created.body.rehabChain.milestones.map((m: { day: number }) => m.day)).toEqual([
      8, 15, 21, 30, 90, 180, 365,
    ]);
    expect(created.body.permissions).toEqual(expect.arrayContaining(['plan:update', 'plan:sign']));
    expect(created.body.permissions).not.toContain('consent:manage');

    const tasks = await prisma.task.findMany({
      where: { workspaceId: created.body.id },
      orderBy: { dueDate: 'asc' },
    });
    expect(
      tasks.map((task) => [
        task.deadlineKey,
        task.assigneeParty,
        task.dueDate?.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ['EMPLOYER_REPORT_TO_FK', 'EMPLOYER', '2026-10-21'],
      ['RETURN_TO_WORK_PLAN', 'EMPLOYER', '2026-10-30'],
    ]);
    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId: created.body.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [1, 'workspace.created'],
      [2, 'task.created'],
      [3, 'task.created'],
    ]);

    // The patient (a new account) is in it; the list shows the case to its participants only.
    const list = await http()
      .get('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(list.body.map((w: { id: string }) => w.id)).toEqual(
      expect.arrayContaining([created.body.id, demoWorkspaceId]),
    );
    const outsider = await loginAs(testApp, 'outsider');
    const outsiderList = await http()
      .get('/api/workspaces')
      .set('authorization', `Bearer ${outsider}`)
      .expect(200);
    expect(outsiderList.body.map((w: { id: string }) => w.id)).not.toContain(created.body.id);

    // The personnummer never reaches the logs, in either written form.
    const short = `${personnummer.slice(2, 8)}-${personnummer.slice(8)}`;
    expect(log.text.length).toBeGreaterThan(0);
    expect(log.text).not.toContain(personnummer);
    expect(log.text).not.toContain(short);
    expect(log.text).not.toContain(personnummer.slice(2));
  });

  it('names the field for an invalid personnummer, without echoing it', async () => {
    const token = await loginAs(testApp, 'fk');
    const response = await http()
      .post('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .send({ patientPersonnummer: '198503122388', sickPeriodStart: '2026-10-01' })
      .expect(400);
    expect(response.body.errors).toEqual([
      { path: 'patientPersonnummer', message: 'is not a valid personnummer or samordningsnummer' },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('198503122388');
    expect(log.text).not.toContain('198503122388');
  });

  it('asks for the name and e-mail of a patient who has no account yet', async () => {
    const token = await loginAs(testApp, 'doctor');
    const before = await prisma.workspace.count();
    const response = await http()
      .post('/api/workspaces')
      .set('authorization', `Bearer ${token}`)
      .send({ patientPersonnummer: newPersonnummer(), sickPeriodStart: '2026-10-01' })
      .expect(422);
    expect(response.body.errors[0].path).toBe('patientName');
    expect(await prisma.workspace.count()).toBe(before);
  });

  it('invites a colleague by e-mail, who accepts after signing in', async () => {
    const patientToken = await loginAs(testApp, 'patient');
    const invitation = await http()
      .post(`/api/workspaces/${demoWorkspaceId}/invitations`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({ email: 'annan@atergang.test', party: 'OCCUPATIONAL_HEALTH' })
      .expect(201);
    expect(invitation.body).toMatchObject({
      party: 'OCCUPATIONAL_HEALTH',
      email: 'annan@atergang.test',
    });

    const inviteeToken = await loginAs(testApp, 'outsider');
    await http()
      .get(`/api/workspaces/${demoWorkspaceId}`)
      .set('authorization', `Bearer ${inviteeToken}`)
      .expect(404);
    const mine = await http()
      .get('/api/invitations')
      .set('authorization', `Bearer ${inviteeToken}`)
      .expect(200);
    expect(mine.body.map((i: { id: string }) => i.id)).toEqual([invitation.body.id]);

    // Someone else cannot accept it.
    const afToken = await loginAs(testApp, 'af');
    await http()
      .post(`/api/invitations/${invitation.body.id}/accept`)
      .set('authorization', `Bearer ${afToken}`)
      .expect(404);

    const accepted = await http()
      .post(`/api/invitations/${invitation.body.id}/accept`)
      .set('authorization', `Bearer ${inviteeToken}`)
      .expect(200);
    expect(accepted.body.me.party).toBe('OCCUPATIONAL_HEALTH');
    await http()
      .get(`/api/workspaces/${demoWorkspaceId}`)
      .set('authorization', `Bearer ${inviteeToken}`)
      .expect(200);

    // The patient removes them again: the next request is refused.
    await http()
      .delete(`/api/workspaces/${demoWorkspaceId}/participants/${accepted.body.me.participantId}`)
      .set('authorization', `Bearer ${patientToken}`)
      .expect(204);
    await http()
      .get(`/api/workspaces/${demoWorkspaceId}`)
      .set('authorization', `Bearer ${inviteeToken}`)
      .expect(404);
  });

  it('lets each party bring in only the parties that are its to invite', async () => {
    const cases: [Parameters<typeof loginAs>[1], string, number][] = [
      ['employer', 'FK', 403],
      ['employer', 'CARE', 403],
      ['employer', 'OCCUPATIONAL_HEALTH', 201],
      ['employer', 'EMPLOYER', 201],
      ['doctor', 'EMPLOYER', 403],
      ['doctor', 'CARE', 201],
      ['fk', 'EMPLOYER', 403],
      ['fk', 'AF', 201],
      ['fk', 'FK', 201],
      // AF is brought in by others and invites no one.
      ['af', 'AF', 403],
      ['af', 'FK', 403],
      ['af', 'EMPLOYER', 403],
      ['patient', 'CARE', 201],
    ];
    for (const [role, party, status] of cases) {
      const token = await loginAs(testApp, role);
      const before = await prisma.invitation.count();
      const response = await http()
        .post(`/api/workspaces/${demoWorkspaceId}/invitations`)
        .set('authorization', `Bearer ${token}`)
        .send({ email: `${role}-invites-${party.toLowerCase()}@atergang.test`, party });
      expect({
        role,
        party,
        status: response.status,
        ...(status === 403
          ? { code: response.body.code, path: response.body.errors?.[0]?.path }
          : {}),
      }).toEqual({
        role,
        party,
        status,
        ...(status === 403 ? { code: 'MAY_NOT_INVITE', path: 'party' } : {}),
      });
      expect(await prisma.invitation.count()).toBe(status === 201 ? before + 1 : before);
    }
    const denial = await prisma.auditLog.findFirst({
      where: { workspaceId: demoWorkspaceId, outcome: 'DENIED', actorParty: 'AF' },
    });
    expect(denial).toMatchObject({ action: 'participant.invited', reason: 'MAY_NOT_INVITE' });
  });

  it('refuses an invitation with a role that is not one of the party’s case roles, naming `role`', async () => {
    const patientToken = await loginAs(testApp, 'patient');
    const before = await prisma.invitation.count();
    for (const [party, role] of [
      ['EMPLOYER', 'DOCTOR'],
      ['CARE', 'MANAGER'],
      ['FK', 'FHV_CONSULTANT'],
      // An administrator administers people, not cases.
      ['CARE', 'ORG_ADMIN'],
    ] as const) {
      const response = await http()
        .post(`/api/workspaces/${demoWorkspaceId}/invitations`)
        .set('authorization', `Bearer ${patientToken}`)
        .send({ email: `roll-${role.toLowerCase()}@atergang.test`, party, role });
      expect({
        party,
        role,
        status: response.status,
        paths: ((response.body.errors ?? []) as { path: string }[]).map((e) => e.path),
      }).toEqual({ party, role, status: 400, paths: ['role'] });
    }
    expect(await prisma.invitation.count()).toBe(before);
    // The party's own role is accepted.
    await http()
      .post(`/api/workspaces/${demoWorkspaceId}/invitations`)
      .set('authorization', `Bearer ${patientToken}`)
      .send({ email: 'hr@atergang.test', party: 'EMPLOYER', role: 'HR' })
      .expect(201);
  });

  it('treats a participant whose role is ORG_ADMIN as not taking part: 404 for the workspace and its content', async () => {
    const { workspaceId, members, organisations } = await buildCase(testApp, prisma, {
      opener: { key: 'coordinator', party: 'CARE', role: 'COORDINATOR' },
      consents: [
        { party: 'CARE', categories: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS'] },
      ],
    });
    // An administrator of the care unit, written into the case directly (the API lets no
    // one invite an administrator).
    const password = 'org-admin-2026';
    const admin = await prisma.user.create({
      data: {
        email: `admin-${workspaceId.slice(0, 8)}@atergang.test`,
        name: 'Vårdenhetens administratör',
        passwordHash: await hash(password),
      },
    });
    await prisma.membership.create({
      data: { userId: admin.id, organisationId: organisations.CARE, role: 'ORG_ADMIN' },
    });
    await prisma.participant.create({
      data: {
        workspaceId,
        userId: admin.id,
        party: 'CARE',
        organisationId: organisations.CARE,
        role: 'ORG_ADMIN',
      },
    });
    const login = await http()
      .post('/api/auth/login')
      .send({ email: admin.email, password })
      .expect(200);
    const adminToken = `Bearer ${login.body.accessToken as string}`;

    // A colleague in a case role sees the case and its tasks.
    const coordinator = `Bearer ${members.coordinator.token}`;
    await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set('authorization', coordinator)
      .expect(200);
    const tasks = await http()
      .get(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', coordinator)
      .expect(200);
    expect(tasks.body.tasks.length).toBeGreaterThan(0);

    for (const path of ['', '/tasks', '/plan', '/meetings', '/events', '/documents']) {
      const response = await http()
        .get(`/api/workspaces/${workspaceId}${path}`)
        .set('authorization', adminToken);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const created = await http()
      .post(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', adminToken)
      .send({ title: 'Administrera', assigneeParty: 'CARE' });
    expect(created.status).toBe(404);
    const list = await http().get('/api/workspaces').set('authorization', adminToken).expect(200);
    expect((list.body as { id: string }[]).map((w) => w.id)).not.toContain(workspaceId);

    // Nor does an administrator open a case (it would be a participant without case access).
    const workspacesBefore = await prisma.workspace.count();
    for (const acting of [{}, { actingOrganisationId: organisations.CARE }]) {
      const opened = await http()
        .post('/api/workspaces')
        .set('authorization', adminToken)
        .send({
          patientPersonnummer: newPersonnummer(),
          patientName: 'Cecilia Ek',
          patientEmail: `cecilia-${Object.keys(acting).length}@atergang.test`,
          sickPeriodStart: '2026-10-01',
          ...acting,
        });
      expect({ acting, status: opened.status, code: opened.body.code }).toEqual({
        acting,
        status: 403,
        code: 'ADMINISTRATOR_OPENS_NO_CASE',
      });
    }
    expect(await prisma.workspace.count()).toBe(workspacesBefore);
  });

  it('refuses to remove the patient from their own case', async () => {
    const patientToken = await loginAs(testApp, 'patient');
    const patientParticipant = await prisma.participant.findFirstOrThrow({
      where: { workspaceId: demoWorkspaceId, party: 'PATIENT' },
    });
    await http()
      .delete(`/api/workspaces/${demoWorkspaceId}/participants/${patientParticipant.id}`)
      .set('authorization', `Bearer ${patientToken}`)
      .expect(422);
  });
});
