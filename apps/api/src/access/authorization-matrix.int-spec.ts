import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { exposedRoutes } from '../configure-app';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { type DemoRole, DEMO_EMAILS, loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

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
}

interface Call {
  readonly path: string;
  readonly body?: object;
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
    world = { prisma, workspaceId, patientUserId: patient.patientUserId };
    for (const caller of CALLERS) {
      if (caller !== 'unauthenticated') {
        tokens.set(caller, await loginAs(testApp, DEMO_ROLE[caller]));
      }
    }
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
