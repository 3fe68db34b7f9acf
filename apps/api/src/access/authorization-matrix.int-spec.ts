import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { exposedRoutes } from '../configure-app';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { type DemoRole, DEMO_EMAILS, loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';

// The authorization matrix: one table of route × caller relationship → expected status,
// run against the real app on a real database, and checked against the routes the server
// really exposes. A route that is not in the table fails the test, so every new route
// has to state who may call it.

type Caller = 'unauthenticated' | 'outsider' | 'patient' | 'employer' | 'care' | 'fk' | 'af';
const CALLERS: readonly Caller[] = [
  'unauthenticated',
  'outsider',
  'patient',
  'employer',
  'care',
  'fk',
  'af',
];
const DEMO_ROLE: Record<Exclude<Caller, 'unauthenticated'>, DemoRole> = {
  outsider: 'outsider',
  patient: 'patient',
  employer: 'employer',
  care: 'doctor',
  fk: 'fk',
  af: 'af',
};
const PARTY: Record<Caller, string> = {
  unauthenticated: 'EMPLOYER',
  outsider: 'EMPLOYER',
  patient: 'EMPLOYER',
  employer: 'EMPLOYER',
  care: 'CARE',
  fk: 'FK',
  af: 'AF',
};

interface World {
  readonly prisma: PrismaClient;
  readonly workspaceId: string;
  readonly patientUserId: string;
  /** Uploads a PDF as the employer through the API and returns the document's id. */
  readonly employerDocument: () => Promise<string>;
}

interface Call {
  readonly path: string;
  readonly body?: object;
  /** A multipart upload of this file in the field `file`, instead of a JSON body. */
  readonly file?: { readonly data: Buffer; readonly fileName: string };
  readonly cookie?: string;
}

interface MatrixRow {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the server registers it. */
  readonly route: string;
  /** Builds a concrete call; may arrange data first (e.g. a consent to revoke). */
  readonly call: (world: World, caller: Caller) => Promise<Call> | Call;
  readonly expected: Readonly<Record<Caller, number>>;
}

const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
const signedIn = (status: number): Record<Caller, number> => ({
  ...everyone(status),
  unauthenticated: 401,
});
/** Participants get `participant`, people outside the workspace 404, anonymous callers 401. */
const inWorkspace = (
  participant: number,
  overrides: Partial<Record<Caller, number>> = {},
): Record<Caller, number> => ({
  ...signedIn(participant),
  outsider: 404,
  ...overrides,
});
const patientOnly = (status: number): Record<Caller, number> =>
  inWorkspace(403, { patient: status });

async function extraParticipant(world: World): Promise<string> {
  const user = await world.prisma.user.create({
    data: { email: `extra-${randomUUID()}@atergang.test`, name: 'Extra Person' },
  });
  const participant = await world.prisma.participant.create({
    data: { workspaceId: world.workspaceId, userId: user.id, party: 'OCCUPATIONAL_HEALTH' },
  });
  return participant.id;
}

async function freshConsent(world: World): Promise<string> {
  const consent = await world.prisma.consent.create({
    data: {
      workspaceId: world.workspaceId,
      party: 'OCCUPATIONAL_HEALTH',
      categories: ['TASKS'],
      grantedById: world.patientUserId,
    },
  });
  return consent.id;
}

async function planVersion(world: World): Promise<number> {
  const plan = await world.prisma.plan.findUnique({ where: { workspaceId: world.workspaceId } });
  return plan?.version ?? 0;
}

/** A task FK created for the patient: the patient and FK may change it, others not. */
async function fkTaskForPatient(world: World): Promise<string> {
  const task = await world.prisma.task.create({
    data: {
      workspaceId: world.workspaceId,
      title: 'Matrix task',
      assigneeParty: 'PATIENT',
      createdByParty: 'FK',
    },
  });
  return task.id;
}

async function participantOf(world: World, party: 'PATIENT' | 'EMPLOYER' | 'FK') {
  return world.prisma.participant.findFirstOrThrow({
    where: { workspaceId: world.workspaceId, party, removedAt: null },
  });
}

/**
 * A proposed avstämningsmöte organised by FK, inviting the patient, the employer and FK
 * (not care, not AF). Care still sees it by its MEETINGS consent; AF does not.
 */
async function fkMeeting(world: World): Promise<{ id: string; slotId: string }> {
  const [fk, patient, employer] = await Promise.all([
    participantOf(world, 'FK'),
    participantOf(world, 'PATIENT'),
    participantOf(world, 'EMPLOYER'),
  ]);
  const meeting = await world.prisma.meeting.create({
    data: {
      workspaceId: world.workspaceId,
      kind: 'AVSTAMNINGSMOTE',
      title: 'Matrix meeting',
      organiserId: fk.userId,
      organiserParty: 'FK',
    },
  });
  const slot = await world.prisma.meetingSlot.create({
    data: {
      workspaceId: world.workspaceId,
      meetingId: meeting.id,
      start: new Date('2099-03-01T08:00:00Z'),
      end: new Date('2099-03-01T09:00:00Z'),
    },
  });
  await world.prisma.meetingInvitee.createMany({
    data: [fk, patient, employer].map((p) => ({
      workspaceId: world.workspaceId,
      meetingId: meeting.id,
      participantId: p.id,
    })),
  });
  return { id: meeting.id, slotId: slot.id };
}

export const MATRIX: readonly MatrixRow[] = [
  {
    method: 'GET',
    route: '/api/health/live',
    call: () => ({ path: '/api/health/live' }),
    expected: everyone(200),
  },
  {
    method: 'GET',
    route: '/api/health/ready',
    call: () => ({ path: '/api/health/ready' }),
    expected: everyone(200),
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    call: () => ({
      path: '/api/auth/login',
      body: { email: DEMO_EMAILS.af, password: DEMO_PASSWORD },
    }),
    expected: everyone(200),
  },
  // Public, but only with a refresh cookie: without one every caller gets 401.
  {
    method: 'POST',
    route: '/api/auth/refresh',
    call: () => ({ path: '/api/auth/refresh' }),
    expected: everyone(401),
  },
  {
    method: 'POST',
    route: '/api/auth/logout',
    call: () => ({ path: '/api/auth/logout' }),
    expected: everyone(204),
  },
  // e-ID login: public. This app has no OIDC configuration, so login and callback answer
  // 404 OIDC_NOT_CONFIGURED; oidc.int-spec.ts covers them against a real provider.
  {
    method: 'GET',
    route: '/api/auth/oidc',
    call: () => ({ path: '/api/auth/oidc' }),
    expected: everyone(200),
  },
  {
    method: 'GET',
    route: '/api/auth/oidc/login',
    call: () => ({ path: '/api/auth/oidc/login' }),
    expected: everyone(404),
  },
  {
    method: 'GET',
    route: '/api/auth/oidc/callback',
    call: () => ({ path: '/api/auth/oidc/callback?code=x&state=y' }),
    expected: everyone(404),
  },
  { method: 'GET', route: '/api/me', call: () => ({ path: '/api/me' }), expected: signedIn(200) },
  {
    method: 'GET',
    route: '/api/workspaces',
    call: () => ({ path: '/api/workspaces' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces',
    call: () => ({
      path: '/api/workspaces',
      body: {
        patientPersonnummer: newPersonnummer(),
        patientName: 'Ny Patient',
        patientEmail: `patient-${randomUUID()}@atergang.test`,
        sickPeriodStart: '2026-10-01',
        expectedLengthDays: 90,
      },
    }),
    // Staff of any organisation may open a case; the patient holds no staff role.
    expected: { ...signedIn(201), patient: 403 },
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}` }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/invitations',
    call: (world, caller) => ({
      path: `/api/workspaces/${world.workspaceId}/invitations`,
      body: { email: `invitee-${randomUUID()}@atergang.test`, party: PARTY[caller] },
    }),
    expected: inWorkspace(201, { af: 403 }),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/participants/:participantId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/participants/${await extraParticipant(world)}`,
    }),
    expected: patientOnly(204),
  },
  {
    method: 'GET',
    route: '/api/invitations',
    call: () => ({ path: '/api/invitations' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/invitations/:invitationId/accept',
    call: () => ({ path: `/api/invitations/${randomUUID()}/accept` }),
    expected: signedIn(404),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/consents',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/consents` }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/consents',
    call: (world) => ({
      path: `/api/workspaces/${world.workspaceId}/consents`,
      body: { party: 'OCCUPATIONAL_HEALTH', categories: ['MEETINGS'] },
    }),
    expected: patientOnly(201),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/consents/:consentId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/consents/${await freshConsent(world)}`,
    }),
    expected: patientOnly(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/access-log',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/access-log` }),
    expected: patientOnly(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/plan` }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/events',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/events?after=0` }),
    expected: inWorkspace(200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/plan`,
      body: { version: await planVersion(world), goal: 'Tillbaka på heltid' },
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/revisions',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/plan/revisions` }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/revisions/:n',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/plan/revisions/1` }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/signoffs',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/plan/signoffs`,
      body: { version: await planVersion(world) },
    }),
    expected: inWorkspace(403, { patient: 201, employer: 201 }),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan/not-needed',
    call: (world) => ({
      path: `/api/workspaces/${world.workspaceId}/plan/not-needed`,
      body: { reason: 'Åter i arbete inom 60 dagar enligt läkarintyget.' },
    }),
    expected: inWorkspace(403, { employer: 200 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/tasks?mine=true` }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/tasks',
    call: (world) => ({
      path: `/api/workspaces/${world.workspaceId}/tasks`,
      body: { title: 'Ring Anna', assigneeParty: 'PATIENT', dueDate: '2099-01-15' },
    }),
    // Every party, the patient included, may create tasks.
    expected: inWorkspace(201),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks/:taskId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/tasks/${await fkTaskForPatient(world)}`,
    }),
    // AF was neither given it nor granted TASKS: 403 consent-required.
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/tasks/:taskId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/tasks/${await fkTaskForPatient(world)}`,
      body: { version: 1, status: 'DONE' },
    }),
    // The creating party and the assignee (the patient ticks it off); others 403.
    expected: inWorkspace(403, { patient: 200, fk: 200 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/meetings` }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings`,
      body: {
        kind: 'FOLLOW_UP',
        title: 'Uppföljning',
        participantIds: [(await participantOf(world, 'PATIENT')).id],
        slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
      },
    }),
    // The patient arranges no meetings (no meeting:create).
    expected: inWorkspace(201, { patient: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings/${(await fkMeeting(world)).id}`,
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/invite.ics',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings/${(await fkMeeting(world)).id}/invite.ics`,
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/responses',
    call: async (world) => {
      const meeting = await fkMeeting(world);
      return {
        path: `/api/workspaces/${world.workspaceId}/meetings/${meeting.id}/responses`,
        body: { slotId: meeting.slotId, answer: 'YES' },
      };
    },
    // Only invitees answer (care sees the meeting by consent but is not invited).
    expected: inWorkspace(403, { patient: 200, employer: 200, fk: 200 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/schedule',
    call: async (world) => {
      const meeting = await fkMeeting(world);
      return {
        path: `/api/workspaces/${world.workspaceId}/meetings/${meeting.id}/schedule`,
        body: { slotId: meeting.slotId },
      };
    },
    expected: inWorkspace(403, { fk: 200 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/cancel',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings/${(await fkMeeting(world)).id}/cancel`,
      body: { reason: 'Flyttas' },
    }),
    expected: inWorkspace(403, { fk: 200 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings/${(await fkMeeting(world)).id}/notes`,
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/meetings/${(await fkMeeting(world)).id}/notes`,
      body: {
        situation: 'Läget gicks igenom.',
        decisions: ['Ny uppföljning om en månad'],
        nextSteps: [{ title: 'Boka uppföljning', assigneeParty: 'FK', createTask: true }],
      },
    }),
    // note:create: care, FK, AF, occupational health; AF cannot see this meeting (403).
    expected: inWorkspace(403, { care: 201, fk: 201 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/documents',
    call: (world) => ({
      path: `/api/workspaces/${world.workspaceId}/documents`,
      file: { data: minimalPdf('Plan'), fileName: 'plan.pdf' },
    }),
    // Every party may share a file; the patient too.
    expected: inWorkspace(201),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents',
    call: (world) => ({ path: `/api/workspaces/${world.workspaceId}/documents` }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/documents/${await world.employerDocument()}`,
    }),
    // AF has no DOCUMENTS consent: 403 consent-required.
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId/content',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/documents/${await world.employerDocument()}/content`,
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/documents/:docId',
    call: async (world) => ({
      path: `/api/workspaces/${world.workspaceId}/documents/${await world.employerDocument()}`,
    }),
    // Only the uploader's party deletes; the others see it but may not.
    expected: inWorkspace(403, { employer: 204 }),
  },
];

// Served for people, not part of the API's authorization surface: the OpenAPI UI and
// document (public by design) and the web client's files.
const NOT_API = (url: string): boolean => !url.startsWith('/api/') || url.startsWith('/api/docs');

describe('the authorization matrix', () => {
  let testApp: TestApp;
  let world: World;
  const tokens = new Map<Caller, string>();

  beforeAll(async () => {
    testApp = await createTestApp();
    const { workspaceId, prisma } = await seedDemo(testApp);
    const patient = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    for (const caller of CALLERS) {
      if (caller !== 'unauthenticated') {
        tokens.set(caller, await loginAs(testApp, DEMO_ROLE[caller]));
      }
    }
    const employerToken = tokens.get('employer') ?? '';
    world = {
      prisma,
      workspaceId,
      patientUserId: patient.patientUserId,
      employerDocument: async () => {
        const response = await request(testApp.app.getHttpServer())
          .post(`/api/workspaces/${workspaceId}/documents`)
          .set('authorization', `Bearer ${employerToken}`)
          .attach('file', minimalPdf('Matrix'), 'matrix.pdf')
          .expect(201);
        return response.body.id as string;
      },
    };
  });

  afterAll(async () => {
    await world.prisma.$disconnect();
    await testApp.close();
  });

  it('lists every route the server exposes, and only those', () => {
    const served = exposedRoutes(testApp.app)
      .filter((route) => route.method !== 'HEAD' && !NOT_API(route.url))
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    const listed = MATRIX.map((row) => `${row.method} ${row.route}`).sort();
    expect(listed).toEqual(served);
  });

  describe.each(MATRIX.map((row) => [`${row.method} ${row.route}`, row] as const))(
    '%s',
    (_name, row) => {
      it.each(CALLERS.map((caller) => [caller, row.expected[caller]] as const))(
        'answers %s with %i',
        async (caller, expected) => {
          const call = await row.call(world, caller);
          const http = request(testApp.app.getHttpServer());
          let pending = http[row.method.toLowerCase() as 'get'](call.path);
          const token = tokens.get(caller);
          if (token) pending = pending.set('authorization', `Bearer ${token}`);
          if (call.body) pending = pending.send(call.body);
          if (call.file) pending = pending.attach('file', call.file.data, call.file.fileName);
          const response = await pending;
          expect({
            status: response.status,
            body: response.status === expected ? null : response.body,
          }).toEqual({
            status: expected,
            body: null,
          });
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        },
      );
    },
  );

  it('documents bearer authentication on exactly the routes that demand it', async () => {
    const doc = await request(testApp.app.getHttpServer()).get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { security?: unknown[] }>>;
    for (const row of MATRIX) {
      const openApiPath = row.route.replace(/:(\w+)/g, '{$1}');
      const operation = paths[openApiPath]?.[row.method.toLowerCase()];
      expect(
        operation ? `${row.method} ${row.route}` : `undocumented ${row.method} ${row.route}`,
      ).toBe(`${row.method} ${row.route}`);
      const demandsToken =
        row.expected.unauthenticated === 401 && row.route !== '/api/auth/refresh';
      expect({ route: row.route, bearer: Boolean(operation?.security?.length) }).toEqual({
        route: row.route,
        bearer: demandsToken,
      });
    }
  });
});
