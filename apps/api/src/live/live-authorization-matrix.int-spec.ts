import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { CATEGORIES, type WorkspaceEventView } from '@atergang/contracts';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { createTestApp, type TestApp } from '../testing/test-app';
import { minimalPdf } from '../testing/test-files';

// The socket counterpart of the authorization matrix: every event type the workspace's
// REST changes produce × every recipient relationship (the patient; the acting, authoring
// or assigned party; a party with the category granted; a party without it) × consent
// (all categories granted to every party / none). Each cell compares what the recipient's
// socket got with what GET /events gives that recipient; a single mismatch fails.

type Recipient = Exclude<DemoRole, 'outsider'> | 'occupationalHealth';
const RECIPIENTS: readonly Recipient[] = [
  'patient',
  'employer',
  'doctor',
  'coordinator',
  'fk',
  'af',
  'occupationalHealth',
];
const PARTY_OF: Record<Recipient, string> = {
  patient: 'PATIENT',
  employer: 'EMPLOYER',
  doctor: 'CARE',
  coordinator: 'CARE',
  fk: 'FK',
  af: 'AF',
  occupationalHealth: 'OCCUPATIONAL_HEALTH',
};
const CONSENT_PARTIES = ['EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'] as const;

/** Every event type the workspace's REST changes produce. */
const EVENT_TYPES = [
  'participant.invited',
  'participant.added',
  'participant.removed',
  'plan.updated',
  'plan.signed',
  'plan.not-needed.recorded',
  'task.created',
  'task.updated',
  'meeting.created',
  'meeting.response.recorded',
  'meeting.scheduled',
  'meeting.cancelled',
  'note.created',
  'document.uploaded',
  'document.deleted',
] as const;

type ConsentState = 'all categories granted' | 'no consent';

interface Cell {
  readonly state: ConsentState;
  readonly type: string;
  readonly category: string | null;
  readonly recipient: Recipient;
  readonly relationship: string;
  readonly live: boolean;
  readonly rest: boolean;
}

