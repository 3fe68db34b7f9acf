import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { buildCase } from '../testing/case-builder';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

// Opening a case is in case-openings.int-spec.ts, invitations in invitations.int-spec.ts.
describe('a case and its participants', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let demoWorkspaceId: string;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId: demoWorkspaceId } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
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
