import fc from 'fast-check';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { problemFieldErrorSchema } from '@atergang/contracts';
import { type DemoRole, loginAs, seedDemo } from './demo-fixture';
import { newPersonnummer } from './personnummer-factory';
import { createTestApp, type TestApp } from './test-app';

// Bad input everywhere: generated bad bodies thrown at every write route must get a 4xx
// problem+json (a 400 names the offending field), never a 500, and must leave the case
// data exactly as it was.

type Json = Record<string, unknown>;

interface WriteRoute {
  readonly name: string;
  readonly method: 'post' | 'put' | 'patch';
  readonly as: DemoRole;
  readonly path: (world: World) => Promise<string> | string;
  /** A body the route accepts; mutations start from it. */
  readonly valid: (world: World) => Json | Promise<Json>;
  readonly headers?: (world: World) => Promise<Record<string, string>> | Record<string, string>;
}

interface World {
  readonly prisma: PrismaClient;
  readonly workspaceId: string;
}

async function demoMeeting(world: World): Promise<{ id: string; slotId: string }> {
  const meeting = await world.prisma.meeting.findFirstOrThrow({
    where: { workspaceId: world.workspaceId, kind: 'AVSTAMNINGSMOTE', organiserParty: 'FK' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, slots: { orderBy: { start: 'asc' }, take: 1, select: { id: true } } },
  });
  return { id: meeting.id, slotId: meeting.slots[0]?.id ?? '' };
}

async function patientParticipantId(world: World): Promise<string> {
  const patient = await world.prisma.participant.findFirstOrThrow({
    where: { workspaceId: world.workspaceId, party: 'PATIENT' },
  });
  return patient.id;
}

/** FK's latest note of the demo meeting (written here if the notes route left none). */
async function fkNote(world: World): Promise<{ id: string; meetingId: string; version: number }> {
  const meeting = await demoMeeting(world);
  const select = { id: true, meetingId: true, version: true } as const;
  const found = await world.prisma.meetingNote.findFirst({
    where: { workspaceId: world.workspaceId, meetingId: meeting.id, authorParty: 'FK' },
    orderBy: { createdAt: 'desc' },
    select,
  });
  if (found) return found;
  const fk = await world.prisma.participant.findFirstOrThrow({
    where: { workspaceId: world.workspaceId, party: 'FK' },
  });
  return world.prisma.meetingNote.create({
    data: {
      workspaceId: world.workspaceId,
      meetingId: meeting.id,
      authorId: fk.userId,
      authorParty: 'FK',
      situation: 'Anna orkar mer än för en månad sedan.',
    },
    select,
  });
}