describe('live delivery matches REST for every event type, relationship and consent', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let url: string;
  const tokens = new Map<Recipient, string>();
  const participantIds = new Map<Recipient, string>();
  const cells: Cell[] = [];

  const http = () => request(testApp.app.getHttpServer());
  const bearer = (who: Recipient) => `Bearer ${tokens.get(who) ?? ''}`;
  async function head(): Promise<number> {
    const row = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    return row.lastEventSeq;
  }
  async function restEvents(who: Recipient, after: number): Promise<WorkspaceEventView[]> {
    const response = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=${after}&limit=1000`)
      .set('authorization', bearer(who))
      .expect(200);
    const page = response.body as { events: WorkspaceEventView[]; more: boolean };
    expect(page.more).toBe(false);
    return page.events;
  }
  async function signToken(userId: string): Promise<string> {
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    return testApp.app
      .get(JwtService)
      .signAsync({ sub: user.id, name: user.name, email: user.email }, { expiresIn: 900 });
  }

  async function setConsents(state: ConsentState): Promise<void> {
    const active = await prisma.consent.findMany({ where: { workspaceId, revokedAt: null } });
    for (const consent of active) {
      await http()
        .delete(`/api/workspaces/${workspaceId}/consents/${consent.id}`)
        .set('authorization', bearer('patient'))
        .expect(200);
    }
    if (state === 'no consent') return;
    for (const party of CONSENT_PARTIES) {
      await http()
        .post(`/api/workspaces/${workspaceId}/consents`)
        .set('authorization', bearer('patient'))
        .send({ party, categories: [...CATEGORIES], confirmMedicalToEmployer: true })
        .expect(201);
    }
  }

  /** The changes, each through REST as its actor; a refused one (4xx) simply adds nothing. */
  async function makeEveryChange(final: boolean): Promise<void> {
    const email = `matrix-${randomUUID()}@atergang.test`;
    const invitation = await http()
      .post(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', bearer('patient'))
      .send({ email, party: 'EMPLOYER' });
    const invitee = await prisma.user.create({ data: { email, name: 'Ny Chef' } });
    const accepted = await http()
      .post(`/api/invitations/${(invitation.body as { id: string }).id}/accept`)
      .set('authorization', `Bearer ${await signToken(invitee.id)}`);
    expect(accepted.status).toBe(200);

    const task = async (by: Recipient, body: object) =>
      http()
        .post(`/api/workspaces/${workspaceId}/tasks`)
        .set('authorization', bearer(by))
        .send(body);
    await task('fk', { title: 'Till chefen', assigneeParty: 'EMPLOYER' });
    const own = await task('fk', { title: 'Egen', assigneeParty: 'FK' });
    await task('doctor', { title: 'Medicinsk', assigneeParty: 'PATIENT', medical: true });
    await task('af', {
      title: 'Till en person',
      assigneeParticipantId: participantIds.get('occupationalHealth'),
    });
    await http()
      .patch(`/api/workspaces/${workspaceId}/tasks/${(own.body as { id: string }).id}`)
      .set('authorization', bearer('fk'))
      .send({ version: 1, status: 'DONE' });

    const planVersion = async () =>
      (
        (
          await http()
            .get(`/api/workspaces/${workspaceId}/plan`)
            .set('authorization', bearer('patient'))
        ).body as { version: number }
      ).version;
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', bearer('employer'))
      .send({ version: await planVersion(), goal: `Mål ${randomUUID()}` });
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', bearer('patient'))
      .send({
        version: await planVersion(),
        // The patient's own measures become this one; other parties' stay as they are.
        measures: [{ kind: 'TREATMENT', category: 'MEDICAL', title: `Behandling ${randomUUID()}` }],
      });
    for (const by of ['patient', 'employer'] as const) {
      await http()
        .post(`/api/workspaces/${workspaceId}/plan/signoffs`)
        .set('authorization', bearer(by))
        .send({ version: await planVersion() });
    }

    const patientParticipant = participantIds.get('patient');
    const meeting = async (by: Recipient) =>
      http()
        .post(`/api/workspaces/${workspaceId}/meetings`)
        .set('authorization', bearer(by))
        .send({
          kind: 'FOLLOW_UP',
          title: 'Uppföljning',
          participantIds: [patientParticipant],
          slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
        });
    const fkMeeting = (await meeting('fk')).body as { id: string; slots: { id: string }[] };
    const slotId = fkMeeting.slots[0]?.id;
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/responses`)
      .set('authorization', bearer('patient'))
      .send({ slotId, answer: 'YES' });
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/schedule`)
      .set('authorization', bearer('fk'))
      .send({ slotId });
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/notes`)
      .set('authorization', bearer('fk'))
      .send({ situation: 'Läget gicks igenom.' });
    const careMeeting = (await meeting('doctor')).body as { id: string };
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${careMeeting.id}/notes`)
      .set('authorization', bearer('doctor'))
      .send({ situation: 'Diagnos och behandling.', medical: true });
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/cancel`)
      .set('authorization', bearer('fk'))
      .send({ reason: 'Flyttas' });

    // The employer shares a file and deletes it again; care shares one it keeps.
    const upload = (by: Recipient) =>
      http()
        .post(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', bearer(by))
        .attach('file', minimalPdf('Plan'), 'plan.pdf');
    const shared = (await upload('employer')).body as { id: string };
    await upload('doctor');
    await http()
      .delete(`/api/workspaces/${workspaceId}/documents/${shared.id}`)
      .set('authorization', bearer('employer'))
      .expect(204);

    const added = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, userId: invitee.id },
    });
    await http()
      .delete(`/api/workspaces/${workspaceId}/participants/${added.id}`)
      .set('authorization', bearer('patient'))
      .expect(204);
    if (final) {
      await http()
        .put(`/api/workspaces/${workspaceId}/plan/not-needed`)
        .set('authorization', bearer('employer'))
        .send({ reason: 'Åter i arbete inom 60 dagar enligt läkarintyget.' });
    }
  }

  function relationship(
    recipient: Recipient,
    row: {
      actorParty: string | null;
      authorParty: string | null;
      assigneeParty: string | null;
      assigneeParticipantId: string | null;
    },
  ): string {
    const party = PARTY_OF[recipient];
    if (party === 'PATIENT') return 'patient';
    if (row.assigneeParticipantId === participantIds.get(recipient)) return 'assigned person';
    if (row.assigneeParty === party) return 'assigned party';
    if (row.actorParty === party) return 'acting party';
    if (row.authorParty === party) return 'authoring party';
    return 'other party';
  }

  async function runState(state: ConsentState, final: boolean): Promise<void> {
    await setConsents(state);
    const clients = new Map<Recipient, LiveClient>();
    try {
      for (const who of RECIPIENTS) {
        const client = await connectLive(url, tokens.get(who));
        clients.set(who, client);
        expect(await client.join(workspaceId)).toMatchObject({ ok: true });
      }
      const start = await head();
      await makeEveryChange(final);
      // The end marker: an event every participant may see.
      await http()
        .post(`/api/workspaces/${workspaceId}/invitations`)
        .set('authorization', bearer('patient'))
        .send({ email: `end-${randomUUID()}@atergang.test`, party: 'FK' })
        .expect(201);
      const end = await head();
      const rows = await prisma.workspaceEvent.findMany({
        where: { workspaceId, seq: { gt: start, lte: end } },
        orderBy: { seq: 'asc' },
      });
      for (const [who, client] of clients) {
        await client.until(
          () => client.events.some((event) => event.seq === end),
          `end for ${who}`,
        );
        const rest = await restEvents(who, start);
        expect({ who, state, events: client.events }).toEqual({ who, state, events: rest });
        const live = new Set(client.events.map((event) => event.seq));
        const allowed = new Set(rest.map((event) => event.seq));
        for (const row of rows) {
          cells.push({
            state,
            type: row.type,
            category: row.category,
            recipient: who,
            relationship: relationship(who, row),
            live: live.has(row.seq),
            rest: allowed.has(row.seq),
          });
        }
      }
    } finally {
      for (const client of clients.values()) client.close();
    }
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
    for (const who of RECIPIENTS) {
      if (who !== 'occupationalHealth') tokens.set(who, await loginAs(testApp, who));
    }
    const user = await prisma.user.create({
      data: { email: `oh-${randomUUID()}@atergang.test`, name: 'Företagshälsa' },
    });
    await prisma.participant.create({
      data: { workspaceId, userId: user.id, party: 'OCCUPATIONAL_HEALTH' },
    });
    tokens.set('occupationalHealth', await signToken(user.id));
    const participants = await prisma.participant.findMany({
      where: { workspaceId },
      include: { user: true },
    });
    const emails: Record<Exclude<Recipient, 'occupationalHealth'>, string> = {
      patient: 'anna@atergang.test',
      employer: 'chef@atergang.test',
      doctor: 'lakare@atergang.test',
      coordinator: 'koordinator@atergang.test',
      fk: 'fk@atergang.test',
      af: 'af@atergang.test',
    };
    for (const participant of participants) {
      const who = (Object.keys(emails) as (keyof typeof emails)[]).find(
        (key) => emails[key] === participant.user.email,
      );
      if (who) participantIds.set(who, participant.id);
      if (participant.userId === user.id) participantIds.set('occupationalHealth', participant.id);
    }
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('has no cell where the socket and REST disagree', async () => {
    await runState('no consent', false);
    await runState('all categories granted', true);

    const mismatches = cells.filter((cell) => cell.live !== cell.rest);
    expect(mismatches).toEqual([]);
    // The table is complete: every event type occurred, and in both consent states.
    for (const state of ['no consent', 'all categories granted'] as const) {
      const types = new Set(cells.filter((cell) => cell.state === state).map((cell) => cell.type));
      const expectedTypes = EVENT_TYPES.filter(
        (type) => state === 'all categories granted' || type !== 'plan.not-needed.recorded',
      );
      expect({ state, missing: expectedTypes.filter((type) => !types.has(type)) }).toEqual({
        state,
        missing: [],
      });
    }
    const relationships = new Set(cells.map((cell) => cell.relationship));
    expect([...relationships].sort()).toEqual(
      [
        'acting party',
        'assigned party',
        'assigned person',
        'authoring party',
        'other party',
        'patient',
      ].sort(),
    );
  });

  it('never sends a medical note or task to the employer without MEDICAL, nor anything categorised without consent', () => {
    const withoutConsent = cells.filter(
      (cell) =>
        cell.state === 'no consent' &&
        cell.relationship === 'other party' &&
        cell.category !== null,
    );
    expect(withoutConsent.length).toBeGreaterThan(0);
    expect(withoutConsent.filter((cell) => cell.live)).toEqual([]);
    const medicalToEmployer = cells.filter(
      (cell) =>
        cell.state === 'no consent' && cell.recipient === 'employer' && cell.category === 'MEDICAL',
    );
    expect(medicalToEmployer.length).toBeGreaterThan(0);
    expect(medicalToEmployer.filter((cell) => cell.live)).toEqual([]);
    // With every category granted, every party gets every event.
    const granted = cells.filter((cell) => cell.state === 'all categories granted');
    expect(granted.filter((cell) => !cell.live)).toEqual([]);
  });
});
