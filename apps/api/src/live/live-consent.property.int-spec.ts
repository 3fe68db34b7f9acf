import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import request from 'supertest';
import { CATEGORIES, type WorkspaceEventView } from '@atergang/contracts';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';

// Property: for random sequences of changes, consent grants and revokes, and clients
// going offline and rejoining with afterSeq, every client receives exactly the events it
// is entitled to, in seq order — no more, no less. "Entitled" is what GET /events gives
// that caller: for events made while the client was online, asked right after the change
// (consent as it was then); for events it missed offline, asked when it rejoined.

type Role = Exclude<DemoRole, 'outsider'>;
const ROLES: readonly Role[] = ['patient', 'employer', 'doctor', 'coordinator', 'fk', 'af'];
const PARTIES = ['PATIENT', 'EMPLOYER', 'CARE', 'FK', 'AF'] as const;
const CONSENT_PARTIES = ['EMPLOYER', 'CARE', 'FK', 'AF'] as const;

type Action =
  | { kind: 'task'; by: Role; assignee: (typeof PARTIES)[number]; medical: boolean }
  | { kind: 'plan'; by: Role }
  | { kind: 'note'; by: Role; medical: boolean }
  | { kind: 'invite' }
  | {
      kind: 'grant';
      party: (typeof CONSENT_PARTIES)[number];
      categories: (typeof CATEGORIES)[number][];
      confirm: boolean;
    }
  | { kind: 'revoke'; party: (typeof CONSENT_PARTIES)[number] }
  | { kind: 'offline'; who: Role }
  | { kind: 'online'; who: Role };

const role = fc.constantFrom(...ROLES);
const consentParty = fc.constantFrom(...CONSENT_PARTIES);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('task' as const),
    by: role,
    assignee: fc.constantFrom(...PARTIES),
    medical: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('plan' as const), by: role }),
  fc.record({ kind: fc.constant('note' as const), by: role, medical: fc.boolean() }),
  fc.record({ kind: fc.constant('invite' as const) }),
  fc.record({
    kind: fc.constant('grant' as const),
    party: consentParty,
    categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
    confirm: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('revoke' as const), party: consentParty }),
  fc.record({ kind: fc.constant('offline' as const), who: role }),
  fc.record({ kind: fc.constant('online' as const), who: role }),
);

interface Follower {
  client: LiveClient | null;
  /** The client's position: the last ack seq or event seq it got. */
  lastSeq: number;
  /** Everything received, over all its connections. */
  received: WorkspaceEventView[];
  expected: WorkspaceEventView[];
}

