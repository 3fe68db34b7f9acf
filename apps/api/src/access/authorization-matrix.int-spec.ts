import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import type { Category, Party, Role } from '@atergang/contracts';
import { exposedRoutes } from '../configure-app';
import { DEMO_PASSWORD } from '../demo/demo-case.seed';
import { type DemoRole, DEMO_EMAILS, loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';

// The authorization matrix: one table of route × caller → expected status, run against the
// real app on a real database, and checked against the routes the server really exposes. A
// route that is not in the table fails the test, so every new route has to state who may
// call it. Callers are role-aware within their party: the doctor and the coordinator are
// both care, the manager and HR both the employer, and a member without a role is neither.
// Where the rules tell roles of one party apart, a route has several rows (one call each).
//
// The case is the demo case (contract.md), joined through the API by:
// - HR at Solbacka kommun (invited by Anna with role HR);
// - an employer member and a care member without a role (invited by Anna without a role);
// - an occupational-health consultant (FHV_CONSULTANT, invited by the manager), to whom
//   Anna grants OCCUPATIONAL_HEALTH_CONSENT below;
// and an ORG_ADMIN participant of the employer, written directly (no API gives that role
// in a case): an administrator, who gets 404 on every workspace route like an outsider.

const CALLERS = [
  'unauthenticated',
  /** annan@: a manager at another employer, in no workspace. */
  'outsider',
  /** anna@: the patient. */
  'patient',
  /** chef@: the employer, MANAGER. */
  'manager',
  /** The employer, HR. */
  'hr',
  /** The employer, no role. */
  'employerNoRole',
  /** lakare@: care, DOCTOR. */
  'doctor',
  /** koordinator@: care, COORDINATOR. */
  'coordinator',
  /** Care, no role. */
  'careNoRole',
  /** fk@: FK, CASE_OFFICER (PLAN, TASKS, MEETINGS, MEETING_NOTES, DOCUMENTS, MEDICAL). */
  'fk',
  /** af@: AF, CASE_OFFICER, no consent at all. */
  'af',
  /** Occupational health, FHV_CONSULTANT, with OCCUPATIONAL_HEALTH_CONSENT. */
  'fhv',
  /** The employer's ORG_ADMIN as a participant: no case access. */
  'orgAdmin',
] as const;
type Caller = (typeof CALLERS)[number];
/** The callers who take part in the workspace (the administrator's row included). */
type Member = Exclude<Caller, 'unauthenticated' | 'outsider'>;

/**
 * What the patient shares with occupational health in this matrix: the plan, tasks,
 * meetings and their notes, not documents and not medical information. So the consultant
 * reads a next step's task (TASKS and MEETING_NOTES) that the employer (TASKS only) may
 * not, and not the employer's documents that the employer's colleagues read.
 */
const OCCUPATIONAL_HEALTH_CONSENT: readonly Category[] = [
  'PLAN',
  'TASKS',
  'MEETINGS',
  'MEETING_NOTES',
];

const DEMO_ROLE: Partial<Record<Caller, DemoRole>> = {
  outsider: 'outsider',
  patient: 'patient',
  manager: 'employer',
  doctor: 'doctor',
  coordinator: 'coordinator',
  fk: 'fk',
  af: 'af',
};

const PARTY: Readonly<Record<Member, Party>> = {
  patient: 'PATIENT',
  manager: 'EMPLOYER',
  hr: 'EMPLOYER',
  employerNoRole: 'EMPLOYER',
  orgAdmin: 'EMPLOYER',
  doctor: 'CARE',
  coordinator: 'CARE',
  careNoRole: 'CARE',
  fk: 'FK',
  af: 'AF',
  fhv: 'OCCUPATIONAL_HEALTH',
};

const isMember = (caller: Caller): caller is Member =>
  caller !== 'unauthenticated' && caller !== 'outsider';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface World {
  readonly prisma: PrismaClient;
  readonly server: Parameters<typeof request>[0];
  readonly workspaceId: string;
  readonly patientUserId: string;
  readonly tokens: ReadonlyMap<Caller, string>;
  readonly participantIds: ReadonlyMap<Member, string>;
  readonly userIds: ReadonlyMap<Member, string>;
  /** The employer's workplace adaptation measure of the demo plan. */
  readonly employerMeasureId: string;
  /** An organisation of each party other than the patient (the demo's, and one for OH). */
  readonly organisations: Readonly<Record<Exclude<Party, 'PATIENT'>, string>>;
}

interface Call {
  readonly path: string;
  readonly body?: object;
  /** A multipart upload of this file in the field `file`, instead of a JSON body. */
  readonly file?: { readonly data: Buffer; readonly fileName: string };
  /** Multipart fields sent before the file. */
  readonly fields?: Readonly<Record<string, string>>;
}

interface MatrixRow {
  readonly method: Method;
  /** The route as the server registers it. */
  readonly route: string;
  /** What this row's call exercises, when a route has several rows. */
  readonly rule?: string;
  /** Builds a concrete call; may arrange data first (e.g. a consent to revoke). */
  readonly call: (world: World, caller: Caller) => Promise<Call> | Call;
  readonly expected: Readonly<Record<Caller, number>>;
  /**
   * The problem `code` some refused callers get, where the status alone would not say which
   * rule refused them (a role without the capability, not a missing consent, say).
   */
  readonly codes?: Readonly<Partial<Record<Caller, string>>>;
  /** Restores what the call ended for the caller (a new session after signing out everywhere). */
  readonly after?: (world: World, caller: Caller) => Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Expected statuses
// ---------------------------------------------------------------------------------------

/** A fresh in-app notification of the patient's (a task given to her), for one call. */
async function patientNotification(world: World): Promise<string> {
  const id = randomUUID();
  await world.prisma.notification.create({
    data: {
      id,
      userId: world.patientUserId,
      workspaceId: world.workspaceId,
      kind: 'task.assigned',
      subjectType: 'Task',
      subjectId: randomUUID(),
      params: {},
      dedupeKey: `matrix:${id}`,
    },
  });
  return id;
}

const everyone = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
const signedIn = (status: number): Record<Caller, number> => ({
  ...everyone(status),
  unauthenticated: 401,
});
/**
 * Participants get `participant`; people outside the workspace and the administrator
 * (ORG_ADMIN takes no part in case content) 404; anonymous callers 401.
 */
const inWorkspace = (
  participant: number,
  overrides: Partial<Record<Caller, number>> = {},
): Record<Caller, number> => ({
  ...signedIn(participant),
  outsider: 404,
  orgAdmin: 404,
  ...overrides,
});
/** `status` for these participants, `otherwise` (403) for the other participants. */
const only = (
  callers: readonly Member[],
  status: number,
  otherwise = 403,
): Record<Caller, number> =>
  inWorkspace(otherwise, Object.fromEntries(callers.map((caller) => [caller, status])));

/** The same problem code for each of these callers. */
const code = (callers: readonly Caller[], problem: string): Partial<Record<Caller, string>> =>
  Object.fromEntries(callers.map((caller) => [caller, problem]));

/** The employer's plan keepers: its goal, return date, contact, follow-ups, sign-off. */
const EMPLOYER_KEEPERS = ['manager', 'hr'] as const satisfies readonly Member[];
const EMPLOYER = ['manager', 'hr', 'employerNoRole'] as const satisfies readonly Member[];
const CARE = ['doctor', 'coordinator', 'careNoRole'] as const satisfies readonly Member[];
/** Who records MEDICAL: care's clinical roles and the patient. */
const MEDICAL_AUTHORS = ['patient', 'doctor', 'coordinator'] as const satisfies readonly Member[];

// ---------------------------------------------------------------------------------------
// Arranging data through the API (and, where no API may, directly)
// ---------------------------------------------------------------------------------------

const ws = (world: World, rest = ''): string => `/api/workspaces/${world.workspaceId}${rest}`;

let counter = 0;
/** A number never used before in this run, so each call changes something. */
const unique = (): number => ++counter;

/** Calls the API as a participant to arrange data; fails unless it answers `status`. */
async function arrange(
  world: World,
  caller: Member,
  method: Method,
  path: string,
  body: object | undefined,
  status: number,
): Promise<Record<string, unknown>> {
  let pending = request(world.server)
    [method.toLowerCase() as 'get'](path)
    .set('authorization', `Bearer ${world.tokens.get(caller) ?? ''}`);
  if (body) pending = pending.send(body);
  const response = await pending;
  if (response.status !== status) {
    throw new Error(
      `arranging ${method} ${path} as ${caller}: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as Record<string, unknown>;
}

async function upload(
  world: World,
  caller: Member,
  fields: Readonly<Record<string, string>> = {},
): Promise<string> {
  let pending = request(world.server)
    .post(ws(world, '/documents'))
    .set('authorization', `Bearer ${world.tokens.get(caller) ?? ''}`);
  for (const [name, value] of Object.entries(fields)) pending = pending.field(name, value);
  const response = await pending.attach('file', minimalPdf('Matrix'), 'matrix.pdf');
  if (response.status !== 201) {
    throw new Error(`uploading as ${caller}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { id: string }).id;
}

const participantId = (world: World, caller: Member): string => {
  const id = world.participantIds.get(caller);
  if (!id) throw new Error(`${caller} takes no part in the case`);
  return id;
};

const userId = (world: World, caller: Member): string => {
  const id = world.userIds.get(caller);
  if (!id) throw new Error(`${caller} has no user`);
  return id;
};

interface MeasureSeen {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
}
interface PlanSeen {
  readonly version: number;
  readonly measures: readonly MeasureSeen[];
}

/** The plan as the caller reads it; version 0 and nothing for those who may not read it. */
async function planAs(world: World, caller: Caller): Promise<PlanSeen> {
  const token = world.tokens.get(caller);
  if (!token) return { version: 0, measures: [] };
  const response = await request(world.server)
    .get(ws(world, '/plan'))
    .set('authorization', `Bearer ${token}`);
  return response.status === 200 ? (response.body as PlanSeen) : { version: 0, measures: [] };
}

/** The measures the caller sees, sent back unchanged (so none of its own is deleted). */
const kept = (plan: PlanSeen): MeasureSeen[] =>
  plan.measures.map(({ id, kind, title }) => ({ id, kind, title }));

/** A PUT /plan of the caller's version with these changes. */
const planSave =
  (changes: (plan: PlanSeen, world: World) => object) =>
  async (world: World, caller: Caller): Promise<Call> => {
    const plan = await planAs(world, caller);
    return { path: ws(world, '/plan'), body: { version: plan.version, ...changes(plan, world) } };
  };

const dayOf2031 = (n: number): string =>
  new Date(Date.UTC(2031, 0, 1 + n)).toISOString().slice(0, 10);

interface ProposedMeeting {
  readonly id: string;
  readonly slotId: string;
}

/** A meeting proposed through the API by `organiser`, inviting `invitees` (and itself). */
async function propose(
  world: World,
  organiser: Member,
  kind: string,
  invitees: readonly Member[],
): Promise<ProposedMeeting> {
  const body = await arrange(
    world,
    organiser,
    'POST',
    ws(world, '/meetings'),
    {
      kind,
      title: 'Matrix meeting',
      participantIds: invitees.map((invitee) => participantId(world, invitee)),
      slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
    },
    201,
  );
  return { id: body.id as string, slotId: (body.slots as { id: string }[])[0]?.id ?? '' };
}

/**
 * An avstämningsmöte called by FK inviting the patient and the manager (not HR, not care,
 * not occupational health, not AF). The others of the employer, care and occupational
 * health see it by their MEETINGS consent; AF does not.
 */
const fkMeeting = (world: World) => propose(world, 'fk', 'AVSTAMNINGSMOTE', ['patient', 'manager']);
/** Who sees FK's meeting (invited or by consent) without having called it. */
const MEETING_READERS_NOT_FK = [
  'patient',
  'manager',
  'hr',
  'employerNoRole',
  'doctor',
  'coordinator',
  'careNoRole',
  'fhv',
] as const satisfies readonly Member[];
/** A follow-up arranged by care's coordinator with the patient and FK. */
const careMeeting = (world: World) => propose(world, 'coordinator', 'FOLLOW_UP', ['patient', 'fk']);
/** The employer's rehab meeting at the workplace, with the patient and occupational health. */
const employerMeeting = (world: World) =>
  propose(world, 'manager', 'WORKPLACE_REHAB', ['patient', 'fhv']);

/** A task FK created for the patient: the patient and FK may change it, others not. */
async function fkTaskForPatient(world: World): Promise<string> {
  const task = await arrange(
    world,
    'fk',
    'POST',
    ws(world, '/tasks'),
    { title: 'Matrix task', assigneeParty: 'PATIENT' },
    201,
  );
  return task.id as string;
}

/** A next step of FK's note on its meeting, become FK's task (it carries the note). */
async function nextStepTask(world: World): Promise<string> {
  const meeting = await fkMeeting(world);
  const created = await arrange(
    world,
    'fk',
    'POST',
    ws(world, `/meetings/${meeting.id}/notes`),
    {
      decisions: [],
      nextSteps: [{ title: 'Boka uppföljning', assigneeParty: 'FK', createTask: true }],
    },
    201,
  );
  return (created.taskIds as string[])[0] ?? '';
}

/**
 * A medical task by care assigned to the employer. The API refuses to create one (the
 * employer may not read it); written directly to show that assignment reveals nothing
 * medical.
 */
async function medicalTaskForEmployer(world: World): Promise<string> {
  const task = await world.prisma.task.create({
    data: {
      workspaceId: world.workspaceId,
      title: 'Matrix medical task',
      category: 'MEDICAL',
      assigneeParty: 'EMPLOYER',
      createdByParty: 'CARE',
      createdById: userId(world, 'coordinator'),
    },
  });
  return task.id;
}

/** A task the system created (a deadline), assigned to the employer. */
async function systemTaskForEmployer(world: World): Promise<string> {
  const task = await world.prisma.task.create({
    data: {
      workspaceId: world.workspaceId,
      title: 'Matrix deadline task',
      assigneeParty: 'EMPLOYER',
      createdByParty: null,
    },
  });
  return task.id;
}

const employerDocument = (world: World) => upload(world, 'manager');

/** The plan's version as the employer counts it. */
async function employerPlanVersion(world: World): Promise<number> {
  const plan = await arrange(world, 'manager', 'GET', ws(world, '/plan'), undefined, 200);
  return plan.version as number;
}

/** A fresh hand-over of the employer's current plan to FK. */
async function handoverToFk(world: World): Promise<string> {
  const version = await employerPlanVersion(world);
  const sent = await arrange(
    world,
    'manager',
    'POST',
    ws(world, '/plan/handovers'),
    { version, recipient: 'FK' },
    201,
  );
  return sent.id as string;
}
const medicalDocument = (world: World) => upload(world, 'doctor', { category: 'MEDICAL' });

/**
 * FK declines every open request for an avstämningsmöte of `party`, so that the party may ask
 * again (one open request per party at a time).
 */
async function answerOpenMeetingRequests(world: World, party: Party): Promise<void> {
  const list = await arrange(world, 'fk', 'GET', ws(world, '/meeting-requests'), undefined, 200);
  const open = (
    list.requests as { id: string; status: string; requestedBy: { party: Party } }[]
  ).filter((each) => each.status === 'OPEN' && each.requestedBy.party === party);
  for (const each of open) {
    await arrange(
      world,
      'fk',
      'POST',
      ws(world, `/meeting-requests/${each.id}/answer`),
      { decision: 'DECLINED', message: 'Matrix' },
      200,
    );
  }
}

/** A fresh request of the patient's for an avstämningsmöte (her last one answered first). */
async function patientMeetingRequest(world: World): Promise<string> {
  await answerOpenMeetingRequests(world, 'PATIENT');
  const asked = await arrange(
    world,
    'patient',
    'POST',
    ws(world, '/meeting-requests'),
    { reason: 'Matrix' },
    201,
  );
  return asked.id as string;
}

async function extraParticipant(world: World): Promise<string> {
  const user = await world.prisma.user.create({
    data: { email: `extra-${randomUUID()}@atergang.test`, name: 'Extra Person' },
  });
  const participant = await world.prisma.participant.create({
    data: {
      workspaceId: world.workspaceId,
      userId: user.id,
      party: 'OCCUPATIONAL_HEALTH',
      organisationId: world.organisations.OCCUPATIONAL_HEALTH,
    },
  });
  return participant.id;
}

/** A consent granting the employer what it already has: revoking it changes nobody's reading. */
async function redundantConsent(world: World): Promise<string> {
  const consent = await world.prisma.consent.create({
    data: {
      workspaceId: world.workspaceId,
      party: 'EMPLOYER',
      categories: ['PLAN'],
      grantedById: world.patientUserId,
    },
  });
  return consent.id;
}

const inviteTo =
  (party: (caller: Caller) => Exclude<Party, 'PATIENT'>) =>
  (world: World, caller: Caller): Call => ({
    path: ws(world, '/invitations'),
    body: {
      email: `invitee-${randomUUID()}@atergang.test`,
      organisationId: world.organisations[party(caller)],
    },
  });

/** An invitation the manager issued, into occupational health (so it awaits the patient). */
async function pendingInvitation(world: World): Promise<string> {
  const invitation = await world.prisma.invitation.create({
    data: {
      workspaceId: world.workspaceId,
      email: `pending-${randomUUID()}@atergang.test`,
      party: 'OCCUPATIONAL_HEALTH',
      organisationId: world.organisations.OCCUPATIONAL_HEALTH,
      invitedById: world.userIds.get('manager') ?? '',
      tokenHash: randomUUID(),
      expiresAt: new Date(Date.now() + 86_400_000),
      approvalRequired: true,
    },
  });
  return invitation.id;
}

/**
 * Routes of Solbacka kommun's staff: its administrators (the ORG_ADMIN participant and the
 * employer member without a case role, an ORG_ADMIN of Solbacka too) get `admin`, its other
 * members (the manager, HR) `member`; everyone else is no member (404, nothing revealed).
 */
const ofSolbacka = (admin: number, member: number): Record<Caller, number> => ({
  ...signedIn(404),
  orgAdmin: admin,
  employerNoRole: admin,
  manager: member,
  hr: member,
});

/** A member of Solbacka with no case, made for one call (roles changed, deactivated). */
async function throwawayMember(world: World): Promise<string> {
  const user = await world.prisma.user.create({
    data: { email: `member-${randomUUID()}@atergang.test`, name: 'Tillfällig Medarbetare' },
  });
  await world.prisma.membership.create({
    data: { userId: user.id, organisationId: world.organisations.EMPLOYER, role: 'MANAGER' },
  });
  return user.id;
}

/** An open staff invitation of Solbacka, made for one call (withdrawn). */
async function openStaffInvitation(world: World): Promise<string> {
  const invitation = await world.prisma.accountInvitation.create({
    data: {
      email: `staff-${randomUUID()}@atergang.test`,
      name: 'Inbjuden Medarbetare',
      organisationId: world.organisations.EMPLOYER,
      roles: ['HR'],
      tokenHash: randomUUID(),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return invitation.id;
}

/** A new session for the caller, after one that ended every session of theirs. */
async function signInAgain(world: World, caller: Caller): Promise<void> {
  if (!isMember(caller) && caller !== 'outsider') return;
  const userId = isMember(caller)
    ? world.userIds.get(caller)
    : (await world.prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.outsider } })).id;
  const user = await world.prisma.user.findUniqueOrThrow({ where: { id: userId ?? '' } });
  const response = await request(world.server)
    .post('/api/auth/login')
    .send({ email: user.email, password: DEMO_PASSWORD })
    .expect(200);
  (world.tokens as Map<Caller, string>).set(
    caller,
    (response.body as { accessToken: string }).accessToken,
  );
}

/** A token no link ever carried. */
const unknownToken = (): string => `${randomUUID()}${randomUUID()}`.replaceAll('-', '');

const meetingOf =
  (kind: string, invitees: readonly Member[]) =>
  (world: World): Call => ({
    path: ws(world, '/meetings'),
    body: {
      kind,
      title: `Matrix ${kind}`,
      participantIds: invitees.map((invitee) => participantId(world, invitee)),
      slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
    },
  });

const ORDINARY_NOTE = {
  situation: 'Läget gicks igenom.',
  decisions: ['Ny uppföljning om en månad'],
  nextSteps: [{ title: 'Boka uppföljning', assigneeParty: 'FK', createTask: true }],
};
const MEDICAL_NOTE = {
  situation: 'Sömnen är bättre; KBT fortsätter.',
  decisions: ['Läkaren följer upp om två veckor'],
  medical: true,
};

const noteOn =
  (meeting: (world: World) => Promise<ProposedMeeting>, body: object, reach = false) =>
  async (world: World): Promise<Call> => ({
    path: ws(world, `/meetings/${(await meeting(world)).id}/notes${reach ? '/reach' : ''}`),
    body,
  });

/** A note written by `author` on a fresh meeting (version 1), as the path of its routes. */
async function writtenNote(
  world: World,
  meeting: (world: World) => Promise<ProposedMeeting>,
  author: Member,
  body: object,
): Promise<string> {
  const meetingId = (await meeting(world)).id;
  const created = await arrange(
    world,
    author,
    'POST',
    ws(world, `/meetings/${meetingId}/notes`),
    body,
    201,
  );
  return ws(world, `/meetings/${meetingId}/notes/${(created.note as { id: string }).id}`);
}

/** A correction of version 1 of a fresh note by `author`. */
const noteCorrection =
  (meeting: (world: World) => Promise<ProposedMeeting>, author: Member, body: object) =>
  async (world: World): Promise<Call> => ({
    path: await writtenNote(world, meeting, author, body),
    body: { version: 1, situation: `Rättat ${unique()}`, reason: 'Fel i nuläget' },
  });

/** The history of a fresh note by `author`, corrected once. */
const noteHistory =
  (meeting: (world: World) => Promise<ProposedMeeting>, author: Member, body: object) =>
  async (world: World): Promise<Call> => {
    const path = await writtenNote(world, meeting, author, body);
    await arrange(world, author, 'PATCH', path, { version: 1, situation: 'Rättat' }, 200);
    return { path: `${path}/revisions` };
  };

// ---------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------

export const MATRIX: readonly MatrixRow[] = [
  // Public routes.
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
  // Public, but renews only with a refresh cookie: without one there is no session to
  // renew, and every caller gets 204 with nothing issued (auth.int-spec.ts).
  {
    method: 'POST',
    route: '/api/auth/refresh',
    call: () => ({ path: '/api/auth/refresh' }),
    expected: everyone(204),
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

  // Organisations: the directory for staff; an organisation's staff for its administrators
  // (its other members may see their colleagues); invitations to join it, public by token.
  {
    method: 'GET',
    route: '/api/organisations/directory',
    call: () => ({ path: '/api/organisations/directory?q=kommun' }),
    expected: { ...signedIn(200), patient: 403 },
  },
  {
    method: 'GET',
    route: '/api/organisations/:organisationId/members',
    call: (world) => ({ path: `/api/organisations/${world.organisations.EMPLOYER}/members` }),
    expected: ofSolbacka(200, 403),
  },
  {
    method: 'PUT',
    route: '/api/organisations/:organisationId/members/:userId/roles',
    call: async (world) => ({
      path: `/api/organisations/${world.organisations.EMPLOYER}/members/${await throwawayMember(world)}/roles`,
      body: { roles: ['HR'] },
    }),
    expected: ofSolbacka(200, 403),
  },
  {
    method: 'POST',
    route: '/api/organisations/:organisationId/members/:userId/deactivate',
    call: async (world) => ({
      path: `/api/organisations/${world.organisations.EMPLOYER}/members/${await throwawayMember(world)}/deactivate`,
      body: {},
    }),
    expected: ofSolbacka(200, 403),
  },
  {
    method: 'GET',
    route: '/api/organisations/:organisationId/invitations',
    call: (world) => ({ path: `/api/organisations/${world.organisations.EMPLOYER}/invitations` }),
    expected: ofSolbacka(200, 403),
  },
  {
    method: 'POST',
    route: '/api/organisations/:organisationId/invitations',
    call: (world) => ({
      path: `/api/organisations/${world.organisations.EMPLOYER}/invitations`,
      body: { email: `colleague-${randomUUID()}@atergang.test`, name: 'Ny Kollega', roles: ['HR'] },
    }),
    expected: ofSolbacka(201, 403),
  },
  {
    method: 'DELETE',
    route: '/api/organisations/:organisationId/invitations/:invitationId',
    call: async (world) => ({
      path: `/api/organisations/${world.organisations.EMPLOYER}/invitations/${await openStaffInvitation(world)}`,
    }),
    expected: ofSolbacka(204, 403),
  },
  {
    method: 'GET',
    route: '/api/organisations/:organisationId/colleagues',
    call: (world) => ({ path: `/api/organisations/${world.organisations.EMPLOYER}/colleagues` }),
    expected: ofSolbacka(200, 200),
  },
  // Follow-up statistics (issue 18): an organisation's administrator, or HR at an employer;
  // its other members are refused by name, everyone else is no member (404).
  {
    method: 'GET',
    route: '/api/organisations/:organisationId/statistics',
    rule: "an employer's: its administrators and HR",
    call: (world) => ({
      path: `/api/organisations/${world.organisations.EMPLOYER}/statistics?period=quarter&from=2026-01`,
    }),
    expected: { ...ofSolbacka(200, 403), hr: 200 },
    codes: code(['manager'], 'STATISTICS_NOT_ALLOWED'),
  },
  {
    method: 'GET',
    route: '/api/organisations/:organisationId/statistics',
    rule: "a care unit's: its administrator, not its doctors and coordinators",
    call: (world) => ({
      path: `/api/organisations/${world.organisations.CARE}/statistics?period=month&from=2026-06`,
    }),
    expected: { ...signedIn(404), careNoRole: 200, doctor: 403, coordinator: 403 },
    codes: code(['doctor', 'coordinator'], 'STATISTICS_NOT_ALLOWED'),
  },
  {
    method: 'POST',
    route: '/api/account-invitations/lookup',
    call: () => ({ path: '/api/account-invitations/lookup', body: { token: unknownToken() } }),
    expected: everyone(410),
  },
  {
    method: 'POST',
    route: '/api/account-invitations/accept',
    call: () => ({
      path: '/api/account-invitations/accept',
      body: { token: unknownToken(), password: 'Ett-Bra-Lösenord-2026' },
    }),
    expected: everyone(410),
  },

  // The demo's Utkorg: this app is not in demo mode, so it is not there (404).
  {
    method: 'GET',
    route: '/api/demo/outbox',
    call: () => ({ path: '/api/demo/outbox' }),
    expected: signedIn(404),
  },

  // The account: sign out everywhere (the caller signs in again after), change the
  // password (a wrong current one: 422 for everyone signed in), and the reset by e-mail,
  // public and the same answer whether or not the account exists.
  {
    method: 'POST',
    route: '/api/auth/logout-all',
    call: () => ({ path: '/api/auth/logout-all' }),
    expected: signedIn(204),
    after: signInAgain,
  },
  {
    method: 'POST',
    route: '/api/auth/password',
    call: () => ({
      path: '/api/auth/password',
      body: { currentPassword: 'inte-mitt-losenord', newPassword: 'Ett-Nytt-Lösenord-2026' },
    }),
    expected: signedIn(422),
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset',
    call: () => ({
      path: '/api/auth/password-reset',
      body: { email: `nobody-${randomUUID()}@atergang.test` },
    }),
    expected: everyone(202),
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset/confirm',
    call: () => ({
      path: '/api/auth/password-reset/confirm',
      body: { token: unknownToken(), password: 'Ett-Nytt-Lösenord-2026' },
    }),
    expected: everyone(422),
  },

  // The signed-in person, and cases.
  { method: 'GET', route: '/api/me', call: () => ({ path: '/api/me' }), expected: signedIn(200) },

  // Notifications are the caller's own: everyone signed in reads and marks theirs, and a
  // notification of someone else is not there (404), whoever asks.
  {
    method: 'GET',
    route: '/api/notifications',
    call: () => ({ path: '/api/notifications?limit=5' }),
    expected: signedIn(200),
  },
  {
    method: 'GET',
    route: '/api/notifications/unread-count',
    call: () => ({ path: '/api/notifications/unread-count' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/notifications/read',
    call: (world) => ({
      path: '/api/notifications/read',
      body: { workspaceId: world.workspaceId },
    }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/notifications/:notificationId/read',
    rule: "the patient's own notification",
    call: async (world) => ({
      path: `/api/notifications/${await patientNotification(world)}/read`,
    }),
    expected: { ...signedIn(404), patient: 200 },
  },
  {
    method: 'GET',
    route: '/api/me/notification-preferences',
    call: () => ({ path: '/api/me/notification-preferences' }),
    expected: signedIn(200),
  },
  {
    method: 'PATCH',
    route: '/api/me/notification-preferences',
    call: () => ({ path: '/api/me/notification-preferences', body: { digestHour: 9 } }),
    expected: signedIn(200),
  },
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
    // Staff in a case role of any organisation may ask to open a case (202: it waits for
    // the person); the patient holds no membership. An administrator (ORG_ADMIN) administers
    // people, not cases, and the members without a case role are administrators here.
    expected: {
      ...signedIn(202),
      patient: 403,
      employerNoRole: 403,
      careNoRole: 403,
      orgAdmin: 403,
    },
    codes: {
      patient: 'NOT_STAFF',
      ...code(['employerNoRole', 'careNoRole', 'orgAdmin'], 'ADMINISTRATOR_OPENS_NO_CASE'),
    },
  },
  // The opener's requests, and the person's answer (public routes are answered by the link's
  // token: an unknown one is 404 for everyone).
  {
    method: 'GET',
    route: '/api/case-openings',
    call: () => ({ path: '/api/case-openings' }),
    expected: signedIn(200),
  },
  {
    method: 'GET',
    route: '/api/case-openings/for-me',
    call: () => ({ path: '/api/case-openings/for-me' }),
    expected: signedIn(200),
  },
  {
    method: 'DELETE',
    route: '/api/case-openings/:openingId',
    call: () => ({ path: `/api/case-openings/${randomUUID()}` }),
    expected: signedIn(404),
  },
  {
    method: 'POST',
    route: '/api/case-openings/:openingId/accept',
    call: () => ({ path: `/api/case-openings/${randomUUID()}/accept` }),
    expected: signedIn(404),
  },
  {
    method: 'POST',
    route: '/api/case-openings/accept',
    call: () => ({ path: '/api/case-openings/accept', body: { token: unknownToken() } }),
    expected: signedIn(404),
  },
  {
    method: 'POST',
    route: '/api/case-openings/lookup',
    call: () => ({ path: '/api/case-openings/lookup', body: { token: unknownToken() } }),
    expected: everyone(404),
  },
  {
    method: 'POST',
    route: '/api/case-openings/register',
    call: () => ({
      path: '/api/case-openings/register',
      body: { token: unknownToken(), password: 'Ett-Bra-Lösenord-2026' },
    }),
    expected: everyone(404),
  },
  {
    method: 'POST',
    route: '/api/case-openings/decline',
    call: () => ({ path: '/api/case-openings/decline', body: { token: unknownToken() } }),
    expected: everyone(404),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id',
    call: (world) => ({ path: ws(world) }),
    expected: inWorkspace(200),
    codes: code(['outsider', 'orgAdmin'], 'WORKSPACE_NOT_FOUND'),
  },

  // Who takes part: the patient invites any party; the employer the employer and
  // occupational health; care care; FK FK and AF; AF and occupational health nobody.
  {
    method: 'POST',
    route: '/api/workspaces/:id/invitations',
    rule: 'a colleague of the caller’s own party',
    call: inviteTo((caller) => {
      const party = isMember(caller) ? PARTY[caller] : 'EMPLOYER';
      return party === 'PATIENT' ? 'EMPLOYER' : party;
    }),
    codes: code(['af', 'fhv'], 'MAY_NOT_INVITE'),
    expected: inWorkspace(201, { af: 403, fhv: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/invitations',
    rule: 'occupational health: the patient and the employer',
    call: inviteTo(() => 'OCCUPATIONAL_HEALTH'),
    codes: code(['doctor', 'careNoRole', 'fk'], 'MAY_NOT_INVITE'),
    expected: only(['patient', ...EMPLOYER], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/invitations',
    rule: 'AF: the patient and FK',
    call: inviteTo(() => 'AF'),
    expected: only(['patient', 'fk'], 201),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/participants/:participantId',
    call: async (world) => ({ path: ws(world, `/participants/${await extraParticipant(world)}`) }),
    expected: only(['patient'], 204),
  },
  // Invitations: every one for the patient, the party's own for the others; the patient
  // approves another organisation's participation; the patient or the issuing party
  // withdraws.
  {
    method: 'GET',
    route: '/api/workspaces/:id/invitations',
    call: (world) => ({ path: ws(world, '/invitations') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/invitations/:invitationId/approve',
    call: async (world) => ({
      path: ws(world, `/invitations/${await pendingInvitation(world)}/approve`),
    }),
    expected: only(['patient'], 200),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/invitations/:invitationId',
    call: async (world) => ({ path: ws(world, `/invitations/${await pendingInvitation(world)}`) }),
    expected: only(['patient', ...EMPLOYER], 204),
  },
  // Handing one's place to a colleague: a stranger is no colleague (422), the patient has no
  // place to hand over.
  {
    method: 'POST',
    route: '/api/workspaces/:id/handover',
    call: (world) => ({ path: ws(world, '/handover'), body: { toUserId: randomUUID() } }),
    expected: inWorkspace(422, { patient: 403 }),
  },
  {
    method: 'GET',
    route: '/api/invitations',
    call: () => ({ path: '/api/invitations' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/invitations/accept',
    call: () => ({ path: '/api/invitations/accept', body: { token: unknownToken() } }),
    expected: signedIn(404),
  },
  {
    method: 'POST',
    route: '/api/invitations/:invitationId/accept',
    call: () => ({ path: `/api/invitations/${randomUUID()}/accept` }),
    expected: signedIn(404),
  },

  // Consents and the access log: the patient's.
  {
    method: 'GET',
    route: '/api/workspaces/:id/consents',
    call: (world) => ({ path: ws(world, '/consents') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/consents',
    // What the employer already has: granting it again changes nobody's reading.
    call: (world) => ({
      path: ws(world, '/consents'),
      body: { party: 'EMPLOYER', categories: ['PLAN'] },
    }),
    expected: only(['patient'], 201),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/consents/:consentId',
    call: async (world) => ({ path: ws(world, `/consents/${await redundantConsent(world)}`) }),
    expected: only(['patient'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/access-log',
    call: (world) => ({ path: ws(world, '/access-log') }),
    expected: only(['patient'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/access-log/summary',
    call: (world) => ({ path: ws(world, '/access-log/summary') }),
    expected: only(['patient'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/events',
    call: (world) => ({ path: ws(world, '/events?after=0') }),
    expected: inWorkspace(200),
  },

  // The case's facts (issue 16): certificates by the treating doctor, the facts by the role
  // that keeps each, closing and reopening by the closers. Everyone reads periods and degrees.
  {
    method: 'GET',
    route: '/api/workspaces/:id/certificates',
    call: (world) => ({ path: ws(world, '/certificates') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/certificates',
    call: (world) => {
      const today = new Date().toISOString().slice(0, 10);
      return {
        path: ws(world, '/certificates'),
        body: {
          periodFrom: today,
          periodTo: today,
          degree: 50,
          diagnosisCode: 'F43.2',
          diagnosisText: 'Anpassningsstörning',
          activityLimitations: 'Orkar inte mer än halva dagar.',
        },
      };
    },
    expected: only(['doctor'], 201),
    // A case with certificates takes its steps from them only: the row for the doctor's
    // typed steps below needs the demo case as it was, without one.
    after: async (world) => {
      await world.prisma.certificate.deleteMany({ where: { workspaceId: world.workspaceId } });
    },
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/timeline',
    call: (world) => ({ path: ws(world, '/timeline') }),
    expected: inWorkspace(200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/facts',
    rule: 'the expected length and its basis: the doctor',
    call: (world) => ({
      path: ws(world, '/facts'),
      body: { expectedLengthBasis: `Läkarens bedömning ${unique()}`, reason: 'Matris' },
    }),
    expected: only(['doctor'], 200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/facts',
    rule: 'employment: the employer’s plan keepers and FK',
    call: (world) => ({
      path: ws(world, '/facts'),
      body: { employmentStatus: 'EMPLOYED', reason: 'Matris' },
    }),
    expected: only([...EMPLOYER_KEEPERS, 'fk'], 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/close',
    // A closing day in the future: allowed callers reach the rule check (422), so the demo
    // case stays open for the other rows.
    call: (world) => ({
      path: ws(world, '/close'),
      body: { reason: 'OTHER', closedOn: '2099-01-01' },
    }),
    expected: only([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 422),
    codes: code([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 'CLOSING_DATE_INVALID'),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/reopen',
    call: (world) => ({
      path: ws(world, '/reopen'),
      body: { newPeriodStart: '2099-01-01', reason: 'Matris' },
    }),
    expected: only([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 409),
    codes: code([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 'CASE_NOT_CLOSED'),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/follow-up-case',
    call: (world) => ({
      path: ws(world, '/follow-up-case'),
      body: { newPeriodStart: '2099-01-01' },
    }),
    // The ones who may reopen may ask for a follow-up case; the demo case is open.
    expected: only([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 409),
    codes: code([...EMPLOYER_KEEPERS, 'doctor', 'fk'], 'CASE_NOT_CLOSED'),
  },

  // The plan. Reading: every participant (AF without PLAN sees version 0, no revisions).
  // These rows come before the saves: AF's own measure (below) is a revision it may see.
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan',
    call: (world) => ({ path: ws(world, '/plan') }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan.pdf',
    // The same view as GET /plan as a document: every participant gets their own filtered one.
    call: (world) => ({ path: ws(world, '/plan.pdf') }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/fhir',
    // The case as FHIR R4: every participant gets a Bundle of what they may see.
    call: (world) => ({ path: ws(world, '/fhir') }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/export.pdf',
    rule: 'the copy of the whole case: the patient’s own (GDPR art. 15)',
    call: (world) => ({ path: ws(world, '/export.pdf') }),
    codes: code(['manager', 'doctor', 'fk', 'af'], 'PATIENT_ONLY'),
    expected: only(['patient'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/export.json',
    rule: 'the copy of the whole case as FHIR: the patient’s own (GDPR art. 20)',
    call: (world) => ({ path: ws(world, '/export.json') }),
    codes: code(['manager', 'doctor', 'fk', 'af'], 'PATIENT_ONLY'),
    expected: only(['patient'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/revisions',
    call: (world) => ({ path: ws(world, '/plan/revisions') }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/revisions/:n',
    // The caller's first visible revision; AF, seeing none, has no first one.
    call: (world) => ({ path: ws(world, '/plan/revisions/1') }),
    expected: inWorkspace(200, { af: 404 }),
  },
  // Writing, each part by its owner. A readable part not the caller's: 403
  // PLAN_PART_NOT_OWNED; a withheld part sent with a value (AF): 403 CONSENT_REQUIRED.
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'the goal: the employer’s part, its manager and HR only',
    call: planSave(() => ({ goal: `Tillbaka på heltid (${unique()})` })),
    codes: {
      ...code(['patient', 'employerNoRole', 'doctor', 'fk', 'fhv'], 'PLAN_PART_NOT_OWNED'),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(EMPLOYER_KEEPERS, 200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'the follow-ups: the employer’s part, its manager and HR only',
    call: planSave(() => ({
      followUps: [{ date: dayOf2031(unique()), description: 'Uppföljning av planen' }],
    })),
    codes: {
      ...code(['employerNoRole', 'coordinator'], 'PLAN_PART_NOT_OWNED'),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(EMPLOYER_KEEPERS, 200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'the graded sick-leave steps: the doctor only',
    call: planSave(() => ({
      sickLeaveSteps: [{ degree: 100, fromDate: dayOf2031(0), toDate: dayOf2031(unique()) }],
    })),
    codes: {
      ...code(['patient', 'manager', 'coordinator', 'careNoRole', 'fk'], 'PLAN_PART_NOT_OWNED'),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(['doctor'], 200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'the patient’s own view: the patient only',
    call: planSave(() => ({ patientView: `Jag vill börja lugnt (${unique()})` })),
    codes: { ...code(['manager', 'doctor'], 'PLAN_PART_NOT_OWNED'), af: 'CONSENT_REQUIRED' },
    expected: only(['patient'], 200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'a new PLAN measure of the caller’s own party: every participant',
    call: planSave((plan) => ({
      measures: [...kept(plan), { kind: 'OTHER', title: `Egen insats ${unique()}` }],
    })),
    expected: inWorkspace(200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'a new MEDICAL measure of the caller’s own party: medical authors only',
    call: planSave((plan) => ({
      measures: [
        ...kept(plan),
        { kind: 'TREATMENT', category: 'MEDICAL', title: `Behandling ${unique()}` },
      ],
    })),
    codes: code(['manager', 'careNoRole', 'fk', 'af', 'fhv'], 'MEDICAL_MEASURE_NOT_ALLOWED'),
    expected: only(MEDICAL_AUTHORS, 200),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan',
    rule: 'the employer’s measure: the employer’s people only',
    call: planSave((plan, world) => {
      const title = `Anpassade arbetsuppgifter (${unique()})`;
      const measures = kept(plan).map((measure) =>
        measure.id === world.employerMeasureId ? { ...measure, title } : measure,
      );
      // AF does not see the measure; it sends its id as someone who guessed it would.
      if (!measures.some((measure) => measure.id === world.employerMeasureId)) {
        measures.push({ id: world.employerMeasureId, kind: 'WORKPLACE_ADAPTATION', title });
      }
      return { measures };
    }),
    codes: {
      ...code(['patient', 'doctor', 'fk', 'fhv'], 'MEASURE_NOT_OWNED'),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(EMPLOYER, 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/signoffs',
    call: async (world, caller) => ({
      path: ws(world, '/plan/signoffs'),
      body: { version: (await planAs(world, caller)).version },
    }),
    expected: only(['patient', ...EMPLOYER_KEEPERS], 201),
  },
  {
    method: 'PUT',
    route: '/api/workspaces/:id/plan/not-needed',
    call: (world) => ({
      path: ws(world, '/plan/not-needed'),
      body: { reason: 'Åter i arbete inom 60 dagar enligt läkarintyget.' },
    }),
    expected: only(EMPLOYER_KEEPERS, 200),
  },

  // The plan handed over to FK or care, and FK's requests for it (issue 17).
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/handovers',
    // Each participant gets the hand-overs and requests it may see (none, for AF).
    call: (world) => ({ path: ws(world, '/plan/handovers') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/handovers',
    rule: 'to FK: the employer that establishes the plan (FK’s statutory right)',
    call: async (world) => ({
      path: ws(world, '/plan/handovers'),
      body: { version: await employerPlanVersion(world), recipient: 'FK' },
    }),
    codes: code(
      ['patient', 'employerNoRole', 'doctor', 'coordinator', 'careNoRole', 'fk', 'af', 'fhv'],
      'PLAN_HANDOVER_NOT_EMPLOYER',
    ),
    expected: only(EMPLOYER_KEEPERS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/handovers',
    rule: 'to care: the employer, while the patient lets care see the plan (the demo does)',
    call: async (world) => ({
      path: ws(world, '/plan/handovers'),
      body: { version: await employerPlanVersion(world), recipient: 'CARE' },
    }),
    codes: code(['patient', 'employerNoRole', 'doctor', 'fk', 'af'], 'PLAN_HANDOVER_NOT_EMPLOYER'),
    expected: only(EMPLOYER_KEEPERS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/handovers/:handoverId/acknowledge',
    rule: 'a plan handed to FK: FK confirms; AF may not even see it',
    call: async (world) => ({
      path: ws(world, `/plan/handovers/${await handoverToFk(world)}/acknowledge`),
    }),
    codes: {
      ...code(
        [
          'patient',
          'manager',
          'hr',
          'employerNoRole',
          'doctor',
          'coordinator',
          'careNoRole',
          'fhv',
        ],
        'PLAN_HANDOVER_NOT_RECIPIENT',
      ),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(['fk'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/plan/handovers/:handoverId/plan.pdf',
    rule: 'a plan handed to FK: its readers (FK by law, others by PLAN consent), not AF',
    call: async (world) => ({
      path: ws(world, `/plan/handovers/${await handoverToFk(world)}/plan.pdf`),
    }),
    codes: code(['af'], 'CONSENT_REQUIRED'),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/plan/requests',
    rule: 'FK’s case officer asks the employer for its plan',
    call: async (world, caller) => {
      // Any earlier request is answered first, so FK's is not refused as already open.
      if (caller === 'fk') await handoverToFk(world);
      return { path: ws(world, '/plan/requests'), body: {} };
    },
    codes: code(
      ['patient', 'manager', 'hr', 'employerNoRole', 'doctor', 'af', 'fhv'],
      'PLAN_REQUEST_NOT_ALLOWED',
    ),
    expected: only(['fk'], 201),
  },

  // Asking FK for an avstämningsmöte (issue 15).
  {
    method: 'GET',
    route: '/api/workspaces/:id/meeting-requests',
    // Each participant gets the requests it may see (none, for AF without MEETINGS).
    call: (world) => ({ path: ws(world, '/meeting-requests') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meeting-requests',
    rule: 'the patient, care’s doctor and coordinator, the employer’s manager and HR ask FK',
    call: async (world, caller) => {
      // The party's last request is answered first, so the call is not refused as open.
      if (isMember(caller) && caller !== 'orgAdmin') {
        await answerOpenMeetingRequests(world, PARTY[caller]);
      }
      return { path: ws(world, '/meeting-requests'), body: { reason: 'Matrix' } };
    },
    codes: code(['employerNoRole', 'careNoRole', 'fk', 'af', 'fhv'], 'MEETING_REQUEST_NOT_ALLOWED'),
    expected: only(['patient', 'manager', 'hr', 'doctor', 'coordinator'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meeting-requests/:rid/answer',
    rule: 'the patient’s request: FK answers; AF (no MEETINGS) may not even see it',
    call: async (world) => ({
      path: ws(world, `/meeting-requests/${await patientMeetingRequest(world)}/answer`),
      body: { decision: 'DECLINED', message: 'Matrix' },
    }),
    codes: {
      ...code(
        [
          'patient',
          'manager',
          'hr',
          'employerNoRole',
          'doctor',
          'coordinator',
          'careNoRole',
          'fhv',
        ],
        'MEETING_REQUEST_NOT_FK',
      ),
      af: 'CONSENT_REQUIRED',
    },
    expected: only(['fk'], 200),
  },

  // Tasks.
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks',
    call: (world) => ({ path: ws(world, '/tasks?mine=true') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/tasks',
    rule: 'an ordinary task for the patient: every participant',
    call: (world) => ({
      path: ws(world, '/tasks'),
      body: { title: 'Ring Anna', assigneeParty: 'PATIENT', dueDate: '2099-01-15' },
    }),
    expected: inWorkspace(201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/tasks',
    rule: 'a medical task for the patient: medical authors only',
    call: (world) => ({
      path: ws(world, '/tasks'),
      body: { title: 'Boka fysioterapi', assigneeParty: 'PATIENT', medical: true },
    }),
    codes: code(['manager', 'careNoRole', 'fk'], 'MEDICAL_NOT_ALLOWED'),
    expected: only(MEDICAL_AUTHORS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/tasks',
    rule: 'a medical task for the employer, who may not read it: 422 even for medical authors',
    call: (world) => ({
      path: ws(world, '/tasks'),
      body: { title: 'Anpassa efter diagnosen', assigneeParty: 'EMPLOYER', medical: true },
    }),
    codes: { ...code(MEDICAL_AUTHORS, 'ASSIGNEE_MAY_NOT_READ'), careNoRole: 'MEDICAL_NOT_ALLOWED' },
    expected: only(MEDICAL_AUTHORS, 422),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'FK’s task for the patient: by TASKS consent',
    call: async (world) => ({ path: ws(world, `/tasks/${await fkTaskForPatient(world)}`) }),
    // AF was neither given it nor granted TASKS: 403 consent-required.
    codes: { af: 'CONSENT_REQUIRED' },
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'a next step of a note: TASKS and MEETING_NOTES',
    call: async (world) => ({ path: ws(world, `/tasks/${await nextStepTask(world)}`) }),
    // The employer has TASKS but not MEETING_NOTES; occupational health has both.
    codes: code(EMPLOYER, 'CONSENT_REQUIRED'),
    expected: inWorkspace(200, { manager: 403, hr: 403, employerNoRole: 403, af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'a medical task assigned to the employer: MEDICAL, whoever it is assigned to',
    call: async (world) => ({ path: ws(world, `/tasks/${await medicalTaskForEmployer(world)}`) }),
    codes: code(EMPLOYER, 'CONSENT_REQUIRED'),
    expected: only(['patient', ...CARE, 'fk'], 200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'the status of FK’s task for the patient: the creator and the assignee',
    call: async (world) => ({
      path: ws(world, `/tasks/${await fkTaskForPatient(world)}`),
      body: { version: 1, status: 'DONE' },
    }),
    codes: code(['manager', 'doctor'], 'TASK_FIELD_NOT_YOURS'),
    expected: only(['patient', 'fk'], 200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'the title of FK’s task for the patient: the creating party only',
    call: async (world) => ({
      path: ws(world, `/tasks/${await fkTaskForPatient(world)}`),
      body: { version: 1, title: `Ny rubrik ${unique()}` },
    }),
    codes: { patient: 'TASK_FIELD_NOT_YOURS' },
    expected: only(['fk'], 200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/tasks/:taskId',
    rule: 'the status of a system task for the employer: the assignee party',
    call: async (world) => ({
      path: ws(world, `/tasks/${await systemTaskForEmployer(world)}`),
      body: { version: 1, status: 'IN_PROGRESS' },
    }),
    codes: code(['patient', 'doctor', 'fk'], 'TASK_FIELD_NOT_YOURS'),
    expected: only(EMPLOYER, 200),
  },

  // Meetings: kinds by party.
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings',
    call: (world) => ({ path: ws(world, '/meetings') }),
    expected: inWorkspace(200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'a follow-up: every party',
    call: meetingOf('FOLLOW_UP', ['patient']),
    expected: inWorkspace(201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'a workplace rehab meeting: the employer and occupational health',
    call: meetingOf('WORKPLACE_REHAB', ['patient']),
    codes: code(['patient', 'doctor', 'fk'], 'MEETING_KIND_NOT_YOURS'),
    expected: only([...EMPLOYER, 'fhv'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'an avstämningsmöte with the patient and the employer: FK only',
    call: meetingOf('AVSTAMNINGSMOTE', ['patient', 'manager']),
    codes: code(['patient', 'manager', 'doctor', 'af'], 'AVSTAMNINGSMOTE_CALLED_BY_FK'),
    expected: only(['fk'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'an avstämningsmöte with the patient alone: 422 for FK',
    call: meetingOf('AVSTAMNINGSMOTE', ['patient']),
    codes: { fk: 'AVSTAMNINGSMOTE_PARTICIPANTS' },
    expected: only(['fk'], 422),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'a SASSAM mapping: FK only',
    call: meetingOf('SASSAM', ['patient']),
    codes: code(['manager', 'doctor', 'af'], 'MEETING_KIND_NOT_YOURS'),
    expected: only(['fk'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'a gemensam kartläggning: FK and AF',
    call: meetingOf('GEMENSAM_KARTLAGGNING', ['patient']),
    codes: code(['manager', 'fhv'], 'MEETING_KIND_NOT_YOURS'),
    expected: only(['fk', 'af'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings',
    rule: 'an omställningsmöte: FK and AF',
    call: meetingOf('OMSTALLNINGSMOTE', ['patient']),
    expected: only(['fk', 'af'], 201),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid',
    call: async (world) => ({ path: ws(world, `/meetings/${(await fkMeeting(world)).id}`) }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/invite.ics',
    call: async (world) => ({
      path: ws(world, `/meetings/${(await fkMeeting(world)).id}/invite.ics`),
    }),
    expected: inWorkspace(200, { af: 403 }),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/responses',
    call: async (world) => {
      const meeting = await fkMeeting(world);
      return {
        path: ws(world, `/meetings/${meeting.id}/responses`),
        body: { slotId: meeting.slotId, answer: 'YES' },
      };
    },
    // Only invitees answer (HR, care and occupational health see it but are not invited).
    expected: only(['patient', 'manager', 'fk'], 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/schedule',
    call: async (world) => {
      const meeting = await fkMeeting(world);
      return {
        path: ws(world, `/meetings/${meeting.id}/schedule`),
        body: { slotId: meeting.slotId },
      };
    },
    expected: only(['fk'], 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/cancel',
    call: async (world) => ({
      path: ws(world, `/meetings/${(await fkMeeting(world)).id}/cancel`),
      body: { reason: 'Flyttas' },
    }),
    expected: only(['fk'], 200),
  },
  // Moving (new times, answers reset) and reopening: the organising party, like cancelling.
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/move',
    call: async (world) => ({
      path: ws(world, `/meetings/${(await fkMeeting(world)).id}/move`),
      body: {
        slots: [{ start: '2099-03-08T09:00:00+01:00', end: '2099-03-08T10:00:00+01:00' }],
        reason: 'Läkaren kan inte',
      },
    }),
    // AF does not see the meeting (consent-required); the others see it but did not call it.
    codes: code(MEETING_READERS_NOT_FK, 'NOT_ORGANISER'),
    expected: only(['fk'], 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/reopen',
    call: async (world) => {
      const meeting = await fkMeeting(world);
      await arrange(
        world,
        'fk',
        'POST',
        ws(world, `/meetings/${meeting.id}/cancel`),
        { reason: 'Inställt' },
        200,
      );
      return {
        path: ws(world, `/meetings/${meeting.id}/reopen`),
        body: {
          slots: [{ start: '2099-03-08T09:00:00+01:00', end: '2099-03-08T10:00:00+01:00' }],
        },
      };
    },
    // AF does not see the meeting (consent-required); the others see it but did not call it.
    codes: code(MEETING_READERS_NOT_FK, 'NOT_ORGANISER'),
    expected: only(['fk'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    call: async (world) => ({ path: ws(world, `/meetings/${(await fkMeeting(world)).id}/notes`) }),
    expected: inWorkspace(200, { af: 403 }),
  },
  // Notes: by the organising party and the invited, any party; medical by medical authors.
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    rule: 'FK’s avstämningsmöte: FK and the invited',
    call: noteOn(fkMeeting, ORDINARY_NOTE),
    codes: code(['hr', 'doctor', 'fhv'], 'NOT_AT_MEETING'),
    expected: only(['patient', 'manager', 'fk'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    rule: 'the employer’s rehab meeting: the employer and the invited',
    call: noteOn(employerMeeting, { situation: 'Arbetsplatsträff.', decisions: [] }),
    codes: code(['doctor', 'fk'], 'NOT_AT_MEETING'),
    expected: only(['patient', ...EMPLOYER, 'fhv'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    rule: 'care’s follow-up, an ordinary note: care (any role) and the invited',
    call: noteOn(careMeeting, { situation: 'Uppföljning.', decisions: [] }),
    codes: code(['manager', 'fhv'], 'NOT_AT_MEETING'),
    expected: only(['patient', ...CARE, 'fk'], 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes',
    rule: 'care’s follow-up, a medical note: medical authors among the note takers',
    call: noteOn(careMeeting, MEDICAL_NOTE),
    codes: {
      careNoRole: 'MEDICAL_NOT_ALLOWED',
      fk: 'MEDICAL_NOT_ALLOWED',
      manager: 'NOT_AT_MEETING',
    },
    expected: only(MEDICAL_AUTHORS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes/reach',
    rule: 'FK’s avstämningsmöte: FK and the invited',
    call: noteOn(fkMeeting, ORDINARY_NOTE, true),
    codes: code(['hr', 'doctor', 'fhv'], 'NOT_AT_MEETING'),
    expected: only(['patient', 'manager', 'fk'], 200),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/meetings/:mid/notes/reach',
    rule: 'care’s follow-up, a medical note: medical authors among the note takers',
    call: noteOn(careMeeting, MEDICAL_NOTE, true),
    codes: {
      careNoRole: 'MEDICAL_NOT_ALLOWED',
      fk: 'MEDICAL_NOT_ALLOWED',
      manager: 'NOT_AT_MEETING',
    },
    expected: only(MEDICAL_AUTHORS, 200),
  },
  // Correcting a note: its author's party only (a medical one: its medical authors); the
  // history: those who may read the note (issue 15).
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/meetings/:mid/notes/:nid',
    rule: 'FK’s note: FK only',
    call: noteCorrection(fkMeeting, 'fk', ORDINARY_NOTE),
    // Those who read the note but did not write it; the employer and AF do not read it.
    codes: {
      ...code(['patient', ...CARE, 'fhv'], 'NOT_NOTE_AUTHOR'),
      ...code([...EMPLOYER, 'af'], 'CONSENT_REQUIRED'),
    },
    expected: only(['fk'], 200),
  },
  {
    method: 'PATCH',
    route: '/api/workspaces/:id/meetings/:mid/notes/:nid',
    rule: 'care’s medical note: care’s medical authors only',
    call: noteCorrection(careMeeting, 'coordinator', MEDICAL_NOTE),
    codes: {
      ...code(['patient', 'careNoRole', 'fk'], 'NOT_NOTE_AUTHOR'),
      ...code([...EMPLOYER, 'fhv', 'af'], 'CONSENT_REQUIRED'),
    },
    expected: only(['doctor', 'coordinator'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/notes/:nid/revisions',
    rule: 'FK’s note: those with MEETING_NOTES, and FK',
    call: noteHistory(fkMeeting, 'fk', ORDINARY_NOTE),
    codes: code([...EMPLOYER, 'af'], 'CONSENT_REQUIRED'),
    expected: only(['patient', ...CARE, 'fk', 'fhv'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/meetings/:mid/notes/:nid/revisions',
    rule: 'care’s medical note: those with MEDICAL, and care',
    call: noteHistory(careMeeting, 'coordinator', MEDICAL_NOTE),
    codes: code([...EMPLOYER, 'fhv', 'af'], 'CONSENT_REQUIRED'),
    expected: only(['patient', ...CARE, 'fk'], 200),
  },

  // Documents.
  {
    method: 'POST',
    route: '/api/workspaces/:id/documents',
    rule: 'an ordinary document: every participant',
    call: (world) => ({
      path: ws(world, '/documents'),
      file: { data: minimalPdf('Plan'), fileName: 'plan.pdf' },
    }),
    expected: inWorkspace(201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/documents',
    rule: 'a document marked MEDICAL: medical authors only',
    call: (world) => ({
      path: ws(world, '/documents'),
      fields: { category: 'MEDICAL' },
      file: { data: minimalPdf('Journal'), fileName: 'journal.pdf' },
    }),
    codes: code(['manager', 'careNoRole', 'fk', 'af', 'fhv'], 'MEDICAL_NOT_ALLOWED'),
    expected: only(MEDICAL_AUTHORS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/documents',
    rule: 'a medical certificate (always MEDICAL): medical authors only',
    call: (world) => ({
      path: ws(world, '/documents'),
      fields: { kind: 'MEDICAL_CERTIFICATE' },
      file: { data: minimalPdf('Läkarintyg'), fileName: 'intyg.pdf' },
    }),
    codes: code(['manager', 'careNoRole'], 'MEDICAL_NOT_ALLOWED'),
    expected: only(MEDICAL_AUTHORS, 201),
  },
  {
    method: 'POST',
    route: '/api/workspaces/:id/documents',
    rule: 'a new version of the employer’s document: the uploader’s party',
    call: async (world) => ({
      path: ws(world, '/documents'),
      fields: { documentId: await employerDocument(world) },
      file: { data: minimalPdf('Plan v2'), fileName: 'plan.pdf' },
    }),
    expected: only(EMPLOYER, 201),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents',
    call: (world) => ({ path: ws(world, '/documents') }),
    expected: inWorkspace(200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId',
    rule: 'the employer’s document: by DOCUMENTS consent',
    call: async (world) => ({ path: ws(world, `/documents/${await employerDocument(world)}`) }),
    // Neither AF nor occupational health has DOCUMENTS: 403 consent-required.
    codes: code(['af', 'fhv'], 'CONSENT_REQUIRED'),
    expected: inWorkspace(200, { af: 403, fhv: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId',
    rule: 'the doctor’s medical document: care and MEDICAL consent',
    call: async (world) => ({ path: ws(world, `/documents/${await medicalDocument(world)}`) }),
    codes: code([...EMPLOYER, 'fhv'], 'CONSENT_REQUIRED'),
    expected: only(['patient', ...CARE, 'fk'], 200),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId/content',
    rule: 'the employer’s document: by DOCUMENTS consent',
    call: async (world) => ({
      path: ws(world, `/documents/${await employerDocument(world)}/content`),
    }),
    codes: code(['af', 'fhv'], 'CONSENT_REQUIRED'),
    expected: inWorkspace(200, { af: 403, fhv: 403 }),
  },
  {
    method: 'GET',
    route: '/api/workspaces/:id/documents/:docId/content',
    rule: 'the doctor’s medical document: care and MEDICAL consent',
    call: async (world) => ({
      path: ws(world, `/documents/${await medicalDocument(world)}/content`),
    }),
    codes: code([...EMPLOYER, 'fhv'], 'CONSENT_REQUIRED'),
    expected: only(['patient', ...CARE, 'fk'], 200),
  },
  {
    method: 'DELETE',
    route: '/api/workspaces/:id/documents/:docId',
    call: async (world) => ({ path: ws(world, `/documents/${await employerDocument(world)}`) }),
    // Only the uploader's party deletes; the others see it but may not.
    expected: only(EMPLOYER, 204),
  },
];

// Served for people, not part of the API's authorization surface: the OpenAPI UI and
// document (public by design) and the web client's files.
const NOT_API = (url: string): boolean => !url.startsWith('/api/') || url.startsWith('/api/docs');

const rowName = (row: MatrixRow): string =>
  `${row.method} ${row.route}${row.rule ? ` (${row.rule})` : ''}`;

describe('the authorization matrix', () => {
  let testApp: TestApp;
  let world: World;

  beforeAll(async () => {
    // Budgets scaled up: this test makes far more calls per caller than a person would, and
    // is about who may do what; the budgets themselves are limits/rate-limits.int-spec.ts's.
    testApp = await createTestApp({ RATE_LIMIT_FACTOR: '100' });
    const server = testApp.app.getHttpServer();
    const { workspaceId, prisma } = await seedDemo(testApp);
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    const tokens = new Map<Caller, string>();
    const userIds = new Map<Member, string>();
    for (const caller of CALLERS) {
      const demo = DEMO_ROLE[caller];
      if (!demo) continue;
      tokens.set(caller, await loginAs(testApp, demo));
      if (isMember(caller)) {
        const user = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS[demo] } });
        userIds.set(caller, user.id);
      }
    }
    const employerMeasure = await prisma.planMeasure.findFirstOrThrow({
      where: { workspaceId, ownerParty: 'EMPLOYER', kind: 'WORKPLACE_ADAPTATION' },
    });
    const participantIds = new Map<Member, string>();
    const organisationNamed = async (name: string) =>
      (await prisma.organisation.findFirstOrThrow({ where: { name } })).id;
    const organisations = {
      EMPLOYER: await organisationNamed('Solbacka kommun'),
      CARE: await organisationNamed('Vårdcentralen Linden'),
      FK: await organisationNamed('Försäkringskassan'),
      AF: await organisationNamed('Arbetsförmedlingen'),
      OCCUPATIONAL_HEALTH: (
        await prisma.organisation.create({
          data: { kind: 'OCCUPATIONAL_HEALTH', name: 'Företagshälsan Matrix' },
        })
      ).id,
    };
    world = {
      prisma,
      server,
      workspaceId,
      patientUserId: workspace.patientUserId,
      tokens,
      participantIds,
      userIds,
      employerMeasureId: employerMeasure.id,
      organisations,
    };

    // The people the demo case lacks, with their organisations' memberships (the
    // organisations' onboarding has its own tests), each brought in through the API with the
    // role their membership gives. The members without a case role cannot be brought in by
    // any API: they are written directly.
    const passwordHash = await hash(DEMO_PASSWORD);
    const person = async (caller: Member, membership?: { organisationId: string; role: Role }) => {
      const user = await prisma.user.create({
        data: {
          email: `${caller.toLowerCase()}-${randomUUID()}@atergang.test`,
          name: `Matrix ${caller}`,
          passwordHash,
        },
      });
      if (membership) await prisma.membership.create({ data: { userId: user.id, ...membership } });
      userIds.set(caller, user.id);
      return user;
    };
    const login = async (caller: Member, email: string) => {
      const response = await request(server)
        .post('/api/auth/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200);
      tokens.set(caller, (response.body as { accessToken: string }).accessToken);
    };
    const join = async (
      caller: Member,
      inviter: Member,
      party: Exclude<Party, 'PATIENT'>,
      role: Role,
    ) => {
      const user = await person(caller, { organisationId: organisations[party], role });
      const invitation = await arrange(
        world,
        inviter,
        'POST',
        ws(world, '/invitations'),
        { email: user.email, organisationId: organisations[party] },
        201,
      );
      if (invitation.status === 'AWAITING_PATIENT') {
        await arrange(
          world,
          'patient',
          'POST',
          ws(world, `/invitations/${invitation.id as string}/approve`),
          undefined,
          200,
        );
      }
      await login(caller, user.email);
      await arrange(
        world,
        caller,
        'POST',
        `/api/invitations/${invitation.id as string}/accept`,
        undefined,
        200,
      );
    };
    const joinWithoutCaseRole = async (caller: Member, party: 'EMPLOYER' | 'CARE') => {
      const user = await person(caller, {
        organisationId: organisations[party],
        role: 'ORG_ADMIN',
      });
      await prisma.participant.create({
        data: {
          workspaceId,
          userId: user.id,
          party,
          organisationId: organisations[party],
          role: null,
          addedById: workspace.patientUserId,
        },
      });
      await login(caller, user.email);
    };
    await join('hr', 'patient', 'EMPLOYER', 'HR');
    await joinWithoutCaseRole('employerNoRole', 'EMPLOYER');
    await joinWithoutCaseRole('careNoRole', 'CARE');
    await join('fhv', 'manager', 'OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT');
    await arrange(
      world,
      'patient',
      'POST',
      ws(world, '/consents'),
      { party: 'OCCUPATIONAL_HEALTH', categories: OCCUPATIONAL_HEALTH_CONSENT },
      201,
    );
    // The employer's administrator, a participant with role ORG_ADMIN.
    const admin = await person('orgAdmin', {
      organisationId: organisations.EMPLOYER,
      role: 'ORG_ADMIN',
    });
    await prisma.participant.create({
      data: {
        workspaceId,
        userId: admin.id,
        party: 'EMPLOYER',
        organisationId: organisations.EMPLOYER,
        role: 'ORG_ADMIN',
        addedById: workspace.patientUserId,
      },
    });
    await login('orgAdmin', admin.email);

    const participants = await prisma.participant.findMany({
      where: { workspaceId, removedAt: null },
    });
    for (const [caller, id] of userIds) {
      const participant = participants.find((p) => p.userId === id);
      if (participant) participantIds.set(caller, participant.id);
    }
  });

  afterAll(async () => {
    await world.prisma.$disconnect();
    await testApp.close();
  });

  it('has every participant caller in the case with the party and role it stands for', async () => {
    const participants = await world.prisma.participant.findMany({
      where: { workspaceId: world.workspaceId, removedAt: null },
    });
    const roleOf = (caller: Member) =>
      participants.find((p) => p.id === world.participantIds.get(caller));
    const seen = (
      [
        'patient',
        'manager',
        'hr',
        'employerNoRole',
        'doctor',
        'coordinator',
        'careNoRole',
        'fk',
        'af',
        'fhv',
        'orgAdmin',
      ] as const
    ).map((caller) => [caller, roleOf(caller)?.party, roleOf(caller)?.role ?? null]);
    expect(seen).toEqual([
      ['patient', 'PATIENT', null],
      ['manager', 'EMPLOYER', 'MANAGER'],
      ['hr', 'EMPLOYER', 'HR'],
      ['employerNoRole', 'EMPLOYER', null],
      ['doctor', 'CARE', 'DOCTOR'],
      ['coordinator', 'CARE', 'COORDINATOR'],
      ['careNoRole', 'CARE', null],
      ['fk', 'FK', 'CASE_OFFICER'],
      ['af', 'AF', 'CASE_OFFICER'],
      ['fhv', 'OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT'],
      ['orgAdmin', 'EMPLOYER', 'ORG_ADMIN'],
    ]);
  });

  it('lists every route the server exposes, and only those', () => {
    const served = exposedRoutes(testApp.app)
      .filter((route) => route.method !== 'HEAD' && !NOT_API(route.url))
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    const listed = [...new Set(MATRIX.map((row) => `${row.method} ${row.route}`))].sort();
    expect(listed).toEqual(served);
  });

  it('names each row once', () => {
    const names = MATRIX.map(rowName);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  describe.each(MATRIX.map((row) => [rowName(row), row] as const))('%s', (_name, row) => {
    it.each(CALLERS.map((caller) => [caller, row.expected[caller]] as const))(
      'answers %s with %i',
      async (caller, expected) => {
        const call = await row.call(world, caller);
        let pending = request(world.server)[row.method.toLowerCase() as 'get'](call.path);
        const token = world.tokens.get(caller);
        if (token) pending = pending.set('authorization', `Bearer ${token}`);
        if (call.body) pending = pending.send(call.body);
        for (const [name, value] of Object.entries(call.fields ?? {})) {
          pending = pending.field(name, value);
        }
        if (call.file) pending = pending.attach('file', call.file.data, call.file.fileName);
        const response = await pending;
        await row.after?.(world, caller);
        const problem = row.codes?.[caller];
        const body = response.body as { code?: string };
        expect({
          status: response.status,
          code: problem === undefined ? undefined : body.code,
          body:
            response.status === expected && (problem === undefined || body.code === problem)
              ? null
              : response.body,
        }).toEqual({
          status: expected,
          code: problem,
          body: null,
        });
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      },
    );
  });

  it('documents bearer authentication on exactly the routes that demand it', async () => {
    const doc = await request(world.server).get('/api/docs-json').expect(200);
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
