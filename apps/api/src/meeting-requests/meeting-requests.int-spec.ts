import { addDays } from '@atergang/domain';
import type {
  EventsPage,
  MeetingRequestList,
  MeetingRequestView,
  MeetingView,
  TaskList,
  WorkspaceOverview,
} from '@atergang/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { TestSmtpServer } from '@atergang/test-smtp';
import { stockholmToday } from '../common/calendar';
import { createApp } from '../configure-app';
import { openPrisma } from '../testing/demo-fixture';
import { type BuiltCase, buildCase } from '../testing/case-builder';
import { queueDrained } from '../testing/job-queue-drained';
import { createTestApp, type TestApp } from '../testing/test-app';

// Asking FK for an avstämningsmöte (issue 15, item 1), on cases of the test's own: FK calls
// the meeting and decides whether it is held; the patient, care's doctor and coordinator and
// the employer's manager and HR may ask it for one, one open request per party; FK sees every
// request (they are addressed to it), the asking party its own, the patient all, any other
// party only by MEETINGS consent.

type Who = 'manager' | 'hr' | 'norole' | 'doctor' | 'coordinator' | 'therapist' | 'fk' | 'af';

const MEMBERS = {
  hr: { party: 'EMPLOYER', role: 'HR' },
  norole: { party: 'EMPLOYER', role: null },
  doctor: { party: 'CARE', role: 'DOCTOR' },
  coordinator: { party: 'CARE', role: 'COORDINATOR' },
  therapist: { party: 'CARE', role: 'THERAPIST' },
  fk: { party: 'FK', role: 'CASE_OFFICER' },
  af: { party: 'AF', role: 'CASE_OFFICER' },
} as const;

