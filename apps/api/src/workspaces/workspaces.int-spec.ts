import { Writable } from 'node:stream';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
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

  it('lets a party invite only its own kind of colleague', async () => {
    const employerToken = await loginAs(testApp, 'employer');
    const response = await http()
      .post(`/api/workspaces/${demoWorkspaceId}/invitations`)
      .set('authorization', `Bearer ${employerToken}`)
      .send({ email: 'someone@atergang.test', party: 'FK' })
      .expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
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
