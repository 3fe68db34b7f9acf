import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { addDays } from '@atergang/domain';
import {
  CATEGORIES,
  type Category,
  EVENT_TYPES,
  type WorkspaceEventView,
} from '@atergang/contracts';
import { stockholmToday } from '../common/calendar';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive, type LiveClient } from '../testing/live-client';
import { sessionToken } from '../testing/session-token';
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

/**
 * Every event type the workspace's REST changes produce: the contract's whole union but the
 * one that opens a case (it is the first event of a workspace, before anyone could follow it).
 */
const EVENT_TYPES_MADE = EVENT_TYPES.filter((type) => type !== 'workspace.created');

type ConsentState = 'no consent' | 'ordinary categories granted' | 'all categories granted';

/** What each party (but the patient) is granted in each state. */
const GRANTED: Readonly<Record<ConsentState, readonly Category[]>> = {
  'no consent': [],
  // Everything but MEETING_NOTES and MEDICAL: a task made from a note's next step and every
  // medical item stay with their own parties.
  'ordinary categories granted': ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'],
  'all categories granted': [...CATEGORIES],
};

interface Cell {
  readonly state: ConsentState;
  readonly type: string;
  readonly category: string | null;
  readonly viaNote: boolean;
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
  /** The occupational-health provider of the case's consultant. */
  let healthId = '';
  /** Certificates entered so far: each round enters one day longer. */
  let certificateRounds = 0;
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
    return sessionToken(testApp, user);
  }

  async function setConsents(state: ConsentState): Promise<void> {
    const active = await prisma.consent.findMany({ where: { workspaceId, revokedAt: null } });
    for (const consent of active) {
      await http()
        .delete(`/api/workspaces/${workspaceId}/consents/${consent.id}`)
        .set('authorization', bearer('patient'))
        .expect(200);
    }
    const categories = GRANTED[state];
    if (categories.length === 0) return;
    for (const party of CONSENT_PARTIES) {
      await http()
        .post(`/api/workspaces/${workspaceId}/consents`)
        .set('authorization', bearer('patient'))
        .send({ party, categories, confirmMedicalToEmployer: categories.includes('MEDICAL') })
        .expect(201);
    }
  }

  /**
   * Every kind of change, each through REST as an actor the rules let make it (the status
   * is asserted, so a change the rules refuse fails the test instead of quietly leaving its
   * event type out of the table).
   */
  async function makeEveryChange(state: ConsentState, final: boolean): Promise<void> {
    const email = `matrix-${randomUUID()}@atergang.test`;
    const invitation = await http()
      .post(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', bearer('patient'))
      .send({ email, party: 'EMPLOYER' })
      .expect(201);
    const invitee = await prisma.user.create({ data: { email, name: 'Ny Chef' } });
    // The case's employer lists the new manager among its staff.
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    await prisma.membership.create({
      data: {
        userId: invitee.id,
        organisationId: workspace.employerOrganisationId ?? '',
        role: 'MANAGER',
      },
    });
    const inviteeToken = `Bearer ${await signToken(invitee.id)}`;
    await http()
      .post(`/api/invitations/${(invitation.body as { id: string }).id}/accept`)
      .set('authorization', inviteeToken)
      .expect(200);
    // The new manager hands their place to a colleague of the same employer.
    const successor = await prisma.user.create({
      data: { email: `successor-${randomUUID()}@atergang.test`, name: 'Efterträdare' },
    });
    await prisma.membership.create({
      data: {
        userId: successor.id,
        organisationId: workspace.employerOrganisationId ?? '',
        role: 'MANAGER',
      },
    });
    await http()
      .post(`/api/workspaces/${workspaceId}/handover`)
      .set('authorization', inviteeToken)
      .send({ toUserId: successor.id })
      .expect(204);
    // Another organisation's participation: the patient approves one and withdraws it.
    const proposed = await http()
      .post(`/api/workspaces/${workspaceId}/invitations`)
      .set('authorization', bearer('employer'))
      .send({ email: `proposed-${randomUUID()}@atergang.test`, organisationId: healthId })
      .expect(201);
    const proposedId = (proposed.body as { id: string }).id;
    await http()
      .post(`/api/workspaces/${workspaceId}/invitations/${proposedId}/approve`)
      .set('authorization', bearer('patient'))
      .expect(200);
    await http()
      .delete(`/api/workspaces/${workspaceId}/invitations/${proposedId}`)
      .set('authorization', bearer('patient'))
      .expect(204);

    const task = async (by: Recipient, body: object) =>
      http()
        .post(`/api/workspaces/${workspaceId}/tasks`)
        .set('authorization', bearer(by))
        .send(body)
        .expect(201);
    await task('fk', { title: 'Till chefen', assigneeParty: 'EMPLOYER' });
    const own = await task('fk', { title: 'Egen', assigneeParty: 'FK' });
    await task('doctor', { title: 'Medicinsk', assigneeParty: 'PATIENT', medical: true });
    await task('af', {
      title: 'Till en person',
      assigneeParticipantId: participantIds.get('occupationalHealth'),
    });
    if (state === 'all categories granted') {
      // A medical task assigned to the employer: allowed only once it may read MEDICAL.
      await task('coordinator', {
        title: 'Medicinsk till chefen',
        assigneeParty: 'EMPLOYER',
        medical: true,
      });
    }
    await http()
      .patch(`/api/workspaces/${workspaceId}/tasks/${(own.body as { id: string }).id}`)
      .set('authorization', bearer('fk'))
      .send({ version: 1, status: 'DONE' })
      .expect(200);

    // The plan's version is the caller's own (the revisions it may see).
    const planVersion = async (who: Recipient) =>
      (
        (
          await http()
            .get(`/api/workspaces/${workspaceId}/plan`)
            .set('authorization', bearer(who))
            .expect(200)
        ).body as { version: number }
      ).version;
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', bearer('employer'))
      .send({ version: await planVersion('employer'), goal: `Mål ${randomUUID()}` })
      .expect(200);
    await http()
      .put(`/api/workspaces/${workspaceId}/plan`)
      .set('authorization', bearer('patient'))
      .send({
        version: await planVersion('patient'),
        // The patient's own measures become this one; other parties' stay as they are.
        measures: [{ kind: 'TREATMENT', category: 'MEDICAL', title: `Behandling ${randomUUID()}` }],
      })
      .expect(200);
    // Typed steps only until the first certificate below; after it, the certificates set them.
    if ((await prisma.certificate.count({ where: { workspaceId } })) === 0) {
      await http()
        .put(`/api/workspaces/${workspaceId}/plan`)
        .set('authorization', bearer('doctor'))
        .send({
          version: await planVersion('doctor'),
          sickLeaveSteps: [{ degree: 50, fromDate: '2099-01-01', toDate: '2099-02-01' }],
        })
        .expect(200);
    }
    for (const by of ['patient', 'employer'] as const) {
      await http()
        .post(`/api/workspaces/${workspaceId}/plan/signoffs`)
        .set('authorization', bearer(by))
        .send({ version: await planVersion(by) })
        .expect(201);
    }

    // The plan leaves the case (issue 17): FK asks for it, the employer sends it (answering the
    // request and closing its task), FK acknowledges.
    await http()
      .post(`/api/workspaces/${workspaceId}/plan/requests`)
      .set('authorization', bearer('fk'))
      .send({})
      .expect(201);
    const handover = await http()
      .post(`/api/workspaces/${workspaceId}/plan/handovers`)
      .set('authorization', bearer('employer'))
      .send({ version: await planVersion('employer'), recipient: 'FK' })
      .expect(201);
    await http()
      .post(
        `/api/workspaces/${workspaceId}/plan/handovers/${(handover.body as { id: string }).id}/acknowledge`,
      )
      .set('authorization', bearer('fk'))
      .expect(200);

    // The employer asks FK for an avstämningsmöte (a task for FK) and FK declines (issue 15).
    const meetingRequest = await http()
      .post(`/api/workspaces/${workspaceId}/meeting-requests`)
      .set('authorization', bearer('employer'))
      .send({ reason: 'Vi behöver stämma av planen.' })
      .expect(201);
    await http()
      .post(
        `/api/workspaces/${workspaceId}/meeting-requests/${(meetingRequest.body as { id: string }).id}/answer`,
      )
      .set('authorization', bearer('fk'))
      .send({ decision: 'DECLINED', message: 'Vi ses vid uppföljningen.' })
      .expect(200);

    const meeting = async (by: Recipient, kind: string, invited: Recipient[]) =>
      (
        await http()
          .post(`/api/workspaces/${workspaceId}/meetings`)
          .set('authorization', bearer(by))
          .send({
            kind,
            title: 'Möte',
            participantIds: invited.map((who) => participantIds.get(who)),
            slots: [{ start: '2099-03-01T09:00:00+01:00', end: '2099-03-01T10:00:00+01:00' }],
          })
          .expect(201)
      ).body as { id: string; slots: { id: string }[] };
    // FK's meeting with Anna, the manager and AF's case officer (invited people).
    const fkMeeting = await meeting('fk', 'GEMENSAM_KARTLAGGNING', ['patient', 'employer', 'af']);
    const slotId = fkMeeting.slots[0]?.id;
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/responses`)
      .set('authorization', bearer('af'))
      .send({ slotId, answer: 'YES' })
      .expect(200);
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/schedule`)
      .set('authorization', bearer('fk'))
      .send({ slotId })
      .expect(200);
    const note = (by: Recipient, meetingId: string, body: object) =>
      http()
        .post(`/api/workspaces/${workspaceId}/meetings/${meetingId}/notes`)
        .set('authorization', bearer(by))
        .send(body)
        .expect(201);
    // The organiser's note, with a next step that becomes a task for the employer (the
    // task carries the note); the invited manager's own note.
    const fkNote = await note('fk', fkMeeting.id, {
      situation: 'Läget gicks igenom.',
      nextSteps: [{ title: 'Ordna arbetsplatsbesök', assigneeParty: 'EMPLOYER', createTask: true }],
    });
    await note('employer', fkMeeting.id, { situation: 'Arbetsgivarens anteckning.' });
    // The employer's rehab meeting, and care's follow-up with a medical note.
    await meeting('employer', 'WORKPLACE_REHAB', ['patient']);
    const careMeeting = await meeting('doctor', 'FOLLOW_UP', ['patient']);
    const medicalNote = await note('doctor', careMeeting.id, {
      situation: 'Diagnos och behandling.',
      medical: true,
    });
    // Each corrected by its author's party (note.corrected), the medical one by care.
    const correct = (by: Recipient, meetingId: string, noteId: string) =>
      http()
        .patch(`/api/workspaces/${workspaceId}/meetings/${meetingId}/notes/${noteId}`)
        .set('authorization', bearer(by))
        .send({ version: 1, situation: 'Rättad anteckning.' })
        .expect(200);
    await correct('fk', fkMeeting.id, (fkNote.body as { note: { id: string } }).note.id);
    await correct(
      'coordinator',
      careMeeting.id,
      (medicalNote.body as { note: { id: string } }).note.id,
    );
    // FK moves the booked meeting (new times, answers reset), cancels it and opens it again.
    const times = [{ start: '2099-03-08T09:00:00+01:00', end: '2099-03-08T10:00:00+01:00' }];
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/move`)
      .set('authorization', bearer('fk'))
      .send({ slots: times, reason: 'Läkaren kan inte' })
      .expect(200);
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/cancel`)
      .set('authorization', bearer('fk'))
      .send({ reason: 'Flyttas' })
      .expect(200);
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/reopen`)
      .set('authorization', bearer('fk'))
      .send({ slots: times })
      .expect(200);
    await http()
      .post(`/api/workspaces/${workspaceId}/meetings/${fkMeeting.id}/cancel`)
      .set('authorization', bearer('fk'))
      .send({ reason: 'Flyttas' })
      .expect(200);

    // The employer shares a file and deletes it again; care shares a certificate it keeps
    // (MEDICAL) and an ordinary document.
    const upload = (by: Recipient, fields: Record<string, string> = {}) => {
      let call = http()
        .post(`/api/workspaces/${workspaceId}/documents`)
        .set('authorization', bearer(by));
      for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
      return call.attach('file', minimalPdf('Plan'), 'plan.pdf').expect(201);
    };
    const shared = (await upload('employer')).body as { id: string };
    await upload('doctor', { kind: 'MEDICAL_CERTIFICATE' });
    await upload('coordinator');
    await http()
      .delete(`/api/workspaces/${workspaceId}/documents/${shared.id}`)
      .set('authorization', bearer('employer'))
      .expect(204);

    // The case's facts (issue 16): the doctor's certificate, the employer closes the case
    // and reopens it with a new period, then corrects the start back to the demo's.
    const facts = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    const originalStart = facts.sickPeriodStart.toISOString().slice(0, 10);
    const today = stockholmToday();
    const tomorrow = addDays(today, 1);
    await http()
      .post(`/api/workspaces/${workspaceId}/certificates`)
      .set('authorization', bearer('doctor'))
      .send({
        periodFrom: today,
        // Longer each round, so that each round's certificate changes the plan's steps.
        periodTo: addDays(today, (certificateRounds += 1)),
        degree: 50,
        diagnosisCode: 'F43.2',
        diagnosisText: 'Anpassningsstörning',
        activityLimitations: 'Orkar halva dagar.',
      })
      .expect(201);
    await http()
      .post(`/api/workspaces/${workspaceId}/close`)
      .set('authorization', bearer('employer'))
      .send({ reason: 'SICK_LEAVE_ENDED' })
      .expect(200);
    await http()
      .post(`/api/workspaces/${workspaceId}/reopen`)
      .set('authorization', bearer('employer'))
      .send({ newPeriodStart: tomorrow, reason: 'Ny sjukperiod' })
      .expect(200);
    await http()
      .patch(`/api/workspaces/${workspaceId}/facts`)
      .set('authorization', bearer('employer'))
      .send({ sickPeriodStart: originalStart, earlierPeriods: [], reason: 'Återställd' })
      .expect(200);

    // The manager who took over is removed by the patient.
    const added = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, userId: successor.id, removedAt: null },
    });
    await http()
      .delete(`/api/workspaces/${workspaceId}/participants/${added.id}`)
      .set('authorization', bearer('patient'))
      .expect(204);
    if (final) {
      await http()
        .put(`/api/workspaces/${workspaceId}/plan/not-needed`)
        .set('authorization', bearer('employer'))
        .send({ reason: 'Åter i arbete inom 60 dagar enligt läkarintyget.' })
        .expect(200);
    }
  }

  function relationship(
    recipient: Recipient,
    row: {
      actorParty: string | null;
      authorParty: string | null;
      assigneeParty: string | null;
      assigneeParticipantId: string | null;
      inviteeParticipantIds: string[];
    },
  ): string {
    const party = PARTY_OF[recipient];
    const participantId = participantIds.get(recipient) ?? '';
    if (party === 'PATIENT') return 'patient';
    if (row.assigneeParticipantId === participantId) return 'assigned person';
    if (row.inviteeParticipantIds.includes(participantId)) return 'invited person';
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
      await makeEveryChange(state, final);
      // The end marker: an event every participant may see.
      await http()
        .post(`/api/workspaces/${workspaceId}/invitations`)
        .set('authorization', bearer('patient'))
        .send({ email: `end-${randomUUID()}@atergang.test`, party: 'EMPLOYER' })
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
            viaNote: row.viaNote,
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
    const occupationalHealth = await prisma.organisation.create({
      data: { kind: 'OCCUPATIONAL_HEALTH', name: 'Företagshälsan Live' },
    });
    healthId = occupationalHealth.id;
    await prisma.membership.create({
      data: { userId: user.id, organisationId: occupationalHealth.id, role: 'FHV_CONSULTANT' },
    });
    await prisma.participant.create({
      data: {
        workspaceId,
        userId: user.id,
        party: 'OCCUPATIONAL_HEALTH',
        organisationId: occupationalHealth.id,
      },
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

  const STATES: readonly ConsentState[] = [
    'no consent',
    'ordinary categories granted',
    'all categories granted',
  ];
  const RELATIONSHIPS = [
    'acting party',
    'assigned party',
    'assigned person',
    'authoring party',
    'invited person',
    'other party',
    'patient',
  ];

  it('has no cell where the socket and REST disagree', async () => {
    await runState('no consent', false);
    await runState('ordinary categories granted', false);
    await runState('all categories granted', true);

    const mismatches = cells.filter((cell) => cell.live !== cell.rest);
    expect(mismatches).toEqual([]);
    // The table is complete: every event type and every relationship occurred in every
    // consent state (the plan's "not needed" is final, so it is recorded in the last one).
    for (const state of STATES) {
      const inState = cells.filter((cell) => cell.state === state);
      const types = new Set(inState.map((cell) => cell.type));
      const expectedTypes = EVENT_TYPES_MADE.filter(
        (type) => state === 'all categories granted' || type !== 'plan.not-needed.recorded',
      );
      const relationships = new Set(inState.map((cell) => cell.relationship));
      expect({
        state,
        missingTypes: expectedTypes.filter((type) => !types.has(type)),
        missingRelationships: RELATIONSHIPS.filter((each) => !relationships.has(each)),
      }).toEqual({ state, missingTypes: [], missingRelationships: [] });
    }
    // Every change of the case three times over, with seven sockets: about 30 s on a busy
    // two-core machine, more than the suite's default.
  }, 120_000);

  // The rules themselves, stated without asking REST (the cells above hold what each socket got).
  const delivered = (filter: (cell: Cell) => boolean) => {
    const matching = cells.filter(filter);
    expect(matching.length).toBeGreaterThan(0);
    return {
      live: matching.filter((cell) => cell.live),
      missing: matching.filter((cell) => !cell.live),
    };
  };

  it('sends nothing categorised to an uninvolved party without consent', () => {
    const { live } = delivered(
      (cell) =>
        cell.state === 'no consent' &&
        cell.relationship === 'other party' &&
        cell.category !== null,
    );
    expect(live).toEqual([]);
  });

  it('never sends a medical note, task, measure or document to the employer without MEDICAL', () => {
    const { live } = delivered(
      (cell) =>
        cell.state !== 'all categories granted' &&
        cell.recipient === 'employer' &&
        cell.category === 'MEDICAL',
    );
    expect(live).toEqual([]);
  });

  it('sends tasks to their assignee and meetings to their invitees without consent', () => {
    const { missing: tasks } = delivered(
      (cell) =>
        cell.state === 'no consent' &&
        cell.category === 'TASKS' &&
        (cell.relationship === 'assigned party' || cell.relationship === 'assigned person'),
    );
    expect(tasks).toEqual([]);
    const { missing: meetings } = delivered(
      (cell) =>
        cell.state === 'no consent' &&
        cell.category === 'MEETINGS' &&
        cell.relationship === 'invited person',
    );
    expect(meetings).toEqual([]);
  });

  it('sends a task made from a note only with MEETING_NOTES as well as TASKS (or to its own parties)', () => {
    const ordinary = (cell: Cell) =>
      cell.state === 'ordinary categories granted' && cell.relationship === 'other party';
    const { live: viaNote } = delivered(
      (cell) => ordinary(cell) && cell.category === 'TASKS' && cell.viaNote,
    );
    expect(viaNote).toEqual([]);
    // The same consent lets every other task through.
    const { missing: plain } = delivered(
      (cell) => ordinary(cell) && cell.category === 'TASKS' && !cell.viaNote,
    );
    expect(plain).toEqual([]);
    const { missing: granted } = delivered(
      (cell) => cell.state === 'all categories granted' && cell.viaNote,
    );
    expect(granted).toEqual([]);
  });

  it('sends every party every event once every category is granted', () => {
    const { missing } = delivered((cell) => cell.state === 'all categories granted');
    expect(missing).toEqual([]);
  });
});