describe('live delivery follows consent (property)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let url: string;
  let meetingId: string;
  const tokens = new Map<Role, string>();

  const http = () => request(testApp.app.getHttpServer());
  const bearer = (who: Role) => `Bearer ${tokens.get(who) ?? ''}`;
  async function head(): Promise<number> {
    const row = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    return row.lastEventSeq;
  }
  async function restEvents(who: Role, after: number): Promise<WorkspaceEventView[]> {
    const all: WorkspaceEventView[] = [];
    let from = after;
    for (;;) {
      const response = await http()
        .get(`/api/workspaces/${workspaceId}/events?after=${from}&limit=1000`)
        .set('authorization', bearer(who))
        .expect(200);
      const page = response.body as { events: WorkspaceEventView[]; more: boolean };
      all.push(...page.events);
      const last = page.events.at(-1);
      if (!page.more || !last) return all;
      from = last.seq;
    }
  }
  function track(follower: Follower, client: LiveClient): void {
    client.socket.on('workspace:event', (event: WorkspaceEventView) => {
      follower.received.push(event);
      follower.lastSeq = Math.max(follower.lastSeq, event.seq);
    });
  }
  async function online(follower: Follower, who: Role): Promise<void> {
    const from = follower.lastSeq;
    const client = await connectLive(url, tokens.get(who));
    track(follower, client);
    const ack = await client.join(workspaceId, from);
    if (!ack.ok) throw new Error(`${who} could not rejoin: ${ack.error}`);
    // What it missed offline is judged by the consent in force now, as REST judges it.
    follower.expected = [
      ...follower.expected.filter((event) => event.seq <= from),
      ...(await restEvents(who, from)),
    ];
    follower.lastSeq = Math.max(follower.lastSeq, ack.seq);
    follower.client = client;
  }
  async function offline(follower: Follower): Promise<void> {
    const client = follower.client;
    if (!client) return;
    const last = follower.expected.at(-1)?.seq ?? 0;
    await client.until(
      () => follower.received.some((event) => event.seq >= last) || last <= follower.lastSeq,
      'everything due before going offline',
    );
    client.close();
    follower.client = null;
  }

  /** Changes the rules let through, by kind: a run where none went through proves nothing. */
  const made = new Map<Action['kind'], number>();
  function count(kind: Action['kind'], status: number): void {
    if (status < 300) made.set(kind, (made.get(kind) ?? 0) + 1);
  }

  let doctorSaves = 0;
  /** The part of the plan each role owns (a save of another's part is refused, and adds nothing). */
  function planChange(by: Role): object {
    switch (by) {
      case 'patient':
        return { patientView: `Min syn ${randomUUID()}` };
      case 'doctor':
        // Only the doctor writes the graded sick-leave steps; each save changes them.
        doctorSaves += 1;
        return {
          sickLeaveSteps: [{ degree: doctorSaves % 2 === 0 ? 50 : 25, fromDate: '2099-01-01' }],
        };
      case 'employer':
        return { goal: `Mål ${randomUUID()}` };
      // The employer's goal, which these parties may not write: refused, nothing recorded.
      case 'coordinator':
      case 'fk':
      case 'af':
        return { goal: `Mål ${randomUUID()}` };
    }
  }

  async function perform(step: Action): Promise<void> {
    switch (step.kind) {
      case 'task': {
        const response = await http()
          .post(`/api/workspaces/${workspaceId}/tasks`)
          .set('authorization', bearer(step.by))
          .send({ title: 'Egenskapstest', assigneeParty: step.assignee, medical: step.medical });
        count(step.kind, response.status);
        return;
      }
      case 'plan': {
        // The version is the saver's own: the number of revisions it may see.
        const plan = await http()
          .get(`/api/workspaces/${workspaceId}/plan`)
          .set('authorization', bearer(step.by))
          .expect(200);
        const response = await http()
          .put(`/api/workspaces/${workspaceId}/plan`)
          .set('authorization', bearer(step.by))
          .send({ version: (plan.body as { version: number }).version, ...planChange(step.by) });
        count(step.kind, response.status);
        return;
      }
      case 'note': {
        // Written by the meeting's organiser (FK) and its invitees; others are refused.
        const response = await http()
          .post(`/api/workspaces/${workspaceId}/meetings/${meetingId}/notes`)
          .set('authorization', bearer(step.by))
          .send({ situation: 'Läget.', medical: step.medical });
        count(step.kind, response.status);
        return;
      }
      case 'invite':
        await http()
          .post(`/api/workspaces/${workspaceId}/invitations`)
          .set('authorization', bearer('patient'))
          .send({ email: `p-${randomUUID()}@atergang.test`, party: 'EMPLOYER' })
          .expect(201);
        return;
      case 'grant':
        await http()
          .post(`/api/workspaces/${workspaceId}/consents`)
          .set('authorization', bearer('patient'))
          .send({
            party: step.party,
            categories: step.categories,
            confirmMedicalToEmployer: step.confirm,
          });
        return;
      case 'revoke': {
        const consent = await prisma.consent.findFirst({
          where: { workspaceId, party: step.party, revokedAt: null },
        });
        if (consent) {
          await http()
            .delete(`/api/workspaces/${workspaceId}/consents/${consent.id}`)
            .set('authorization', bearer('patient'))
            .expect(200);
        }
        return;
      }
      case 'offline':
      case 'online':
        return;
    }
  }

  beforeAll(async () => {
    // Budgets scaled up: this test makes far more calls per caller than a person would, and
    // is about who may do what; the budgets themselves are limits/rate-limits.int-spec.ts's.
    testApp = await createTestApp({ RATE_LIMIT_FACTOR: '100' });
    ({ prisma, workspaceId } = await seedDemo(testApp));
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
    for (const who of ROLES) tokens.set(who, await loginAs(testApp, who));
    // The demo's avstämningsmöte: FK organises it; Anna, the manager and the coordinator are invited.
    const meeting = await prisma.meeting.findFirstOrThrow({
      where: { workspaceId, kind: 'AVSTAMNINGSMOTE' },
    });
    meetingId = meeting.id;
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('sends every client exactly its entitled events, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 14 }), async (actions) => {
        const followers = new Map<Role, Follower>();
        try {
          const start = await head();
          for (const who of ROLES) {
            const follower: Follower = { client: null, lastSeq: start, received: [], expected: [] };
            followers.set(who, follower);
            await online(follower, who);
          }
          for (const step of actions) {
            if (step.kind === 'offline' || step.kind === 'online') {
              const follower = followers.get(step.who);
              if (!follower) throw new Error(step.who);
              if (step.kind === 'offline') await offline(follower);
              else if (!follower.client) await online(follower, step.who);
              continue;
            }
            const before = await head();
            await perform(step);
            for (const [who, follower] of followers) {
              if (follower.client) follower.expected.push(...(await restEvents(who, before)));
            }
          }
          for (const [who, follower] of followers) {
            if (!follower.client) await online(follower, who);
          }
          // An event everyone may see ends the run: seq order proves nothing else is due.
          const before = await head();
          await perform({ kind: 'invite' });
          const end = await head();
          for (const [who, follower] of followers) {
            follower.expected.push(...(await restEvents(who, before)));
            const client = follower.client;
            if (!client) throw new Error(who);
            await client.until(
              () => follower.received.some((event) => event.seq === end),
              `the end marker for ${who}`,
            );
            expect({ who, events: follower.received }).toEqual({
              who,
              events: follower.expected,
            });
          }
        } finally {
          for (const follower of followers.values()) follower.client?.close();
        }
      }),
      // On a failure, shrinking re-runs sequences against the server: give it time.
      { numRuns: 12, seed: 11_13, interruptAfterTimeLimit: 150_000 },
    );
    // The runs made real changes of every kind, not only refused ones.
    expect(
      Object.fromEntries(
        ['task', 'plan', 'note'].map((kind) => [kind, (made.get(kind as Action['kind']) ?? 0) > 0]),
      ),
    ).toEqual({
      task: true,
      plan: true,
      note: true,
    });
  }, 200_000);
});