export const WRITE_ROUTES: readonly WriteRoute[] = [
  {
    name: 'POST /api/workspaces',
    method: 'post',
    as: 'employer',
    path: () => '/api/workspaces',
    valid: () => ({
      patientPersonnummer: newPersonnummer(),
      patientName: 'Ny Patient',
      patientEmail: 'ny.patient@atergang.test',
      sickPeriodStart: '2026-10-01',
      expectedLengthDays: 90,
      sickLeaveDegree: 50,
    }),
  },
  {
    name: 'POST /api/workspaces/:id/consents',
    method: 'post',
    as: 'patient',
    path: (world) => `/api/workspaces/${world.workspaceId}/consents`,
    valid: () => ({ party: 'AF', categories: ['PLAN'], expiresAt: '2099-01-01T00:00:00Z' }),
  },
  {
    name: 'POST /api/workspaces/:id/invitations',
    method: 'post',
    as: 'patient',
    path: (world) => `/api/workspaces/${world.workspaceId}/invitations`,
    valid: () => ({ email: 'someone@atergang.test', party: 'EMPLOYER' }),
  },
  {
    name: 'POST /api/auth/login',
    method: 'post',
    as: 'patient',
    path: () => '/api/auth/login',
    valid: () => ({ email: 'anna@atergang.test', password: 'demo-2026' }),
  },
  {
    name: 'PUT /api/workspaces/:id/plan',
    method: 'put',
    as: 'employer',
    path: (world) => `/api/workspaces/${world.workspaceId}/plan`,
    // The employer's part of the plan and a measure of its own (the sick-leave steps are the
    // doctor's: sent by the employer they would be refused whatever the body).
    valid: () => ({
      goal: 'Tillbaka på heltid',
      measures: [{ kind: 'WORK_AID', title: 'Skrivbord', startDate: '2026-03-02' }],
      followUps: [{ date: '2026-04-01', description: 'Avstämning' }],
    }),
    headers: async (world) => {
      const plan = await world.prisma.plan.findUnique({
        where: { workspaceId: world.workspaceId },
      });
      return { 'if-match': `"${String(plan?.version ?? 0)}"` };
    },
  },
  {
    name: 'POST /api/workspaces/:id/plan/signoffs',
    method: 'post',
    as: 'patient',
    path: (world) => `/api/workspaces/${world.workspaceId}/plan/signoffs`,
    // The version the patient sees: every revision (the demo plan has four).
    valid: async (world) => {
      const plan = await world.prisma.plan.findUniqueOrThrow({
        where: { workspaceId: world.workspaceId },
      });
      return { version: plan.version };
    },
  },
  {
    name: 'POST /api/workspaces/:id/plan/handovers',
    method: 'post',
    as: 'employer',
    path: (world) => `/api/workspaces/${world.workspaceId}/plan/handovers`,
    valid: () => ({ version: 1, recipient: 'FK' }),
  },
  {
    name: 'POST /api/workspaces/:id/plan/requests',
    method: 'post',
    as: 'fk',
    path: (world) => `/api/workspaces/${world.workspaceId}/plan/requests`,
    valid: () => ({ dueDate: '2099-01-15' }),
  },
  {
    name: 'POST /api/workspaces/:id/meeting-requests',
    method: 'post',
    as: 'employer',
    path: (world) => `/api/workspaces/${world.workspaceId}/meeting-requests`,
    valid: () => ({
      reason: 'Vi behöver stämma av planen.',
      topics: 'Arbetsträning',
      preferredFrom: '2099-03-01',
      preferredTo: '2099-03-15',
    }),
  },
  {
    name: 'PUT /api/workspaces/:id/plan/not-needed',
    method: 'put',
    as: 'employer',
    path: (world) => `/api/workspaces/${world.workspaceId}/plan/not-needed`,
    valid: () => ({ reason: 'Åter i arbete inom 60 dagar' }),
  },
  {
    name: 'POST /api/workspaces/:id/tasks',
    method: 'post',
    as: 'fk',
    path: (world) => `/api/workspaces/${world.workspaceId}/tasks`,
    valid: () => ({
      title: 'Ansök om sjukpenning',
      description: 'Ansökan görs på fk.se.',
      dueDate: '2099-01-15',
      assigneeParty: 'PATIENT',
    }),
  },
  {
    name: 'PATCH /api/workspaces/:id/tasks/:taskId',
    method: 'patch',
    as: 'patient',
    // The demo task FK gave Anna ("Svara på vilka tider…"): she may change its status.
    path: async (world) => {
      const task = await world.prisma.task.findFirstOrThrow({
        where: { workspaceId: world.workspaceId, assigneeParty: 'PATIENT', createdByParty: 'FK' },
        orderBy: { createdAt: 'asc' },
      });
      return `/api/workspaces/${world.workspaceId}/tasks/${task.id}`;
    },
    valid: () => ({ version: 1, status: 'IN_PROGRESS' }),
  },
  {
    name: 'POST /api/workspaces/:id/meetings',
    method: 'post',
    as: 'fk',
    path: (world) => `/api/workspaces/${world.workspaceId}/meetings`,
    valid: async (world) => ({
      kind: 'FOLLOW_UP',
      title: 'Uppföljning',
      agenda: '1. Läget',
      participantIds: [await patientParticipantId(world)],
      slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
      location: 'Vårdcentralen Linden',
      videoUrl: 'https://video.atergang.test/uppfoljning',
    }),
  },
  {
    name: 'POST /api/workspaces/:id/meetings/:mid/responses',
    method: 'post',
    as: 'patient',
    path: async (world) =>
      `/api/workspaces/${world.workspaceId}/meetings/${(await demoMeeting(world)).id}/responses`,
    valid: async (world) => ({ slotId: (await demoMeeting(world)).slotId, answer: 'YES' }),
  },
  {
    name: 'POST /api/workspaces/:id/meetings/:mid/schedule',
    method: 'post',
    as: 'fk',
    path: async (world) =>
      `/api/workspaces/${world.workspaceId}/meetings/${(await demoMeeting(world)).id}/schedule`,
    valid: async (world) => ({ slotId: (await demoMeeting(world)).slotId }),
  },
  {
    name: 'POST /api/workspaces/:id/meetings/:mid/notes',
    method: 'post',
    as: 'fk',
    path: async (world) =>
      `/api/workspaces/${world.workspaceId}/meetings/${(await demoMeeting(world)).id}/notes`,
    valid: () => ({
      situation: 'Anna orkar mer än för en månad sedan.',
      workCapacity: 'Kan arbeta 50 % med anpassade uppgifter.',
      rehabilitationNeeds: 'Arbetsträning på kontoret.',
      decisions: ['Anna börjar på 50 % om två veckor'],
      nextSteps: [
        {
          title: 'Boka fysioterapi',
          assigneeParty: 'CARE',
          dueDate: '2099-01-15',
          createTask: true,
        },
      ],
      medical: false,
    }),
  },
  {
    name: 'POST /api/workspaces/:id/meetings/:mid/notes/reach',
    method: 'post',
    as: 'fk',
    path: async (world) =>
      `/api/workspaces/${world.workspaceId}/meetings/${(await demoMeeting(world)).id}/notes/reach`,
    valid: () => ({
      situation: 'Anna orkar mer än för en månad sedan.',
      decisions: ['Anna börjar på 50 % om två veckor'],
      nextSteps: [
        { title: 'Skicka läkarintyget', assigneeParty: 'CARE', createTask: true },
        { title: 'Nytt möte i vår', createTask: false },
      ],
      medical: false,
    }),
  },
  {
    name: 'PATCH /api/workspaces/:id/meetings/:mid/notes/:nid',
    method: 'patch',
    as: 'fk',
    path: async (world) => {
      const note = await fkNote(world);
      return `/api/workspaces/${world.workspaceId}/meetings/${note.meetingId}/notes/${note.id}`;
    },
    valid: async (world) => ({
      version: (await fkNote(world)).version,
      situation: 'Anna orkar mer än för två månader sedan.',
      decisions: ['Anna börjar på 50 % om två veckor'],
      nextSteps: [{ title: 'Nytt möte i vår', createTask: false }],
      attendeeParticipantIds: [await patientParticipantId(world)],
      reason: 'Fel månad',
    }),
  },
  // Last: a valid variant cancels the demo meeting, after which the meeting routes answer 409.
  {
    name: 'POST /api/workspaces/:id/meetings/:mid/cancel',
    method: 'post',
    as: 'fk',
    path: async (world) =>
      `/api/workspaces/${world.workspaceId}/meetings/${(await demoMeeting(world)).id}/cancel`,
    valid: () => ({ reason: 'Flyttas till nästa vecka' }),
  },
];