describe('asking Försäkringskassan for an avstämningsmöte', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let smtp: TestSmtpServer;
  /** A second instance on the same database that works the job queue (notifications). */
  let worker: NestFastifyApplication;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const port = await smtp.listen();
    testApp = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    prisma = openPrisma(testApp.database.url);
    worker = await createApp({ ...testApp.config, jobs: { worker: true } });
  });

  afterAll(async () => {
    await worker.close();
    await prisma.$disconnect();
    await testApp.close();
    await smtp.close();
  });

  /** Without FK: the member called `fk` is then one more AF case officer. */
  const newCase = (withFk = true): Promise<BuiltCase<Who>> =>
    buildCase(testApp, prisma, {
      opener: { key: 'manager', party: 'EMPLOYER', role: 'MANAGER' },
      members: withFk
        ? MEMBERS
        : ({ ...MEMBERS, fk: { party: 'AF', role: 'CASE_OFFICER' } } as const),
    });

  function client(built: BuiltCase<Who>) {
    const token = (who: Who | 'patient') =>
      who === 'patient' ? built.patient.token : built.members[who].token;
    const path = (rest = '') => `/api/workspaces/${built.workspaceId}/meeting-requests${rest}`;
    return {
      ask: (who: Who | 'patient', body: object = { reason: 'Vi behöver planera återgången.' }) =>
        http()
          .post(path())
          .set('authorization', `Bearer ${token(who)}`)
          .send(body),
      list: async (who: Who | 'patient'): Promise<MeetingRequestList> =>
        (
          await http()
            .get(path())
            .set('authorization', `Bearer ${token(who)}`)
            .expect(200)
        ).body as MeetingRequestList,
      answer: (who: Who | 'patient', id: string, body: object) =>
        http()
          .post(path(`/${id}/answer`))
          .set('authorization', `Bearer ${token(who)}`)
          .send(body),
      get: (who: Who | 'patient', rest: string) =>
        http()
          .get(`/api/workspaces/${built.workspaceId}${rest}`)
          .set('authorization', `Bearer ${token(who)}`),
      post: (who: Who | 'patient', rest: string, body: object) =>
        http()
          .post(`/api/workspaces/${built.workspaceId}${rest}`)
          .set('authorization', `Bearer ${token(who)}`)
          .send(body),
      userId: (who: Who | 'patient') =>
        who === 'patient' ? built.patient.userId : built.members[who].userId,
      participantId: (who: Who | 'patient') =>
        who === 'patient' ? built.patient.participantId : built.members[who].participantId,
    };
  }

  const deniedAudits = (workspaceId: string, userId: string, action: string) =>
    prisma.auditLog.count({
      where: { workspaceId, actorUserId: userId, action, outcome: 'DENIED' },
    });

  it('lets the patient, the doctor, the coordinator and the employer’s manager and HR ask; refuses FK, AF, a therapist and a member without a role with an audited 403', async () => {
    const built = await newCase();
    const api = client(built);
    for (const who of ['fk', 'af', 'therapist', 'norole'] as const) {
      const refused = await api.ask(who);
      expect({
        who,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ who, status: 403, code: 'MEETING_REQUEST_NOT_ALLOWED' });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await deniedAudits(built.workspaceId, api.userId(who), 'meeting.requested')).toBe(1);
    }
    for (const who of ['patient', 'manager', 'doctor'] as const) {
      const asked = await api.ask(who);
      expect({ who, status: asked.status }).toEqual({ who, status: 201 });
      expect(asked.body).toMatchObject({
        status: 'OPEN',
        requestedBy: { party: expect.any(String) },
      });
    }
    // One open request per party: HR after the manager, the coordinator after the doctor.
    for (const who of ['hr', 'coordinator', 'patient'] as const) {
      const twice = await api.ask(who);
      expect({ who, status: twice.status, code: (twice.body as { code: string }).code }).toEqual({
        who,
        status: 409,
        code: 'MEETING_REQUEST_OPEN',
      });
      expect(await deniedAudits(built.workspaceId, api.userId(who), 'meeting.requested')).toBe(1);
    }
    // The overview's may-flags are the same rules.
    const permissions = async (who: Who | 'patient') =>
      ((await api.get(who, '').expect(200)).body as WorkspaceOverview).permissions;
    expect(await permissions('patient')).toContain('meeting-request:create');
    expect(await permissions('hr')).toContain('meeting-request:create');
    expect(await permissions('coordinator')).toContain('meeting-request:create');
    expect(await permissions('fk')).not.toContain('meeting-request:create');
    expect(await permissions('fk')).toContain('meeting-request:answer');
    expect(await permissions('therapist')).not.toContain('meeting-request:create');
    expect(await permissions('doctor')).not.toContain('meeting-request:answer');
  });

  it('names the field of bad input: a missing reason, a period that ends before it starts, an unknown key', async () => {
    const built = await newCase();
    const api = client(built);
    const cases: [object, string][] = [
      [{}, 'reason'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'Behövs', preferredFrom: '2099-03-10', preferredTo: '2099-03-01' }, 'preferredTo'],
      [{ reason: 'Behövs', preferredFrom: '2099-02-30' }, 'preferredFrom'],
    ];
    for (const [body, field] of cases) {
      const response = await api.ask('patient', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(
        field,
      );
    }
    const unknown = await api.ask('patient', { reason: 'Behövs', urgent: true });
    expect(unknown.status).toBe(400);
    expect(await prisma.meetingRequest.count({ where: { workspaceId: built.workspaceId } })).toBe(
      0,
    );
  });

  it('shows FK every request, the asking party its own, the patient all, and others only with MEETINGS consent (REST and events)', async () => {
    const built = await newCase();
    const api = client(built);
    const byEmployer = (await api.ask('manager').expect(201)).body as MeetingRequestView;
    const byCare = (
      await api
        .ask('doctor', {
          reason: 'Patienten behöver en gemensam planering.',
          topics: 'Arbetsträning',
          preferredFrom: '2099-03-01',
          preferredTo: '2099-03-15',
        })
        .expect(201)
    ).body as MeetingRequestView;
    expect(byCare).toMatchObject({
      topics: 'Arbetsträning',
      preferredFrom: '2099-03-01',
      preferredTo: '2099-03-15',
      dueDate: addDays(stockholmToday(), 14),
    });
    const ids = async (who: Who | 'patient') =>
      (await api.list(who)).requests.map((r) => r.id).sort();
    const both = [byEmployer.id, byCare.id].sort();
    expect(await ids('fk')).toEqual(both);
    expect(await ids('patient')).toEqual(both);
    expect(await ids('hr')).toEqual([byEmployer.id]);
    expect(await ids('coordinator')).toEqual([byCare.id]);
    expect(await ids('af')).toEqual([]);
    // The same for the event log: AF sees neither request's event, FK both.
    const requestedEvents = async (who: Who | 'patient') =>
      ((await api.get(who, '/events?after=0').expect(200)).body as EventsPage).events
        .filter((event) => event.type === 'meeting.requested')
        .map((event) => event.data.id as string)
        .sort();
    expect(await requestedEvents('af')).toEqual([]);
    expect(await requestedEvents('fk')).toEqual(both);
    expect(await requestedEvents('manager')).toEqual([byEmployer.id]);
    // FK's task id only to those who may read the task (FK, the patient, the asking party).
    expect((await api.list('fk')).requests.every((r) => r.taskId !== null)).toBe(true);

    // MEETINGS for AF lets it see both; revoking takes it away again.
    const granted = await http()
      .post(`/api/workspaces/${built.workspaceId}/consents`)
      .set('authorization', `Bearer ${built.patient.token}`)
      .send({ party: 'AF', categories: ['MEETINGS'] })
      .expect(201);
    expect(await ids('af')).toEqual(both);
    expect((await api.list('af')).requests.every((r) => r.taskId === null)).toBe(true);
    await http()
      .delete(
        `/api/workspaces/${built.workspaceId}/consents/${(granted.body as { id: string }).id}`,
      )
      .set('authorization', `Bearer ${built.patient.token}`)
      .expect(200);
    expect(await ids('af')).toEqual([]);
    // A request AF may not see, answered by AF: 403 consent-required, audited.
    const hidden = await api.answer('af', byCare.id, { decision: 'ACCEPTED' });
    expect(hidden.status).toBe(403);
    expect((hidden.body as { type: string }).type).toMatch(/consent-required$/);
    expect(
      await deniedAudits(built.workspaceId, api.userId('af'), 'meeting.request-answered'),
    ).toBe(1);
  });

  it('makes the request FK’s task in the same transaction as its event and audit row, and rolls all back when refused', async () => {
    const built = await newCase();
    const api = client(built);
    const asked = (await api.ask('patient').expect(201)).body as MeetingRequestView;
    const row = await prisma.meetingRequest.findUniqueOrThrow({ where: { id: asked.id } });
    const task = await prisma.task.findUniqueOrThrow({ where: { id: row.taskId ?? '' } });
    expect(task).toMatchObject({
      assigneeParty: 'FK',
      status: 'OPEN',
      createdByParty: 'PATIENT',
      title: 'Svara på önskemål om avstämningsmöte',
    });
    expect(task.dueDate?.toISOString().slice(0, 10)).toBe(addDays(stockholmToday(), 14));
    // The reason is the request's, not the task's: its readers are not the request's.
    expect(task.description).not.toContain('planera återgången');
    const event = await prisma.workspaceEvent.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, type: 'meeting.requested', subjectId: asked.id },
    });
    expect(event).toMatchObject({
      category: 'MEETINGS',
      authorParty: 'PATIENT',
      assigneeParty: 'FK',
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, action: 'meeting.requested', resourceId: asked.id },
    });
    expect(audit.outcome).toBe('ALLOWED');
    // xmin is the id of the transaction that wrote a row: the request, its task, its event and
    // its audit row share it only when they were written in one transaction.
    const writers = await prisma.$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text AS xmin FROM meeting_requests WHERE id = ${asked.id}::uuid
      UNION ALL SELECT xmin::text FROM tasks WHERE id = ${task.id}::uuid
      UNION ALL SELECT xmin::text FROM workspace_events
        WHERE workspace_id = ${built.workspaceId}::uuid AND seq = ${event.seq}
      UNION ALL SELECT xmin::text FROM audit_log WHERE id = ${audit.id}`;
    expect(writers).toHaveLength(4);
    expect(new Set(writers.map((writer) => writer.xmin)).size).toBe(1);
    // FK sees the task among its own.
    const fkTasks = (await api.get('fk', '/tasks').expect(200)).body as TaskList;
    expect(fkTasks.tasks.map((t) => t.id)).toContain(task.id);

    // A refused second request leaves nothing behind: no request, no task, no event.
    const counts = async () => ({
      requests: await prisma.meetingRequest.count({ where: { workspaceId: built.workspaceId } }),
      tasks: await prisma.task.count({ where: { workspaceId: built.workspaceId } }),
      events: await prisma.workspaceEvent.count({ where: { workspaceId: built.workspaceId } }),
    });
    const before = await counts();
    await api.ask('patient').expect(409);
    expect(await counts()).toEqual(before);
  });

  it('lets only FK answer: a decline needs a message, a meeting named must be an avstämningsmöte of the case; the task closes and the asker is told', async () => {
    const built = await newCase();
    const api = client(built);
    const asked = (await api.ask('manager').expect(201)).body as MeetingRequestView;
    const fkView = (await api.list('fk')).requests.find((r) => r.id === asked.id);
    expect(fkView?.may.answer).toBe(true);
    expect((await api.list('manager')).requests[0]?.may.answer).toBe(false);

    // Those who see the request (the patient, the asking party) are refused as not FK; care
    // without MEETINGS consent does not even see it.
    for (const [who, problem] of [
      ['patient', 'MEETING_REQUEST_NOT_FK'],
      ['manager', 'MEETING_REQUEST_NOT_FK'],
      ['hr', 'MEETING_REQUEST_NOT_FK'],
      ['doctor', 'CONSENT_REQUIRED'],
    ] as const) {
      const refused = await api.answer(who, asked.id, { decision: 'ACCEPTED' });
      expect({
        who,
        status: refused.status,
        code: (refused.body as { code: string }).code,
      }).toEqual({ who, status: 403, code: problem });
    }
    const noMessage = await api.answer('fk', asked.id, { decision: 'DECLINED', message: '  ' });
    expect(noMessage.status).toBe(422);
    expect(noMessage.body).toMatchObject({
      code: 'MEETING_REQUEST_MESSAGE_REQUIRED',
      errors: [{ path: 'message' }],
    });
    expect(
      await deniedAudits(built.workspaceId, api.userId('fk'), 'meeting.request-answered'),
    ).toBe(1);
    const unknownRequest = await api.answer('fk', '00000000-0000-4000-8000-000000000000', {
      decision: 'ACCEPTED',
    });
    expect(unknownRequest.status).toBe(404);

    const propose = async (kind: string) =>
      (
        await api
          .post('fk', '/meetings', {
            kind,
            title: 'Avstämning',
            participantIds: [api.participantId('patient'), api.participantId('manager')],
            slots: [{ start: '2099-03-02T09:00:00+01:00', end: '2099-03-02T10:00:00+01:00' }],
          })
          .expect(201)
      ).body as MeetingView;
    const followUp = await propose('FOLLOW_UP');
    const wrongKind = await api.answer('fk', asked.id, {
      decision: 'ACCEPTED',
      meetingId: followUp.id,
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body).toMatchObject({
      code: 'MEETING_REQUEST_MEETING_INVALID',
      errors: [{ path: 'meetingId' }],
    });
    const unknownMeeting = await api.answer('fk', asked.id, {
      decision: 'ACCEPTED',
      meetingId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownMeeting.body).toMatchObject({ errors: [{ path: 'meetingId' }] });

    const meeting = await propose('AVSTAMNINGSMOTE');
    const accepted = await api.answer('fk', asked.id, {
      decision: 'ACCEPTED',
      meetingId: meeting.id,
      message: 'Välkomna den 2 mars.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'ACCEPTED',
      answer: { decision: 'ACCEPTED', meetingId: meeting.id, answeredBy: { party: 'FK' } },
      may: { answer: false },
    });
    const again = await api.answer('fk', asked.id, { decision: 'DECLINED', message: 'Nej' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'MEETING_REQUEST_ANSWERED' });

    // FK's task is done; the manager sees the answer and is told in the bell.
    const task = await prisma.task.findUniqueOrThrow({ where: { id: asked.taskId ?? '' } });
    expect(task.status).toBe('DONE');
    expect((await api.list('manager')).requests[0]).toMatchObject({
      status: 'ACCEPTED',
      answer: { message: 'Välkomna den 2 mars.' },
    });
    await queueDrained(prisma);
    const told = await prisma.notification.findMany({
      where: { workspaceId: built.workspaceId, kind: 'meeting.request-answered' },
    });
    expect(told.map((n) => n.userId)).toEqual([api.userId('manager')]);
    expect(told[0]?.params).toMatchObject({ decision: 'ACCEPTED' });
    const bell = await http()
      .get('/api/notifications')
      .set('authorization', `Bearer ${built.members.manager.token}`)
      .expect(200);
    const mine = (
      bell.body as { notifications: { kind: string; headline: string; link: string | null }[] }
    ).notifications.find((n) => n.kind === 'meeting.request-answered');
    expect(mine?.headline).toMatch(/sagt ja/);
    expect(mine?.link).toContain('/meetings');
    // A new request may follow once the last one is answered.
    await api.ask('hr').expect(201);
  });

  it('tells the patient when FK declines, with FK’s message in the case only', async () => {
    const built = await newCase();
    const api = client(built);
    const asked = (await api.ask('patient').expect(201)).body as MeetingRequestView;
    const declined = await api.answer('fk', asked.id, {
      decision: 'DECLINED',
      message: 'Vi har precis haft ett möte; vi ses vid uppföljningen i april.',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'DECLINED' });
    await queueDrained(prisma);
    const told = await prisma.notification.findFirstOrThrow({
      where: { userId: built.patient.userId, kind: 'meeting.request-answered' },
    });
    expect(told.params).toEqual({ decision: 'DECLINED' });
    const log = await prisma.auditLog.findFirstOrThrow({
      where: {
        workspaceId: built.workspaceId,
        action: 'meeting.request-answered',
        outcome: 'ALLOWED',
      },
    });
    expect(log.actorUserId).toBe(api.userId('fk'));
  });

  it('refuses to ask when FK takes no part in the case', async () => {
    const built = await newCase(false);
    const api = client(built);
    const refused = await api.ask('patient');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'MEETING_REQUEST_FK_NOT_IN_CASE' });
    expect(await deniedAudits(built.workspaceId, api.userId('patient'), 'meeting.requested')).toBe(
      1,
    );
    expect(await api.list('patient')).toMatchObject({ fkTakesPart: false, requests: [] });
  });

  it('keeps a closed case read-only: no new request, no answer, the list still readable', async () => {
    const built = await newCase();
    const api = client(built);
    const asked = (await api.ask('doctor').expect(201)).body as MeetingRequestView;
    await api.post('manager', '/close', { reason: 'BACK_AT_WORK_FULL' }).expect(200);
    const ask = await api.ask('patient');
    expect(ask.status).toBe(409);
    expect(ask.body).toMatchObject({ code: 'CASE_CLOSED' });
    const answer = await api.answer('fk', asked.id, { decision: 'DECLINED', message: 'Avslutat' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'CASE_CLOSED' });
    expect((await api.list('fk')).requests.map((r) => r.status)).toEqual(['OPEN']);
    const overview = (await api.get('patient', '').expect(200)).body as WorkspaceOverview;
    expect(overview.permissions).not.toContain('meeting-request:create');
  });
});
