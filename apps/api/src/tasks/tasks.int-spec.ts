import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { stockholmToday } from '../common/calendar';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { openCaseForNewPerson } from '../testing/case-opening';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

// Tasks: an owner (a person or a party, the patient included), a due date, a status the
// owner moves on; each party sees what it created or was given, the rest by consent.

interface TaskBody {
  id: string;
  title: string;
  status: string;
  category: string;
  assigneeParty: string | null;
  assignee: { participantId: string; name: string; party: string } | null;
  dueDate: string | null;
  overdue: boolean;
  measureId: string | null;
  meetingId: string | null;
  createdByParty: string | null;
  completedAt: string | null;
  version: number;
  editableFields: string[];
}

/** 'YYYY-MM-DD' `days` from Sweden's today. */
function swedishDay(days: number): string {
  const today = new Date(`${stockholmToday()}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('tasks', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const pid = (role: DemoRole): string => participant.get(role) ?? '';
  const tasksUrl = (workspace = workspaceId) => `/api/workspaces/${workspace}/tasks`;

  beforeEach(async () => {
    tokens.clear();
    participant.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of Object.keys(DEMO_EMAILS) as DemoRole[]) {
      tokens.set(role, await loginAs(testApp, role));
      const row = await prisma.participant.findFirst({
        where: { workspaceId, user: { email: DEMO_EMAILS[role] } },
      });
      if (row) participant.set(role, row.id);
    }
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  async function createTask(role: DemoRole, body: object): Promise<TaskBody> {
    const response = await http().post(tasksUrl()).set('authorization', token(role)).send(body);
    expect({
      status: response.status,
      body: response.status === 201 ? null : response.body,
    }).toEqual({ status: 201, body: null });
    return response.body as TaskBody;
  }

  async function list(
    role: DemoRole,
    query = '',
  ): Promise<{ tasks: TaskBody[]; withheld: string[] }> {
    const response = await http()
      .get(`${tasksUrl()}${query}`)
      .set('authorization', token(role))
      .expect(200);
    return response.body as { tasks: TaskBody[]; withheld: string[] };
  }

  it('lets the patient tick off a task given to them and read their own tasks', async () => {
    const task = await createTask('fk', {
      title: 'Ansök om sjukpenning',
      description: 'Ansökan görs på fk.se.',
      dueDate: swedishDay(5),
      assigneeParty: 'PATIENT',
    });
    expect(task).toMatchObject({
      status: 'OPEN',
      category: 'TASKS',
      assigneeParty: 'PATIENT',
      assignee: null,
      createdByParty: 'FK',
      version: 1,
      overdue: false,
    });
    const event = await prisma.workspaceEvent.findFirstOrThrow({ where: { subjectId: task.id } });
    expect(event).toMatchObject({
      type: 'task.created',
      category: 'TASKS',
      actorParty: 'FK',
      authorParty: 'FK',
      assigneeParty: 'PATIENT',
      payload: { id: task.id, version: 1 },
    });

    const mine = await list('patient', '?mine=true');
    expect(mine.tasks.map((t) => t.title)).toEqual(
      expect.arrayContaining([
        'Ansök om sjukpenning',
        'Svara på vilka tider du kan till avstämningsmötet',
      ]),
    );
    expect(mine.tasks.every((t) => t.assigneeParty === 'PATIENT')).toBe(true);
    expect(mine.withheld).toEqual([]);

    const done = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('patient'))
      .send({ version: 1, status: 'DONE' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', version: 2 });
    expect(done.body.completedAt).not.toBeNull();

    // Ticking off is theirs; rewriting what someone else asked of them is not.
    const retitle = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('patient'))
      .send({ version: 2, title: 'Något annat' })
      .expect(403);
    expect(retitle.body).toMatchObject({
      code: 'TASK_FIELD_NOT_YOURS',
      errors: [{ path: 'title' }],
    });

    const reopened = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('patient'))
      .send({ version: 2, status: 'IN_PROGRESS' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'IN_PROGRESS', completedAt: null, version: 3 });

    const stored = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(stored).toMatchObject({ title: 'Ansök om sjukpenning', version: 3 });
    const updates = await prisma.workspaceEvent.findMany({
      where: { subjectId: task.id, type: 'task.updated' },
      orderBy: { seq: 'asc' },
    });
    expect(updates.map((e) => e.payload)).toEqual([
      { id: task.id, version: 2 },
      { id: task.id, version: 3 },
    ]);
  });

  it('lets the patient add a task of her own, which is hers to change and listed as hers', async () => {
    // The web client offers the form from `permissions`: the patient must have it.
    const overview = await http()
      .get(`/api/workspaces/${workspaceId}`)
      .set('authorization', token('patient'))
      .expect(200);
    expect(overview.body.permissions).toContain('task:create');

    const own = await createTask('patient', {
      title: 'Gå en promenad varje morgon',
      dueDate: swedishDay(7),
      assigneeParticipantId: pid('patient'),
    });
    expect(own).toMatchObject({
      category: 'TASKS',
      assigneeParty: 'PATIENT',
      assignee: { participantId: pid('patient'), party: 'PATIENT' },
      createdByParty: 'PATIENT',
    });
    const mine = await list('patient', '?mine=true');
    expect(mine.tasks.map((t) => t.id)).toContain(own.id);

    // Her own task: every field is hers to change, not only the status.
    const renamed = await http()
      .patch(`${tasksUrl()}/${own.id}`)
      .set('authorization', token('patient'))
      .send({ version: own.version, title: 'Gå en promenad varje dag' })
      .expect(200);
    expect(renamed.body).toMatchObject({ title: 'Gå en promenad varje dag', version: 2 });
  });

  it('answers a stale version with 409 and the current version, changing nothing', async () => {
    const task = await createTask('coordinator', {
      title: 'Boka fysioterapi',
      assigneeParticipantId: pid('coordinator'),
    });
    expect(task.assignee).toMatchObject({ participantId: pid('coordinator'), party: 'CARE' });
    await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 1, title: 'Boka fysioterapi, två tillfällen' })
      .expect(200);
    const stale = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('coordinator'))
      .send({ version: 1, status: 'DONE' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'TASK_VERSION_CONFLICT', currentVersion: 2 });
    // A PATCH that changes nothing makes no new version and no event.
    const eventsBefore = await prisma.workspaceEvent.count({ where: { subjectId: task.id } });
    const same = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('coordinator'))
      .send({ version: 2, status: 'OPEN' })
      .expect(200);
    expect(same.body.version).toBe(2);
    expect(await prisma.workspaceEvent.count({ where: { subjectId: task.id } })).toBe(eventsBefore);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'OPEN',
      version: 2,
      title: 'Boka fysioterapi, två tillfällen',
    });
  });

  it('lets the creating party change every field and the assignee only the status', async () => {
    const task = await createTask('fk', { title: 'Komplettera intyget', assigneeParty: 'CARE' });
    // The employer sees it (TASKS consent) but neither made it nor was given it.
    await http()
      .get(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('employer'))
      .expect(200);
    const employer = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('employer'))
      .send({ version: 1, status: 'DONE' })
      .expect(403);
    expect(employer.body).toMatchObject({
      code: 'TASK_FIELD_NOT_YOURS',
      errors: [{ path: 'status' }],
    });
    // Care is the assignee: it moves it on, but does not hand it on (what FK asked of care
    // is FK's to rewrite); the refused request changes nothing, the status included.
    const handOn = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 1, status: 'IN_PROGRESS', assigneeParticipantId: pid('doctor') })
      .expect(403);
    expect(handOn.body).toMatchObject({
      code: 'TASK_FIELD_NOT_YOURS',
      errors: [{ path: 'assigneeParticipantId' }],
    });
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'OPEN',
      assigneeParticipantId: null,
      version: 1,
    });
    const moved = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 1, status: 'IN_PROGRESS' })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    // Sending back unchanged fields with the status is not a change to them.
    await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 2, status: 'DONE', title: 'Komplettera intyget', assigneeParty: 'CARE' })
      .expect(200);
    // FK made the task: it hands it to one of care's people.
    const handed = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('fk'))
      .send({ version: 3, assigneeParticipantId: pid('doctor') })
      .expect(200);
    expect(handed.body.assignee).toMatchObject({ name: 'Erik Sandberg', party: 'CARE' });
    const mismatch = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('fk'))
      .send({ version: 4, assigneeParticipantId: pid('doctor'), assigneeParty: 'EMPLOYER' })
      .expect(422);
    expect(mismatch.body.errors[0].path).toBe('assigneeParty');
    const denial = await prisma.auditLog.findFirst({
      where: { resourceId: task.id, outcome: 'DENIED', actorParty: 'EMPLOYER' },
    });
    expect(denial).toMatchObject({ action: 'task.updated', reason: 'TASK_FIELD_NOT_YOURS' });
  });

  it('says per task which fields the caller may change, as the policy judges the PATCH', async () => {
    const task = await createTask('fk', { title: 'Komplettera intyget', assigneeParty: 'CARE' });
    const fields = async (role: DemoRole): Promise<string[]> => {
      const one = await http()
        .get(`${tasksUrl()}/${task.id}`)
        .set('authorization', token(role))
        .expect(200);
      const listed = (await list(role)).tasks.find((row) => row.id === task.id);
      expect(listed?.editableFields).toEqual(one.body.editableFields);
      return one.body.editableFields as string[];
    };
    // The creating party: every field; the assignee: the status only; a reader: nothing.
    expect(await fields('fk')).toEqual([
      'title',
      'description',
      'dueDate',
      'status',
      'assigneeParticipantId',
      'assigneeParty',
    ]);
    expect(await fields('doctor')).toEqual(['status']);
    expect(await fields('employer')).toEqual([]);
    expect(task.editableFields).toHaveLength(6);
    // What the list offers is what the PATCH accepts, and what it withholds is refused.
    await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 1, title: 'Annat' })
      .expect(403);
    const changed = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('doctor'))
      .send({ version: 1, status: 'IN_PROGRESS' })
      .expect(200);
    expect(changed.body.editableFields).toEqual(['status']);
  });

  it('filters by mine, overdue and status, ordered by due date', async () => {
    const late = await createTask('employer', {
      title: 'Försenad',
      dueDate: swedishDay(-2),
      assigneeParty: 'EMPLOYER',
    });
    const lateDone = await createTask('employer', {
      title: 'Försenad men klar',
      dueDate: swedishDay(-3),
      assigneeParty: 'EMPLOYER',
    });
    await http()
      .patch(`${tasksUrl()}/${lateDone.id}`)
      .set('authorization', token('employer'))
      .send({ version: 1, status: 'DONE' })
      .expect(200);
    const dueToday = await createTask('employer', {
      title: 'Idag',
      dueDate: swedishDay(0),
      assigneeParty: 'EMPLOYER',
    });
    expect(late.overdue).toBe(true);
    expect(dueToday.overdue).toBe(false);

    const overdue = await list('employer', '?overdue=true');
    expect(overdue.tasks.map((t) => t.id)).toContain(late.id);
    expect(overdue.tasks.map((t) => t.id)).not.toContain(lateDone.id);
    expect(overdue.tasks.map((t) => t.id)).not.toContain(dueToday.id);
    expect(overdue.tasks.every((t) => t.overdue)).toBe(true);

    const done = await list('employer', '?status=DONE');
    expect(done.tasks.map((t) => t.id)).toEqual([lateDone.id]);
    const open = await list('employer', '?status=OPEN,IN_PROGRESS&mine=true');
    expect(open.tasks.map((t) => t.id)).toEqual(expect.arrayContaining([late.id, dueToday.id]));
    expect(open.tasks.some((t) => t.status === 'DONE')).toBe(false);
    expect(open.tasks.every((t) => t.assigneeParty === 'EMPLOYER')).toBe(true);

    const all = await list('employer');
    const dates = all.tasks.map((t) => t.dueDate ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());

    const bad = await http()
      .get(`${tasksUrl()}?status=OPEN,LATER&sneaky=1`)
      .set('authorization', token('employer'))
      .expect(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toEqual(
      expect.arrayContaining(['query.status.1', 'query.sneaky']),
    );
  });

  it('shows AF only its own tasks, and a medical task only to those allowed medical information', async () => {
    const forAnna = await createTask('fk', { title: 'Uppgift för Anna', assigneeParty: 'PATIENT' });
    const forAf = await createTask('fk', { title: 'Gemensam kartläggning', assigneeParty: 'AF' });
    const af = await list('af');
    expect(af.tasks.map((t) => t.id)).toEqual([forAf.id]);
    expect(af.withheld).toEqual(['TASKS', 'MEETING_NOTES', 'MEDICAL']);
    const hidden = await http()
      .get(`${tasksUrl()}/${forAnna.id}`)
      .set('authorization', token('af'))
      .expect(403);
    expect(hidden.body.type).toMatch(/consent-required$/);

    const medical = await createTask('doctor', {
      title: 'Samtalsbehandling: boka tio tillfällen',
      assigneeParty: 'CARE',
      medical: true,
    });
    expect(medical.category).toBe('MEDICAL');
    const employer = await list('employer');
    expect(employer.tasks.map((t) => t.id)).not.toContain(medical.id);
    // Without MEETING_NOTES the employer does not get tasks made from notes' next steps either.
    expect(employer.withheld).toEqual(['MEETING_NOTES', 'MEDICAL']);
    const single = await http()
      .get(`${tasksUrl()}/${medical.id}`)
      .set('authorization', token('employer'))
      .expect(403);
    expect(single.body).toMatchObject({ code: 'CONSENT_REQUIRED', categories: ['MEDICAL'] });
    expect((await list('patient')).tasks.map((t) => t.id)).toContain(medical.id);
    expect((await list('fk')).tasks.map((t) => t.id)).toContain(medical.id);

    // Medical tasks come from medical authors only: care's clinical roles and the patient.
    const byFk = await http()
      .post(tasksUrl())
      .set('authorization', token('fk'))
      .send({ title: 'Medicinskt', assigneeParty: 'FK', medical: true })
      .expect(403);
    expect(byFk.body).toMatchObject({
      code: 'MEDICAL_NOT_ALLOWED',
      errors: [{ path: 'medical' }],
    });
  });

  it('links a task to a measure or meeting of this workspace and names a foreign one', async () => {
    const measure = await prisma.planMeasure.findFirstOrThrow({
      where: { workspaceId, ownerParty: 'EMPLOYER' },
    });
    const meeting = await prisma.meeting.findFirstOrThrow({ where: { workspaceId } });
    const linked = await createTask('employer', {
      title: 'Ordna skrivbord på kontoret',
      assigneeParticipantId: pid('employer'),
      measureId: measure.id,
      meetingId: meeting.id,
    });
    expect(linked).toMatchObject({ measureId: measure.id, meetingId: meeting.id });

    const before = await prisma.task.count();
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [body, path] of [
      [{ measureId: unknown }, 'measureId'],
      [{ meetingId: unknown }, 'meetingId'],
      [{ assigneeParticipantId: unknown }, 'assigneeParticipantId'],
    ] as const) {
      const response = await http()
        .post(tasksUrl())
        .set('authorization', token('employer'))
        .send({ title: 'x', assigneeParty: 'EMPLOYER', ...body })
        .expect(422);
      expect(response.body.errors[0].path).toBe(path);
    }
    expect(await prisma.task.count()).toBe(before);
  });

  it('answers ids from another workspace with 404 (or 422 for a body field) and changes nothing', async () => {
    // The employer opens a second case, for another employee.
    const { workspaceId: otherId } = await openCaseForNewPerson(
      testApp,
      prisma,
      token('employer'),
      {
        patientPersonnummer: newPersonnummer(),
        patientName: 'Bo Berg',
        patientEmail: 'bo.berg@atergang.test',
        sickPeriodStart: swedishDay(-10),
        expectedLengthDays: 90,
      },
    );
    const otherPatient = await prisma.participant.findFirstOrThrow({
      where: { workspaceId: otherId, party: 'PATIENT' },
    });
    const otherTask = await http()
      .post(tasksUrl(otherId))
      .set('authorization', token('employer'))
      .send({ title: 'Rehabmöte med Bo', assigneeParty: 'EMPLOYER' })
      .expect(201);
    const otherMeeting = await http()
      .post(`/api/workspaces/${otherId}/meetings`)
      .set('authorization', token('employer'))
      .send({
        kind: 'WORKPLACE_REHAB',
        title: 'Rehabmöte',
        participantIds: [otherPatient.id],
        slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
      })
      .expect(201);
    const taskId = otherTask.body.id as string;
    const meetingId = otherMeeting.body.id as string;
    const slotId = otherMeeting.body.slots[0].id as string;

    const snapshot = async () => ({
      task: await prisma.task.findUniqueOrThrow({ where: { id: taskId } }),
      meeting: await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } }),
      tasks: await prisma.task.count(),
      meetings: await prisma.meeting.count(),
      notes: await prisma.meetingNote.count(),
      responses: await prisma.slotResponse.count(),
      events: await prisma.workspaceEvent.count(),
    });
    const before = await snapshot();

    const here = `/api/workspaces/${workspaceId}`;
    const asEmployer = token('employer');
    const notFound: [string, request.Test][] = [
      ['GET task', http().get(`${here}/tasks/${taskId}`).set('authorization', asEmployer)],
      [
        'PATCH task',
        http()
          .patch(`${here}/tasks/${taskId}`)
          .set('authorization', asEmployer)
          .send({ version: 1, status: 'DONE' }),
      ],
      ['GET meeting', http().get(`${here}/meetings/${meetingId}`).set('authorization', asEmployer)],
      [
        'GET invite',
        http().get(`${here}/meetings/${meetingId}/invite.ics`).set('authorization', asEmployer),
      ],
      [
        'POST response',
        http()
          .post(`${here}/meetings/${meetingId}/responses`)
          .set('authorization', asEmployer)
          .send({ slotId, answer: 'YES' }),
      ],
      [
        'POST schedule',
        http()
          .post(`${here}/meetings/${meetingId}/schedule`)
          .set('authorization', asEmployer)
          .send({ slotId }),
      ],
      [
        'POST cancel',
        http()
          .post(`${here}/meetings/${meetingId}/cancel`)
          .set('authorization', asEmployer)
          .send({}),
      ],
      [
        'GET notes',
        http().get(`${here}/meetings/${meetingId}/notes`).set('authorization', token('fk')),
      ],
      [
        'POST notes',
        http()
          .post(`${here}/meetings/${meetingId}/notes`)
          .set('authorization', token('fk'))
          .send({ situation: 'x' }),
      ],
    ];
    for (const [name, pending] of notFound) {
      const response = await pending;
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }

    const foreignBody: [string, object, string][] = [
      [
        `${here}/tasks`,
        { title: 'x', assigneeParticipantId: otherPatient.id },
        'assigneeParticipantId',
      ],
      [`${here}/tasks`, { title: 'x', assigneeParty: 'EMPLOYER', meetingId }, 'meetingId'],
      [
        `${here}/meetings`,
        {
          kind: 'WORKPLACE_REHAB',
          title: 'x',
          participantIds: [pid('patient'), otherPatient.id],
          slots: [{ start: '2099-03-01T09:00:00Z', end: '2099-03-01T10:00:00Z' }],
        },
        'participantIds.1',
      ],
    ];
    for (const [url, body, path] of foreignBody) {
      const response = await http().post(url).set('authorization', asEmployer).send(body);
      expect({ status: response.status, path: response.body.errors?.[0]?.path }).toEqual({
        status: 422,
        path,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names the field for bad task bodies and stores nothing', async () => {
    const before = await prisma.task.count();
    const valid = { title: 'Ring Anna', assigneeParty: 'EMPLOYER' };
    const cases: [object, string][] = [
      [{ ...valid, title: '' }, 'title'],
      [{ ...valid, title: 'x'.repeat(201) }, 'title'],
      [{ ...valid, dueDate: '2026-02-30' }, 'dueDate'],
      [{ ...valid, dueDate: '1800-01-01' }, 'dueDate'],
      [{ ...valid, assigneeParty: 'BOSS' }, 'assigneeParty'],
      [{ title: 'Utan ägare' }, 'assigneeParticipantId'],
      [{ ...valid, status: 'DONE' }, 'status'],
      [{ ...valid, medical: 'yes' }, 'medical'],
    ];
    for (const [body, path] of cases) {
      const response = await http()
        .post(tasksUrl())
        .set('authorization', token('employer'))
        .send(body);
      expect({
        status: response.status,
        paths: ((response.body.errors ?? []) as { path: string }[]).map((e) => e.path),
      }).toEqual({ status: 400, paths: expect.arrayContaining([path]) });
    }
    const task = await prisma.task.findFirstOrThrow({
      where: { workspaceId, assigneeParty: 'EMPLOYER' },
    });
    for (const [body, path] of [
      [{ status: 'DONE' }, 'version'],
      [{ version: 0, status: 'DONE' }, 'version'],
      [{ version: task.version, status: 'FINISHED' }, 'status'],
      [{ version: task.version, sneaky: true }, 'sneaky'],
    ] as const) {
      const response = await http()
        .patch(`${tasksUrl()}/${task.id}`)
        .set('authorization', token('employer'))
        .send(body)
        .expect(400);
      expect((response.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
    expect(await prisma.task.count()).toBe(before);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toEqual(task);
  });
});
