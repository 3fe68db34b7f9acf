import { Writable } from 'node:stream';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { ANNA_PERSONNUMMER } from '../demo/demo-case.seed';
import { NEW_PERSON_PASSWORD } from '../testing/case-opening';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { linkTokenFromOutbox } from '../testing/mail-links';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

// Opening a case (issue 12, hole 2). Before, POST /api/workspaces was a personnummer lookup:
// 422 for an unknown person, 201 with the full name of a known one (and a real case opened
// on her under the stranger's employer), 409 EMAIL_TAKEN for addresses with accounts. Now
// the answer is the same for everyone and holds only what the opener typed; the person is
// asked at her own address and the case exists once she says yes.

class CapturedLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('opening a case: pending until the person answers', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  const log = new CapturedLog();
  const http = () => request(testApp.app.getHttpServer());
  const bearer = async (role: Parameters<typeof loginAs>[1]) =>
    `Bearer ${await loginAs(testApp, role)}`;

  beforeAll(async () => {
    testApp = await createTestApp({ LOG_LEVEL: 'debug' }, { logDestination: log });
    ({ prisma } = await seedDemo(testApp));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  const ask = (authorization: string, body: Record<string, unknown>) =>
    http().post('/api/workspaces').set('authorization', authorization).send(body);

  it('answers the same whether or not the person has an account, with nothing of hers', async () => {
    const employer = await bearer('employer');
    const workspacesBefore = await prisma.workspace.count();
    const known = await ask(employer, {
      patientPersonnummer: ANNA_PERSONNUMMER,
      patientName: 'Vem som helst',
      patientEmail: 'angripare@example.test',
      sickPeriodStart: '2026-11-01',
    });
    const unknown = await ask(employer, {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Vem som helst',
      patientEmail: 'ny.person@example.test',
      sickPeriodStart: '2026-11-01',
    });
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      id: typeof body.id,
      createdAt: typeof body.createdAt,
      expiresAt: typeof body.expiresAt,
    });
    expect({ status: known.status, body: shape(known.body) }).toEqual({
      status: unknown.status,
      body: shape(unknown.body),
    });
    expect(known.status).toBe(202);
    expect(known.body).toMatchObject({
      status: 'PENDING',
      patientName: 'Vem som helst',
      actingOrganisation: { name: 'Solbacka kommun' },
      workspaceId: null,
    });
    const anna = await prisma.user.findUniqueOrThrow({ where: { email: 'anna@atergang.test' } });
    const text = JSON.stringify(known.body);
    expect(text).not.toContain(anna.name);
    expect(text).not.toContain(anna.id);
    // Nothing of hers is created or opened.
    expect(await prisma.workspace.count()).toBe(workspacesBefore);

    // Anna is asked at her own address; the typed one never becomes hers.
    const toAnna = await prisma.mailMessage.findFirst({
      where: { kind: 'case-opening', toAddress: 'anna@atergang.test' },
    });
    expect(toAnna?.textBody).toContain('Solbacka kommun');
    expect(await prisma.mailMessage.count({ where: { toAddress: 'angripare@example.test' } })).toBe(
      0,
    );
    expect(await prisma.mailMessage.count({ where: { toAddress: 'ny.person@example.test' } })).toBe(
      1,
    );
    expect(await prisma.user.count({ where: { email: 'ny.person@example.test' } })).toBe(0);
    // No personnummer in the mail, the answer or the logs.
    expect(toAnna?.textBody).not.toContain(ANNA_PERSONNUMMER.slice(2, 8));
    expect(log.text).not.toContain(ANNA_PERSONNUMMER);
    // The request is audited for the opener.
    expect(
      await prisma.auditLog.count({
        where: { action: 'case-opening.requested', resourceId: known.body.id as string },
      }),
    ).toBe(1);
  });

  it('opens the case when a new person accepts from her link, with its deadlines', async () => {
    const employer = await bearer('employer');
    const email = 'bo.ek@example.test';
    const asked = await ask(employer, {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Bo Ek',
      patientEmail: email,
      sickPeriodStart: '2026-10-01',
      expectedLengthDays: 90,
      sickLeaveDegree: 100,
    }).expect(202);
    const token = await linkTokenFromOutbox(prisma, email, 'case-opening');

    const lookedUp = await http().post('/api/case-openings/lookup').send({ token }).expect(200);
    expect(lookedUp.body).toMatchObject({
      status: 'PENDING',
      organisation: { name: 'Solbacka kommun', kind: 'EMPLOYER' },
      accountExists: false,
      sickPeriodStart: '2026-10-01',
    });
    // The employer sees nothing yet.
    await http()
      .get(`/api/workspaces/${asked.body.id as string}`)
      .set('authorization', employer)
      .expect(404);

    // A guessable password is refused, naming the field, and nothing is created.
    const weak = await http()
      .post('/api/case-openings/register')
      .send({ token, password: 'password123' })
      .expect(422);
    expect(weak.body.errors[0].path).toBe('password');
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const accepted = await http()
      .post('/api/case-openings/register')
      .send({ token, password: NEW_PERSON_PASSWORD })
      .expect(200);
    const workspaceId = accepted.body.workspaceId as string;
    expect(workspaceId).toBe(asked.body.id);
    expect(String(accepted.headers['set-cookie'])).toContain('refresh');
    const mine = await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set('authorization', `Bearer ${accepted.body.accessToken as string}`)
      .expect(200);
    expect(mine.body).toMatchObject({ patient: { name: 'Bo Ek' }, me: { party: 'PATIENT' } });
    const seen = await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set('authorization', employer)
      .expect(200);
    expect(seen.body).toMatchObject({ employer: { name: 'Solbacka kommun' } });
    expect(seen.body.rehabChain.milestones.map((m: { day: number }) => m.day)).toEqual([
      8, 15, 21, 30, 90, 180, 365,
    ]);
    const tasks = await prisma.task.findMany({
      where: { workspaceId },
      orderBy: { dueDate: 'asc' },
    });
    expect(
      tasks.map((task) => [task.deadlineKey, task.dueDate?.toISOString().slice(0, 10)]),
    ).toEqual([
      ['EMPLOYER_REPORT_TO_FK', '2026-10-21'],
      ['RETURN_TO_WORK_PLAN', '2026-10-30'],
    ]);
    // She can sign in with the password she chose.
    await http().post('/api/auth/login').send({ email, password: NEW_PERSON_PASSWORD }).expect(200);

    // The link works once; the opener's list shows the answer.
    await http()
      .post('/api/case-openings/register')
      .send({ token, password: NEW_PERSON_PASSWORD })
      .expect(404);
    const list = await http().get('/api/case-openings').set('authorization', employer).expect(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: workspaceId, status: 'ACCEPTED', workspaceId }),
      ]),
    );
  });

  it('asks a person with an account to sign in, and lets only her accept', async () => {
    const doctor = await bearer('doctor');
    await ask(doctor, {
      patientPersonnummer: ANNA_PERSONNUMMER,
      patientName: 'Anna',
      patientEmail: 'fel.adress@example.test',
      sickPeriodStart: '2026-11-10',
      employerOrganisationId: (
        await prisma.organisation.findFirstOrThrow({ where: { name: 'Solbacka kommun' } })
      ).id,
    }).expect(202);
    const token = await linkTokenFromOutbox(prisma, 'anna@atergang.test', 'case-opening');
    const lookedUp = await http().post('/api/case-openings/lookup').send({ token }).expect(200);
    expect(lookedUp.body.accountExists).toBe(true);
    const anonymous = await http()
      .post('/api/case-openings/register')
      .send({ token, password: NEW_PERSON_PASSWORD })
      .expect(401);
    expect(anonymous.body.code).toBe('SIGN_IN_TO_ANSWER');
    const someoneElse = await http()
      .post('/api/case-openings/accept')
      .set('authorization', await bearer('employer'))
      .send({ token })
      .expect(403);
    expect(someoneElse.body.code).toBe('CASE_OPENING_NOT_YOURS');
    const anna = await bearer('patient');
    const accepted = await http()
      .post('/api/case-openings/accept')
      .set('authorization', anna)
      .send({ token })
      .expect(200);
    const overview = await http()
      .get(`/api/workspaces/${accepted.body.workspaceId as string}`)
      .set('authorization', anna)
      .expect(200);
    expect(overview.body.me.party).toBe('PATIENT');
    expect(overview.body.sickPeriodStart).toBe('2026-11-10');
  });

  it('shows a person signed in with her personnummer (e-ID) the requests for her, to accept', async () => {
    await ask(await bearer('fk'), {
      patientPersonnummer: ANNA_PERSONNUMMER,
      patientName: 'Anna A',
      patientEmail: 'anna@atergang.test',
      sickPeriodStart: '2026-11-15',
    }).expect(202);
    const anna = await bearer('patient');
    const forMe = await http()
      .get('/api/case-openings/for-me')
      .set('authorization', anna)
      .expect(200);
    const pending = (forMe.body as { id: string; organisation: { name: string } }[]).find(
      (item) => item.organisation.name === 'Försäkringskassan',
    );
    expect(pending).toBeDefined();
    // Someone else cannot accept it by its id.
    await http()
      .post(`/api/case-openings/${pending?.id ?? ''}/accept`)
      .set('authorization', await bearer('outsider'))
      .expect(404);
    const accepted = await http()
      .post(`/api/case-openings/${pending?.id ?? ''}/accept`)
      .set('authorization', anna)
      .expect(200);
    expect(accepted.body.workspaceId).toBe(pending?.id);
  });

  it('lets the person decline and the opener withdraw, opening nothing', async () => {
    const employer = await bearer('employer');
    const declinedEmail = 'nej.tack@example.test';
    const declined = await ask(employer, {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Nej Tack',
      patientEmail: declinedEmail,
      sickPeriodStart: '2026-11-01',
    }).expect(202);
    const token = await linkTokenFromOutbox(prisma, declinedEmail, 'case-opening');
    await http().post('/api/case-openings/decline').send({ token }).expect(204);
    await http().post('/api/case-openings/lookup').send({ token }).expect(404);

    const withdrawn = await ask(employer, {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Ångrad Förfrågan',
      patientEmail: 'angrad@example.test',
      sickPeriodStart: '2026-11-01',
    }).expect(202);
    // Only the opener withdraws it.
    await http()
      .delete(`/api/case-openings/${withdrawn.body.id as string}`)
      .set('authorization', await bearer('fk'))
      .expect(404);
    await http()
      .delete(`/api/case-openings/${withdrawn.body.id as string}`)
      .set('authorization', employer)
      .expect(204);
    const withdrawnToken = await linkTokenFromOutbox(prisma, 'angrad@example.test', 'case-opening');
    await http()
      .post('/api/case-openings/register')
      .send({ token: withdrawnToken, password: NEW_PERSON_PASSWORD })
      .expect(404);

    const list = await http().get('/api/case-openings').set('authorization', employer).expect(200);
    const statusOf = (id: string) =>
      (list.body as { id: string; status: string }[]).find((item) => item.id === id)?.status;
    expect([statusOf(declined.body.id as string), statusOf(withdrawn.body.id as string)]).toEqual([
      'DECLINED',
      'WITHDRAWN',
    ]);
    expect(
      await prisma.workspace.count({
        where: { id: { in: [declined.body.id as string, withdrawn.body.id as string] } },
      }),
    ).toBe(0);
  });

  it('names the field for an invalid personnummer, without echoing it', async () => {
    const response = await ask(await bearer('fk'), {
      patientPersonnummer: '198503122388',
      patientName: 'Fel Nummer',
      patientEmail: 'fel@example.test',
      sickPeriodStart: '2026-10-01',
    }).expect(400);
    expect(response.body.errors).toEqual([
      {
        path: 'patientPersonnummer',
        message: 'is not a valid personnummer or samordningsnummer',
        code: 'invalid_format',
        format: 'personnummer',
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain('198503122388');
    expect(log.text).not.toContain('198503122388');
  });

  it('always asks for a name and an address, so the answer never tells who has an account', async () => {
    const before = await prisma.caseOpening.count();
    const response = await ask(await bearer('doctor'), {
      patientPersonnummer: ANNA_PERSONNUMMER,
      sickPeriodStart: '2026-10-01',
    }).expect(400);
    expect((response.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
      'patientEmail',
      'patientName',
    ]);
    expect(await prisma.caseOpening.count()).toBe(before);
  });

  it('refuses an unknown, malformed or used link with one answer naming `token`', async () => {
    const unknown = await http()
      .post('/api/case-openings/lookup')
      .send({ token: 'x'.repeat(43) })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'CASE_OPENING_NOT_FOUND' });
    expect(unknown.body.errors[0].path).toBe('token');
    const malformed = await http()
      .post('/api/case-openings/decline')
      .send({ token: 1 })
      .expect(400);
    expect(malformed.body.errors[0].path).toBe('token');
  });
});