/** Tables that hold case data: a rejected request must not change any of them. */
async function caseDataFingerprint(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRaw<{ name: string; count: bigint }[]>`
    SELECT 'workspaces' AS name, count(*) FROM workspaces
    UNION ALL SELECT 'users', count(*) FROM users
    UNION ALL SELECT 'participants', count(*) FROM participants
    UNION ALL SELECT 'invitations', count(*) FROM invitations
    UNION ALL SELECT 'consents', count(*) FROM consents
    UNION ALL SELECT 'plans', count(*) FROM plans
    UNION ALL SELECT 'plan_revisions', count(*) FROM plan_revisions
    UNION ALL SELECT 'plan_measures', count(*) FROM plan_measures
    UNION ALL SELECT 'meetings', count(*) FROM meetings
    UNION ALL SELECT 'meeting_slots', count(*) FROM meeting_slots
    UNION ALL SELECT 'meeting_notes', count(*) FROM meeting_notes
    UNION ALL SELECT 'meeting_invitees', count(*) FROM meeting_invitees
    UNION ALL SELECT 'slot_responses', count(*) FROM slot_responses
    UNION ALL SELECT 'tasks', count(*) FROM tasks
    UNION ALL SELECT 'documents', count(*) FROM documents
    UNION ALL SELECT 'workspace_events', count(*) FROM workspace_events
    UNION ALL SELECT 'event_seq', coalesce(sum(last_event_seq), 0) FROM workspaces`;
  return rows.map((row) => `${row.name}=${String(row.count)}`).join(' ');
}

const junkValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(10_001)),
  fc.constantFrom('2026-02-30', '99999-01-01', '1900-13-01T25:61:00Z', '', ' '),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({ nested: { deeper: true } }),
  fc.constant('00000000-0000-4000-8000-000000000000'),
);

type Mutation =
  | { kind: 'replace'; field: number; value: unknown }
  | { kind: 'drop'; field: number }
  | { kind: 'unknown-field'; name: string }
  | { kind: 'not-an-object'; body: unknown }
  | { kind: 'malformed-json'; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), field: fc.nat(20), value: junkValue }),
  fc.record({ kind: fc.constant('drop' as const), field: fc.nat(20) }),
  fc.record({
    kind: fc.constant('unknown-field' as const),
    name: fc.string({ minLength: 1, maxLength: 12 }).filter((name) => /^[a-z]\w*$/i.test(name)),
  }),
  fc.record({
    kind: fc.constant('not-an-object' as const),
    body: fc.oneof(fc.integer(), fc.array(fc.string(), { maxLength: 2 }), fc.constant(null)),
  }),
  fc.record({
    kind: fc.constant('malformed-json' as const),
    text: fc.constantFrom('{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', '{"a":"\\x"}'),
  }),
);

/** Applies a mutation; returns the raw payload and, when one field was broken, its name. */
function applyMutation(
  valid: Json,
  change: Mutation,
): { payload: string; field?: string; dropped?: string } {
  const keys = Object.keys(valid);
  switch (change.kind) {
    case 'replace': {
      const field = keys[change.field % keys.length] ?? 'x';
      return { payload: JSON.stringify({ ...valid, [field]: change.value }), field };
    }
    case 'drop': {
      const field = keys[change.field % keys.length] ?? 'x';
      const { [field]: _removed, ...rest } = valid;
      return { payload: JSON.stringify(rest), dropped: field };
    }
    case 'unknown-field': {
      const name = keys.includes(change.name) ? `${change.name}_extra` : change.name;
      return { payload: JSON.stringify({ ...valid, [name]: 1 }), field: name };
    }
    case 'not-an-object':
      return { payload: JSON.stringify(change.body) };
    case 'malformed-json':
      return { payload: change.text };
  }
}

describe('bad input on every write route', () => {
  let testApp: TestApp;
  let world: World;
  const tokens = new Map<DemoRole, string>();

  beforeAll(async () => {
    testApp = await createTestApp();
    const seeded = await seedDemo(testApp);
    world = { prisma: seeded.prisma, workspaceId: seeded.workspaceId };
    for (const role of new Set(WRITE_ROUTES.map((route) => route.as))) {
      tokens.set(role, await loginAs(testApp, role));
    }
  });

  afterAll(async () => {
    await world.prisma.$disconnect();
    await testApp.close();
  });

  it.each(WRITE_ROUTES.map((route) => [route.name, route] as const))(
    '%s answers generated bad bodies with a 4xx problem and changes nothing',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(mutation, async (change) => {
          const valid = await route.valid(world);
          const { payload, field } = applyMutation(valid, change);
          const before = await caseDataFingerprint(world.prisma);
          const response = await request(testApp.app.getHttpServer())
            [route.method](await route.path(world))
            .set('authorization', `Bearer ${tokens.get(route.as) ?? ''}`)
            .set(route.headers ? await route.headers(world) : {})
            .set('content-type', 'application/json')
            .send(payload);

          // A mutation can leave the body valid (a dropped optional field, a junk value
          // that happens to fit): then any 2xx is fine, but never a 5xx.
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(response.body).toMatchObject({
              status: response.status,
              type: expect.any(String),
            });
            if (response.status === 400 && field && response.body.code === 'VALIDATION_FAILED') {
              const paths = (response.body.errors as { path: string }[]).map((error) => error.path);
              expect(paths.some((path) => path === field || path.startsWith(`${field}.`))).toBe(
                true,
              );
              // Each named field says which rule it broke, in the contract's shape, so a
              // client can choose its own text without reading the English message.
              for (const error of response.body.errors as unknown[]) {
                expect(problemFieldErrorSchema.parse(error).code).toEqual(expect.any(String));
              }
            }
            expect(await caseDataFingerprint(world.prisma)).toBe(before);
          }
        }),
        { numRuns: 40 },
      );
    },
  );
});
