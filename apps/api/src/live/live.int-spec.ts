import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { PrismaClient } from '@prisma/client';
import { io } from 'socket.io-client';
import request from 'supertest';
import type { WorkspaceEventView } from '@atergang/contracts';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { sessionToken } from '../testing/session-token';
import { createTestApp, type TestApp } from '../testing/test-app';
import type { AccessTokenClaims } from '../auth/auth.types';
import { CASE_FACETS } from '../access/facets';
import { EventsRepository } from '../events/events.repository';
import { PrismaService } from '../prisma/prisma.service';
import { LiveHub, MAX_JOINS_PER_MINUTE } from './live-hub';

// The live gateway on the real app (createApp), a real PostgreSQL and real socket.io
// clients over WebSocket. "Nothing arrived" is never a timeout: each test ends with a
// change every client may see, and seq order on a socket proves nothing earlier is due.

describe('live updates over socket.io', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let url: string;
  const tokens = new Map<DemoRole, string>();
  const clients: LiveClient[] = [];

  const http = () => request(testApp.app.getHttpServer());
  async function token(role: DemoRole): Promise<string> {
    let value = tokens.get(role);
    if (!value) {
      value = await loginAs(testApp, role);
      tokens.set(role, value);
    }
    return value;
  }
  async function connect(role: DemoRole): Promise<LiveClient> {
    const client = await connectLive(url, await token(role));
    clients.push(client);
    return client;
  }
  async function head(): Promise<number> {
    const row = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    return row.lastEventSeq;
  }
  /** Everything GET /events gives this caller after `after` (all pages). */
  async function restEvents(bearer: string, after: number): Promise<WorkspaceEventView[]> {
    const all: WorkspaceEventView[] = [];
    let from = after;
    for (;;) {
      const response = await http()
        .get(`/api/workspaces/${workspaceId}/events?after=${from}&limit=1000`)
        .set('authorization', `Bearer ${bearer}`)
        .expect(200);
      const page = response.body as { events: WorkspaceEventView[]; more: boolean };
      all.push(...page.events);
      const last = page.events.at(-1);
      if (!page.more || !last) return all;
      from = last.seq;
    }
  }
  /** A change every participant may see (category null): the end marker of a test. */
  async function marker(): Promise<number> {
    await http()
      .post(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', `Bearer ${await token('patient')}`)
      .send({ email: `marker-${randomUUID()}@atergang.test`, party: 'EMPLOYER' })
      .expect(201);
    return head();
  }
  /** The seq of the last event GET /events gives this caller (0 when none). */
  async function lastVisible(bearer: string): Promise<number> {
    return (await restEvents(bearer, 0)).at(-1)?.seq ?? 0;
  }
  /** The caller's own version of the plan: the number of revisions it may see. */
  async function planVersion(role: DemoRole): Promise<number> {
    const plan = await http()
      .get(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${await token(role)}`)
      .expect(200);
    return (plan.body as { version: number }).version;
  }
  const seqs = (events: readonly WorkspaceEventView[]) => events.map((event) => event.seq);
  const after = (events: readonly WorkspaceEventView[], seq: number) =>
    events.filter((event) => event.seq > seq);

  /** A participant who is not in the demo: a user row, a participant row and a token. */
  async function extraParticipant(party: 'OCCUPATIONAL_HEALTH' | 'AF') {
    const user = await prisma.user.create({
      data: { email: `extra-${randomUUID()}@atergang.test`, name: 'Extra Person' },
    });
    // Acting for an organisation whose records list them, as every participant does.
    const organisation = await prisma.organisation.create({
      data: { kind: party, name: `Extra ${party} ${randomUUID().slice(0, 8)}` },
    });
    const role = party === 'AF' ? 'CASE_OFFICER' : 'FHV_CONSULTANT';
    await prisma.membership.create({
      data: { userId: user.id, organisationId: organisation.id, role },
    });
    const participant = await prisma.participant.create({
      data: { workspaceId, userId: user.id, party, organisationId: organisation.id, role },
    });
    const bearer = await sessionToken(testApp, user);
    return { participantId: participant.id, token: bearer };
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('refuses a handshake without a token, with a malformed one or an expired one', async () => {
    const jwt = testApp.app.get(JwtService);
    const patient = await prisma.user.findFirstOrThrow({ where: { email: 'anna@atergang.test' } });
    // The claims of a real session (a token without one is refused too).
    const { sub, name, email, sid, rid } = jwt.decode<AccessTokenClaims>(
      await sessionToken(testApp, patient),
    );
    const claims = { sub, name, email, sid, rid };
    const withoutSession = await jwt.signAsync({ sub, name, email }, { expiresIn: 60 });
    const expired = await jwt.signAsync({
      ...claims,
      iat: Math.floor(Date.now() / 1000) - 120,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const foreign = await new JwtService({ secret: 'x'.repeat(48) }).signAsync(claims);
    for (const bad of [undefined, 'not-a-jwt', expired, foreign, withoutSession]) {
      await expect(connectLive(url, bad)).rejects.toThrow('UNAUTHENTICATED');
    }
    // The same claims signed with the server's secret and unexpired are accepted.
    const good = await connectLive(url, await jwt.signAsync(claims, { expiresIn: 60 }));
    clients.push(good);
    expect(good.socket.connected).toBe(true);
  });

  it('refuses a connection from a page of another origin', async () => {
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = io(url, {
          path: '/socket.io',
          transports: ['websocket'],
          auth: { token: tokens.get('patient') },
          extraHeaders: { origin },
          reconnection: false,
          forceNew: true,
        });
        socket.once('connect', () => {
          socket.close();
          resolve('connected');
        });
        socket.once('connect_error', () => {
          socket.close();
          resolve('refused');
        });
      });
    await token('patient');
    expect(await attempt('https://evil.example')).toBe('refused');
    expect(await attempt(url)).toBe('connected');
  });

  it('closes the connection when its token expires, so the client reconnects with a fresh one', async () => {
    const patient = await prisma.user.findFirstOrThrow({ where: { email: 'anna@atergang.test' } });
    const shortLived = await sessionToken(testApp, patient, { expiresIn: 2 });
    const client = await connectLive(url, shortLived);
    clients.push(client);
    expect((await client.join(workspaceId)).ok).toBe(true);
    const reason = await new Promise<string>((resolve) => {
      client.socket.once('disconnect', resolve);
    });
    expect(reason).toBe('transport close');
    expect(testApp.app.get(LiveHub).memberCount(workspaceId)).toBe(0);
  });

  it('refuses a join by someone outside the workspace and a malformed join', async () => {
    const outsider = await connect('outsider');
    expect(await outsider.join(workspaceId)).toEqual({ ok: false, error: 'WORKSPACE_NOT_FOUND' });
    expect(await outsider.join(randomUUID())).toEqual({ ok: false, error: 'WORKSPACE_NOT_FOUND' });
    const patient = await connect('patient');
    const bad = (await patient.socket
      .timeout(5_000)
      .emitWithAck('workspace:join', { workspaceId: 'nope' })) as unknown;
    expect(bad).toEqual({ ok: false, error: 'BAD_REQUEST' });
    // Joined after all, the outsider still receives nothing of this workspace.
    await expect(patient.join(workspaceId)).resolves.toMatchObject({ ok: true });
    const end = await marker();
    await patient.until(() => seqs(patient.events).includes(end), 'the marker');
    expect(outsider.events).toEqual([]);
  });

  it('sends each member exactly the events REST gives it, a medical note never to the employer', async () => {
    const roles: DemoRole[] = ['patient', 'employer', 'doctor', 'coordinator', 'fk', 'af'];
    const live = new Map<DemoRole, LiveClient>();
    for (const role of roles) live.set(role, await connect(role));
    const start = await head();
    for (const [role, client] of live) {
      // Each ack names the last event that member may see (the patient's is the head).
      const seq = await lastVisible(await token(role));
      expect({ role, ack: await client.join(workspaceId) }).toEqual({
        role,
        ack: { ok: true, seq },
      });
    }
    expect(await lastVisible(await token('patient'))).toBe(start);
    // The avstämningsmöte, to which FK invited the coordinator.
    const meeting = await prisma.meeting.findFirstOrThrow({
      where: { workspaceId, kind: 'AVSTAMNINGSMOTE' },
    });
    // A medical meeting note by the invited coordinator (MEDICAL), a task for the employer
    // (TASKS) and a change of the employer's own part of the plan (PLAN).
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${meeting.id}/notes`)
      .set('authorization', `Bearer ${await token('coordinator')}`)
      .send({ situation: 'Diagnos och behandling.', medical: true })
      .expect(201);
    await http()
      .post(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', `Bearer ${await token('fk')}`)
      .send({ title: 'Kontakta chefen', assigneeParty: 'EMPLOYER' })
      .expect(201);
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${await token('employer')}`)
      .send({ version: await planVersion('employer'), goal: 'Heltid i maj' })
      .expect(200);
    const end = await marker();

    for (const role of roles) {
      const client = live.get(role);
      if (!client) throw new Error(role);
      await client.until(() => seqs(client.events).includes(end), `the marker for ${role}`);
      const expected = await restEvents(await token(role), start);
      expect({ role, events: client.events }).toEqual({ role, events: expected });
    }
    const employer = live.get('employer')?.events ?? [];
    const patient = live.get('patient')?.events ?? [];
    expect(patient.map((event) => event.category)).toContain('MEDICAL');
    expect(employer.map((event) => event.category)).not.toContain('MEDICAL');
    expect(employer.map((event) => event.type)).toEqual(
      expect.arrayContaining(['task.created', 'plan.updated']),
    );
    expect(live.get('af')?.events.map((event) => event.category)).toEqual([null]);
  });

  it('stops sending a category the moment its consent is revoked, and says so', async () => {
    const employer = await connect('employer');
    const joined = await employer.join(workspaceId);
    expect(joined.ok).toBe(true);
    const consent = await prisma.consent.findFirstOrThrow({
      where: { workspaceId, party: 'EMPLOYER', revokedAt: null },
    });
    await http()
      .delete(`/api/workspaces/${workspaceId}/consents/${consent.id}`)
      .set('authorization', `Bearer ${await token('patient')}`)
      .expect(200);
    // No waiting: the revoke's response came back, so the next change must already be filtered.
    const revokedAt = await head();
    await http()
      .post(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', `Bearer ${await token('fk')}`)
      .send({ title: 'Inte till chefen', assigneeParty: 'FK' })
      .expect(201);
    const end = await marker();
    await employer.until(() => seqs(employer.events).includes(end), 'the marker');
    expect(after(employer.events, revokedAt)).toEqual(
      await restEvents(await token('employer'), revokedAt),
    );
    expect(after(employer.events, revokedAt).map((event) => event.type)).toEqual([
      'participant.invited',
    ]);
    expect(employer.accessChanged).toEqual([{ workspaceId, categories: [] }]);
    // Granted again, the category flows again.
    await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${await token('patient')}`)
      .send({ party: 'EMPLOYER', categories: ['TASKS'] })
      .expect(201);
    expect(employer.accessChanged.at(-1)).toEqual({ workspaceId, categories: ['TASKS'] });
    const task = await http()
      .post(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', `Bearer ${await token('fk')}`)
      .send({ title: 'Till chefen igen', assigneeParty: 'FK' })
      .expect(201);
    await employer.until(
      () => employer.events.some((event) => event.data.id === (task.body as { id: string }).id),
      'the task after the new grant',
    );
  });

  it('stops sending a category when its consent expires, at once rather than at the next periodic check', async () => {
    const employer = await connect('employer');
    expect((await employer.join(workspaceId)).ok).toBe(true);
    // Meeting notes for the employer, for two seconds.
    await http()
      .post(`/api/workspaces/${workspaceId}/consents`)
      .set('authorization', `Bearer ${await token('patient')}`)
      .send({
        party: 'EMPLOYER',
        categories: ['MEETING_NOTES'],
        expiresAt: new Date(Date.now() + 2_000).toISOString(),
      })
      .expect(201);
    const meeting = await prisma.meeting.findFirstOrThrow({ where: { workspaceId } });
    const fk = await token('fk');
    const note = (situation: string) =>
      http()
        .post(`/api/workspaces/${workspaceId}/meetings/${meeting.id}/notes`)
        .set('authorization', `Bearer ${fk}`)
        .send({ situation })
        .expect(201);
    const shared = await note('Medan samtycket gäller.');
    await employer.until(
      () => employer.events.some((event) => event.data.id === shared.body.note.id),
      'the note while MEETING_NOTES is shared',
    );
    // The socket is told when the consent lapses: long before the 60 s periodic check.
    await employer.until(
      () => employer.accessChanged.some((change) => !change.categories.includes('MEETING_NOTES')),
      'the expiry',
      10_000,
    );
    const since = await head();
    const hidden = await note('När samtycket har gått ut.');
    const end = await marker();
    await employer.until(() => seqs(employer.events).includes(end), 'the marker');
    expect(employer.events.some((event) => event.data.id === hidden.body.note.id)).toBe(false);
    expect(after(employer.events, since)).toEqual(await restEvents(await token('employer'), since));
  });

  it('drops a removed participant before the removal returns and tells it', async () => {
    const extra = await extraParticipant('OCCUPATIONAL_HEALTH');
    const removed = await connectLive(url, extra.token);
    clients.push(removed);
    expect((await removed.join(workspaceId)).ok).toBe(true);
    await http()
      .delete(`/api/workspaces/${workspaceId}/participants/${extra.participantId}`)
      .set('authorization', `Bearer ${await token('patient')}`)
      .expect(204);
    expect(removed.accessRevoked).toEqual([{ workspaceId }]);
    const end = await marker();
    const patient = await connect('patient');
    await patient.join(workspaceId, end - 1);
    await patient.until(() => seqs(patient.events).includes(end), 'the marker');
    expect(removed.events.map((event) => event.type)).not.toContain('participant.invited');
    expect(await removed.join(workspaceId)).toEqual({ ok: false, error: 'WORKSPACE_NOT_FOUND' });
  });

  it('catches up from the log with afterSeq: every missed visible event once, in order', async () => {
    const first = await connect('employer');
    const joined = await first.join(workspaceId);
    if (!joined.ok) throw new Error('join failed');
    first.close();
    // Missed while offline.
    for (let i = 0; i < 3; i += 1) {
      await http()
        .post(`/api/workspaces/${workspaceId}/tasks`)
        .set('authorization', `Bearer ${await token('patient')}`)
        .send({ title: `Missad ${i}`, assigneeParty: 'EMPLOYER' })
        .expect(201);
    }
    // Rejoin while more changes are being made at the same time.
    const again = await connect('employer');
    const concurrent = Promise.all(
      [0, 1, 2].map(async (i) =>
        http()
          .post(`/api/workspaces/${workspaceId}/tasks`)
          .set('authorization', `Bearer ${await token('fk')}`)
          .send({ title: `Samtidig ${i}`, assigneeParty: 'EMPLOYER' })
          .expect(201),
      ),
    );
    const rejoined = await again.join(workspaceId, joined.seq);
    await concurrent;
    expect(rejoined.ok).toBe(true);
    const end = await marker();
    await again.until(() => seqs(again.events).includes(end), 'the marker');
    const expected = await restEvents(await token('employer'), joined.seq);
    expect(seqs(again.events)).toEqual(seqs(expected));
    expect(again.events).toEqual(expected);
    expect(expected.filter((event) => event.type === 'task.created')).toHaveLength(6);
  });

  it("does not count events hidden from the caller in the join ack's seq, and a rejoin from it misses nothing", async () => {
    // Care writes medical information AF (without consent) may not see: a medical note of
    // the avstämningsmöte and a medical treatment measure in the plan.
    const meeting = await prisma.meeting.findFirstOrThrow({
      where: { workspaceId, kind: 'AVSTAMNINGSMOTE' },
    });
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${meeting.id}/notes`)
      .set('authorization', `Bearer ${await token('coordinator')}`)
      .send({ situation: 'Sömnen är bättre, oron kvar.', medical: true })
      .expect(201);
    const careMeasures = await prisma.planMeasure.findMany({
      where: { workspaceId, ownerParty: 'CARE' },
    });
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', `Bearer ${await token('coordinator')}`)
      .send({
        version: await planVersion('coordinator'),
        measures: [
          ...careMeasures.map((measure) => ({
            id: measure.id,
            kind: measure.kind,
            title: measure.title,
          })),
          { kind: 'TREATMENT', category: 'MEDICAL', title: 'Fysioterapi två gånger i veckan' },
        ],
      })
      .expect(200);
    const top = await head();
    const hidden = await prisma.workspaceEvent.findMany({
      where: { workspaceId, seq: { gt: top - 2 } },
      orderBy: { seq: 'asc' },
    });
    expect(hidden.map((row) => [row.type, row.category])).toEqual([
      ['note.created', 'MEDICAL'],
      ['plan.updated', 'MEDICAL'],
    ]);
    const seen = await lastVisible(await token('af'));
    expect(seen).toBeLessThan(top - 1);

    // Joining alone (the head is read from the log) and joining a workspace this instance
    // already follows (the channel's place is used): the same ack either way.
    const first = await connect('af');
    expect(await first.join(workspaceId)).toEqual({ ok: true, seq: seen });
    const patient = await connect('patient');
    expect(await patient.join(workspaceId)).toEqual({ ok: true, seq: top });
    const second = await connect('af');
    expect(await second.join(workspaceId)).toEqual({ ok: true, seq: seen });
    first.close();
    second.close();

    // While AF is away: one more change it may not see and one it may (the marker).
    await http()
      .post(`/api/workspaces/${workspaceId}/tasks`)
      .set('authorization', `Bearer ${await token('coordinator')}`)
      .send({ title: 'Följ upp sömnen', assigneeParty: 'CARE', medical: true })
      .expect(201);
    const end = await marker();
    const again = await connect('af');
    const rejoined = await again.join(workspaceId, seen);
    await again.until(() => seqs(again.events).includes(end), 'the marker after the rejoin');
    const expected = await restEvents(await token('af'), seen);
    expect(again.events).toEqual(expected);
    expect(expected.map((event) => event.category)).toEqual([null]);
    expect(rejoined).toEqual({ ok: true, seq: end });
  });

  it('works over HTTP long-polling too, the fallback behind sticky sessions', async () => {
    const client = await connectLive(url, await token('patient'), ['polling']);
    clients.push(client);
    expect((await client.join(workspaceId)).ok).toBe(true);
    const end = await marker();
    await client.until(() => seqs(client.events).includes(end), 'the marker over polling');
  });

  it('limits how often one socket may join', async () => {
    const patient = await connect('patient');
    const answers = [];
    for (let i = 0; i <= MAX_JOINS_PER_MINUTE; i += 1) {
      answers.push(await patient.join(workspaceId));
    }
    expect(answers.slice(0, MAX_JOINS_PER_MINUTE).every((answer) => answer.ok)).toBe(true);
    expect(answers.at(-1)).toEqual({ ok: false, error: 'RATE_LIMITED' });
  });

  it('reads from the log an event that was committed but never announced', async () => {
    const patient = await connect('patient');
    const joined = await patient.join(workspaceId);
    expect(joined.ok).toBe(true);
    // Appended outside the app (as if its publisher died right after the commit).
    const repository = new EventsRepository(prisma as unknown as PrismaService);
    const { seq } = await prisma.$transaction((tx) =>
      repository.append(tx, {
        workspaceId,
        type: 'participant.invited',
        facets: CASE_FACETS,
        actorUserId: null,
        actorParty: null,
        subjectType: 'Invitation',
        subjectId: randomUUID(),
        payload: {},
      }),
    );
    await testApp.app.get(LiveHub).reconcile();
    await patient.until(() => seqs(patient.events).includes(seq), 'the unannounced event');
    expect(patient.events.map((event) => event.seq)).toEqual([seq]);
  });
});
