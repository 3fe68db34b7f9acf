import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { EventsRepository } from '../events/events.repository';
import type { PrismaService } from '../prisma/prisma.service';
import { DEMO_EMAILS, type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';

// Issue 11, leak 1: a MEDICAL task never reaches a party whose consents lack MEDICAL,
// whoever it is assigned to. In the demo case the employer has PLAN, TASKS, MEETINGS and
// DOCUMENTS but not MEDICAL; FK and care have MEDICAL; AF has nothing. Care's coordinator
// and doctor author medical information, FK's case officer does not.

interface TaskBody {
  id: string;
  title: string;
  status: string;
  category: string;
  assigneeParty: string | null;
  assignee: { participantId: string; party: string } | null;
  measureId: string | null;
  version: number;
}
interface ProblemBody {
  code: string;
  type: string;
  categories?: string[];
  errors?: { path: string }[];
}
interface EventsBody {
  events: { seq: number; type: string; category: string | null; data: { id?: string } }[];
}

describe('medical tasks', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const participant = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const token = (role: DemoRole): string => `Bearer ${tokens.get(role) ?? ''}`;
  const pid = (role: DemoRole): string => participant.get(role) ?? '';
  const tasksUrl = () => `/api/workspaces/${workspaceId}/tasks`;

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

  async function listedIds(role: DemoRole, query = ''): Promise<string[]> {
    const response = await http()
      .get(`${tasksUrl()}${query}`)
      .set('authorization', token(role))
      .expect(200);
    return (response.body.tasks as TaskBody[]).map((task) => task.id);
  }

  async function eventsOf(role: DemoRole): Promise<EventsBody['events']> {
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/events`)
      .set('authorization', token(role))
      .expect(200);
    return (response.body as EventsBody).events;
  }

  /** What a change would have left behind in the case. */
  const counts = async () => ({
    tasks: await prisma.task.count({ where: { workspaceId } }),
    events: await prisma.workspaceEvent.count({ where: { workspaceId } }),
  });

  const measureOf = (kind: 'TREATMENT' | 'COORDINATION' | 'WORKPLACE_ADAPTATION') =>
    prisma.planMeasure.findFirstOrThrow({ where: { workspaceId, kind } });

  it('refuses to give a medical task to a party without MEDICAL, naming the assignee field, and writes nothing', async () => {
    const before = await counts();
    const refused: [object, string][] = [
      [{ assigneeParty: 'EMPLOYER' }, 'assigneeParty'],
      [{ assigneeParticipantId: pid('employer') }, 'assigneeParticipantId'],
      [
        { assigneeParticipantId: pid('employer'), assigneeParty: 'EMPLOYER' },
        'assigneeParticipantId',
      ],
      [{ assigneeParty: 'AF' }, 'assigneeParty'],
    ];
    for (const [assignee, path] of refused) {
      const response = await http()
        .post(tasksUrl())
        .set('authorization', token('coordinator'))
        .send({ title: 'Följ upp sömnen efter KBT', medical: true, ...assignee });
      expect({ assignee, status: response.status, body: response.body as ProblemBody }).toEqual({
        assignee,
        status: 422,
        body: expect.objectContaining({
          code: 'ASSIGNEE_MAY_NOT_READ',
          errors: [expect.objectContaining({ path })],
        }),
      });
    }
    expect(await counts()).toEqual(before);
    const denial = await prisma.auditLog.findFirst({
      where: { workspaceId, outcome: 'DENIED', actorParty: 'CARE', action: 'task.created' },
    });
    expect(denial?.reason).toBe('ASSIGNEE_MAY_NOT_READ');

    // It is the medical information that may not go there: the same task without it may,
    // and a party the patient granted MEDICAL (FK) may be given the medical one.
    const plain = await createTask('coordinator', {
      title: 'Följ upp hur arbetsdagarna fungerar',
      assigneeParty: 'EMPLOYER',
    });
    expect(plain.category).toBe('TASKS');
    const toFk = await createTask('coordinator', {
      title: 'Följ upp sömnen efter KBT',
      medical: true,
      assigneeParty: 'FK',
    });
    expect(toFk.category).toBe('MEDICAL');
  });

  it('never shows the employer a medical task, even one assigned to it: not in the list, by id, in events or on the socket', async () => {
    // Such a task cannot be made through the API; write one (and its event) directly.
    const coordinator = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_EMAILS.coordinator },
    });
    const task = await prisma.task.create({
      data: {
        workspaceId,
        title: 'KBT: öva på att sova utan avbrott',
        category: 'MEDICAL',
        assigneeParty: 'EMPLOYER',
        assigneeParticipantId: pid('employer'),
        createdById: coordinator.id,
        createdByParty: 'CARE',
      },
    });
    const repository = new EventsRepository(prisma as unknown as PrismaService);
    const inserted = await prisma.$transaction((tx) =>
      repository.append(tx, {
        workspaceId,
        type: 'task.created',
        facets: {
          category: 'MEDICAL',
          authorParty: 'CARE',
          assigneeParty: 'EMPLOYER',
          assigneeParticipantId: pid('employer'),
          inviteeParticipantIds: [],
          viaNote: false,
        },
        actorUserId: coordinator.id,
        actorParty: 'CARE',
        subjectType: 'Task',
        subjectId: task.id,
        payload: { id: task.id, version: 1 },
      }),
    );

    expect(await listedIds('employer')).not.toContain(task.id);
    expect(await listedIds('employer', '?mine=true')).not.toContain(task.id);
    const single = await http()
      .get(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('employer'))
      .expect(403);
    expect(single.body).toMatchObject({ code: 'CONSENT_REQUIRED', categories: ['MEDICAL'] });
    expect((single.body as ProblemBody).type).toMatch(/consent-required$/);
    // Being its assignee does not let the employer tick it off either.
    await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('employer'))
      .send({ version: 1, status: 'DONE' })
      .expect(403);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'OPEN',
      version: 1,
    });

    const employerEvents = await eventsOf('employer');
    expect(employerEvents.some((event) => event.data.id === task.id)).toBe(false);
    expect(employerEvents.some((event) => event.category === 'MEDICAL')).toBe(false);
    expect(employerEvents.map((event) => event.seq)).not.toContain(inserted.seq);

    // The socket agrees: the join ack stands at the employer's last visible event, and the
    // replay from the start is exactly what REST gave.
    await testApp.app.listen(0, '127.0.0.1');
    const live = await connectLive(await testApp.app.getUrl(), tokens.get('employer'));
    try {
      const ack = await live.join(workspaceId, 0);
      expect(ack).toEqual({ ok: true, seq: employerEvents.at(-1)?.seq });
      await live.until(
        () => live.events.length >= employerEvents.length,
        'the replay of missed events',
      );
      expect(live.events.map((event) => event.seq)).toEqual(employerEvents.map((e) => e.seq));
      expect(live.events.some((event) => event.data.id === task.id)).toBe(false);
    } finally {
      live.close();
    }

    // The row is a real, readable task for those the patient granted MEDICAL.
    for (const role of ['patient', 'fk', 'doctor'] as const) {
      expect({ role, listed: (await listedIds(role)).includes(task.id) }).toEqual({
        role,
        listed: true,
      });
      expect((await eventsOf(role)).map((event) => event.seq)).toContain(inserted.seq);
    }
  });

  it('lets the assignee of a medical task move its status, but not hand it to the employer', async () => {
    const task = await createTask('coordinator', {
      title: 'Skicka journalanteckningen om behandlingen',
      medical: true,
      assigneeParty: 'FK',
    });
    expect(task).toMatchObject({ category: 'MEDICAL', assigneeParty: 'FK', version: 1 });
    const before = await counts();
    for (const [change, path] of [
      [{ assigneeParty: 'EMPLOYER' }, 'assigneeParty'],
      [{ assigneeParticipantId: pid('employer') }, 'assigneeParticipantId'],
      [{ title: 'Skicka den till arbetsgivaren' }, 'title'],
    ] as const) {
      const response = await http()
        .patch(`${tasksUrl()}/${task.id}`)
        .set('authorization', token('fk'))
        .send({ version: 1, ...change });
      expect({ change, status: response.status, body: response.body as ProblemBody }).toEqual({
        change,
        status: 403,
        body: expect.objectContaining({
          code: 'TASK_FIELD_NOT_YOURS',
          errors: [expect.objectContaining({ path })],
        }),
      });
    }
    expect(await counts()).toEqual(before);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      assigneeParty: 'FK',
      assigneeParticipantId: null,
      version: 1,
    });

    const moved = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('fk'))
      .send({ version: 1, status: 'IN_PROGRESS' })
      .expect(200);
    expect(moved.body).toMatchObject({ status: 'IN_PROGRESS', assigneeParty: 'FK', version: 2 });

    // Care made it and may reassign it, but not to a party that may not read it.
    const eventsBefore = await prisma.workspaceEvent.count({ where: { workspaceId } });
    const toEmployer = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('coordinator'))
      .send({ version: 2, assigneeParty: 'EMPLOYER' })
      .expect(422);
    expect(toEmployer.body).toMatchObject({
      code: 'ASSIGNEE_MAY_NOT_READ',
      errors: [{ path: 'assigneeParty' }],
    });
    const toChef = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('coordinator'))
      .send({ version: 2, assigneeParticipantId: pid('employer') })
      .expect(422);
    expect(toChef.body.errors[0].path).toBe('assigneeParticipantId');
    expect(await prisma.workspaceEvent.count({ where: { workspaceId } })).toBe(eventsBefore);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      assigneeParty: 'FK',
      version: 2,
    });
    const toDoctor = await http()
      .patch(`${tasksUrl()}/${task.id}`)
      .set('authorization', token('coordinator'))
      .send({ version: 2, assigneeParticipantId: pid('doctor') })
      .expect(200);
    expect(toDoctor.body).toMatchObject({ assigneeParty: 'CARE', version: 3 });
    expect(await listedIds('employer')).not.toContain(task.id);
  });

  it('makes a task linked to the medical treatment measure medical, and refuses the link to those who cannot read the measure', async () => {
    const treatment = await measureOf('TREATMENT');
    const coordination = await measureOf('COORDINATION');
    expect(treatment.category).toBe('MEDICAL');

    const linked = await createTask('coordinator', {
      title: 'Boka nästa samtal hos psykologen',
      assigneeParty: 'CARE',
      measureId: treatment.id,
    });
    expect(linked).toMatchObject({ category: 'MEDICAL', measureId: treatment.id });
    const event = await prisma.workspaceEvent.findFirstOrThrow({
      where: { workspaceId, subjectId: linked.id },
    });
    expect(event).toMatchObject({ type: 'task.created', category: 'MEDICAL' });
    expect(await listedIds('employer')).not.toContain(linked.id);
    await http()
      .get(`${tasksUrl()}/${linked.id}`)
      .set('authorization', token('employer'))
      .expect(403);
    expect(await listedIds('fk')).toContain(linked.id);

    // The link makes it medical, so it cannot go to the employer either.
    const before = await counts();
    const toEmployer = await http()
      .post(tasksUrl())
      .set('authorization', token('coordinator'))
      .send({
        title: 'Berätta om behandlingen',
        assigneeParty: 'EMPLOYER',
        measureId: treatment.id,
      })
      .expect(422);
    expect(toEmployer.body).toMatchObject({
      code: 'ASSIGNEE_MAY_NOT_READ',
      errors: [{ path: 'assigneeParty' }],
    });

    // The employer cannot read the treatment measure: to it, there is no such measure here.
    const byEmployer = await http()
      .post(tasksUrl())
      .set('authorization', token('employer'))
      .send({
        title: 'Anpassa schemat efter KBT',
        assigneeParty: 'EMPLOYER',
        measureId: treatment.id,
      })
      .expect(422);
    expect(byEmployer.body).toMatchObject({
      code: 'MEASURE_NOT_IN_WORKSPACE',
      errors: [{ path: 'measureId' }],
    });
    // FK reads the measure (MEDICAL consent) but does not author medical information.
    const byFk = await http()
      .post(tasksUrl())
      .set('authorization', token('fk'))
      .send({ title: 'Begär behandlingsplanen', assigneeParty: 'FK', measureId: treatment.id })
      .expect(403);
    expect(byFk.body).toMatchObject({
      code: 'MEDICAL_NOT_ALLOWED',
      errors: [{ path: 'measureId' }],
    });
    expect(await counts()).toEqual(before);

    // A measure the employer may read (care's coordination, PLAN by consent) links as usual.
    const ordinary = await createTask('employer', {
      title: 'Ring koordinatorn om arbetsuppgifterna',
      assigneeParty: 'EMPLOYER',
      measureId: coordination.id,
    });
    expect(ordinary).toMatchObject({ category: 'TASKS', measureId: coordination.id });
  });
});
