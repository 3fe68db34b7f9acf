import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import fc from 'fast-check';
import request from 'supertest';
import {
  CATEGORIES,
  type Category,
  CONSENT_PARTIES,
  type EventType,
  MEETING_KINDS,
  type MeetingKind,
  PARTIES,
  type Party,
  type Role,
  ROLES_BY_PARTY,
  type WorkspaceEventView,
} from '@atergang/contracts';
import { toCommittedEvent } from '../events/events.mapper';
import { EventsRepository } from '../events/events.repository';
import { eventAbility, LiveHub, mayReadEvent } from '../live/live-hub';
import { PrismaService } from '../prisma/prisma.service';
import { loginAs, seedDemo } from '../testing/demo-fixture';
import { connectLive } from '../testing/live-client';
import { sessionToken } from '../testing/session-token';
import { createTestApp, type TestApp } from '../testing/test-app';
import { allows } from './authorization';
import { facetsOf } from './facets';
import { buildWorkspaceAbility, readableWhere, type WorkspaceAbility } from './workspace-ability';

// Issue 11 item 13. One policy judges an item in four places, and they must agree for every
// row and every viewer: (a) the ability in memory (single items), (b) the ability as a
// Prisma `where` (lists, in PostgreSQL), (c) an event carrying the row's facets, through the
// ability-scoped events query (GET /events, catch-up) and through `mayReadEvent` (live
// fan-out), and (d) an oracle written here, straight from domain.md, that knows nothing of
// facets or CASL. Random rows of every facet-judged model are inserted with Prisma into a
// real case on a real PostgreSQL; random viewers are parties, roles, consents and people
// (the assignee, an invitee, or someone else). A second property takes a sample of cases
// end to end: a real participant's consents set through the API, GET /events and a socket.

type Model = 'PlanMeasure' | 'Task' | 'Meeting' | 'MeetingNote' | 'Document';

/** A participant of the case a row may name (assignee, invitee) and a viewer may be. */
interface Person {
  readonly participantId: string;
  readonly userId: string;
  readonly party: Party;
}

// ---------------------------------------------------------------------------------------
// The oracle: domain.md "Consent and what each party may see", and issue 11's rules
// ---------------------------------------------------------------------------------------

/** An item as the rules speak of it (built from the row's own fields, not from facets). */
interface Item {
  readonly model: Model;
  readonly category: Category;
  /** The party that authored, owns, organised or uploaded it (null: made by the system). */
  readonly author: Party | null;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly invitees: readonly string[];
  /** A task made from a meeting note's next step. */
  readonly fromNote: boolean;
}

interface Viewer {
  readonly party: Party;
  readonly role: Role | null;
  /** Null: judged for the whole party (a recipient), as when an item is handed to a party. */
  readonly participantId: string | null;
  readonly isPatient: boolean;
  readonly granted: ReadonlySet<Category>;
}

function oracle(viewer: Viewer, item: Item): boolean {
  // The patient always sees everything in her own workspace.
  if (viewer.isPatient) return true;
  // A party always sees what it authored (owns, organised, uploaded) itself.
  if (item.author !== null && item.author === viewer.party) return true;
  // The tasks assigned to a party or person and the meetings a person is invited to, but
  // never medical information: assignment does not reveal what needs MEDICAL.
  if (item.category !== 'MEDICAL') {
    const assigned =
      item.model === 'Task' &&
      (item.assigneeParty === viewer.party ||
        (viewer.participantId !== null && item.assigneeParticipantId === viewer.participantId));
    const invited =
      item.model === 'Meeting' &&
      viewer.participantId !== null &&
      item.invitees.includes(viewer.participantId);
    if (assigned || invited) return true;
  }
  // Anything else only by consent to the item's category (MEDICAL for a medical item,
  // whoever it is assigned to)...
  if (!viewer.granted.has(item.category)) return false;
  // ...and a task made from a note's next step carries the note: TASKS and MEETING_NOTES.
  // (A medical task is made only from a medical note, whose content MEDICAL covers.)
  if (item.model === 'Task' && item.fromNote && item.category === 'TASKS') {
    return viewer.granted.has('MEETING_NOTES');
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Random rows and viewers
// ---------------------------------------------------------------------------------------

type RowSpec =
  | { readonly model: 'PlanMeasure'; readonly owner: Party; readonly category: 'PLAN' | 'MEDICAL' }
  | {
      readonly model: 'Task';
      readonly creator: Party | null;
      readonly category: 'TASKS' | 'MEDICAL';
      readonly assigneeParty: Party | null;
      /** Index into the people (modulo), or null: nobody in person. */
      readonly assignee: number | null;
      readonly fromNote: boolean;
    }
  | {
      readonly model: 'Meeting';
      readonly organiser: Party;
      readonly kind: MeetingKind;
      readonly invitees: readonly number[];
    }
  | {
      readonly model: 'MeetingNote';
      readonly author: Party;
      readonly category: 'MEETING_NOTES' | 'MEDICAL';
    }
  | {
      readonly model: 'Document';
      readonly uploader: Party;
      readonly category: 'DOCUMENTS' | 'MEDICAL';
    };

const party = fc.constantFrom(...PARTIES);
const rowSpec: fc.Arbitrary<RowSpec> = fc.oneof(
  fc.record({
    model: fc.constant('PlanMeasure' as const),
    owner: party,
    category: fc.constantFrom('PLAN' as const, 'MEDICAL' as const),
  }),
  // Tasks twice as often: they have the most facets.
  ...[1, 2].map(() =>
    fc.record({
      model: fc.constant('Task' as const),
      creator: fc.option(party, { freq: 4 }),
      category: fc.constantFrom('TASKS' as const, 'MEDICAL' as const),
      assigneeParty: fc.option(party, { freq: 2 }),
      assignee: fc.option(fc.nat(99), { freq: 2 }),
      fromNote: fc.boolean(),
    }),
  ),
  fc.record({
    model: fc.constant('Meeting' as const),
    organiser: party,
    kind: fc.constantFrom(...MEETING_KINDS),
    invitees: fc.array(fc.nat(99), { maxLength: 4 }),
  }),
  fc.record({
    model: fc.constant('MeetingNote' as const),
    author: party,
    category: fc.constantFrom('MEETING_NOTES' as const, 'MEDICAL' as const),
  }),
  fc.record({
    model: fc.constant('Document' as const),
    uploader: party,
    category: fc.constantFrom('DOCUMENTS' as const, 'MEDICAL' as const),
  }),
);

/** How a viewer stands to the row: picked so that every relationship occurs often. */
type Standing =
  'the assignee' | "the assignee's party" | 'an invitee' | "the author's party" | 'anyone';

interface ViewerSpec {
  readonly standing: Standing;
  readonly index: number;
  /** Judged as a party (no person), as a recipient is. */
  readonly asParty: boolean;
  readonly role: number;
  readonly granted: readonly Category[];
}

const viewerSpec: fc.Arbitrary<ViewerSpec> = fc.record({
  standing: fc.constantFrom<Standing>(
    'the assignee',
    "the assignee's party",
    'an invitee',
    "the author's party",
    'anyone',
  ),
  index: fc.nat(99),
  asParty: fc.nat(4).map((draw) => draw === 0),
  role: fc.nat(9),
  // Consent is often partial, and often lacks exactly what decides the case.
  granted: fc.subarray([...CATEGORIES]),
});

/** The roles a viewer of the party may hold: none, each of its case roles, one of another party. */
function rolesFor(viewerParty: Party): (Role | null)[] {
  const own = ROLES_BY_PARTY[viewerParty].filter((role) => role !== 'ORG_ADMIN');
  // An organisation's administrator never gets an ability: the guard answers 404 (the
  // authorization matrix checks that). A role of another party counts for nothing.
  const foreign: Role = viewerParty === 'CARE' ? 'MANAGER' : 'DOCTOR';
  return [null, ...own, foreign];
}

const EVENT_OF: Readonly<Record<Model, EventType>> = {
  PlanMeasure: 'plan.updated',
  Task: 'task.created',
  Meeting: 'meeting.created',
  MeetingNote: 'note.created',
  Document: 'document.uploaded',
};

const ORGANISATION_KIND_OF = {
  EMPLOYER: 'EMPLOYER',
  CARE: 'CARE_UNIT',
  FK: 'FK',
  AF: 'AF',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
} as const;

describe('the policy agrees with itself and with the rules (property)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  let planId: string;
  let meetingId: string;
  let someUserId: string;
  let events: EventsRepository;
  /** The patient and two people of every other party (one with a role, one without). */
  const people: Person[] = [];
  const notes = new Map<'MEETING_NOTES' | 'MEDICAL', string>();
  const tokens = new Map<string, string>();
  let patientToken: string;
  /** Which kinds of case the random runs produced (checked at the end: the runs mean something). */
  const seen = new Set<string>();

  const http = () => request(testApp.app.getHttpServer());
  const personAt = (index: number): Person => {
    const person = people[index % people.length];
    if (!person) throw new Error('no people');
    return person;
  };
  const personOf = (of: Party, index: number): Person => {
    const ofParty = people.filter((person) => person.party === of);
    return ofParty[index % ofParty.length] ?? personAt(index);
  };

  /** Inserts the row with Prisma; returns it as the policy reads it, and as the oracle does. */
  async function insert(spec: RowSpec): Promise<{ id: string; row: object; item: Item }> {
    const id = randomUUID();
    const base = { id, workspaceId };
    const item = (fields: Partial<Item> & Pick<Item, 'category' | 'author'>): Item => ({
      model: spec.model,
      assigneeParty: null,
      assigneeParticipantId: null,
      invitees: [],
      fromNote: false,
      ...fields,
    });
    switch (spec.model) {
      case 'PlanMeasure': {
        const row = await prisma.planMeasure.create({
          data: {
            ...base,
            planId,
            ownerParty: spec.owner,
            kind: spec.category === 'MEDICAL' ? 'TREATMENT' : 'WORKPLACE_ADAPTATION',
            category: spec.category,
            title: 'Insats',
            position: 1000,
            createdById: someUserId,
          },
        });
        return { id, row, item: item({ category: spec.category, author: spec.owner }) };
      }
      case 'Task': {
        const assignee = spec.assignee === null ? null : personAt(spec.assignee);
        const noteId = spec.fromNote
          ? (notes.get(spec.category === 'MEDICAL' ? 'MEDICAL' : 'MEETING_NOTES') ?? null)
          : null;
        const row = await prisma.task.create({
          data: {
            ...base,
            title: 'Uppgift',
            category: spec.category,
            createdByParty: spec.creator,
            createdById: spec.creator === null ? null : someUserId,
            assigneeParty: spec.assigneeParty,
            assigneeParticipantId: assignee?.participantId ?? null,
            noteId,
            meetingId: noteId === null ? null : meetingId,
          },
        });
        return {
          id,
          row,
          item: item({
            category: spec.category,
            author: spec.creator,
            assigneeParty: spec.assigneeParty,
            assigneeParticipantId: assignee?.participantId ?? null,
            fromNote: noteId !== null,
          }),
        };
      }
      case 'Meeting': {
        const invitees = [...new Set(spec.invitees.map((index) => personAt(index).participantId))];
        await prisma.meeting.create({
          data: {
            ...base,
            kind: spec.kind,
            title: 'Möte',
            organiserId: someUserId,
            organiserParty: spec.organiser,
          },
        });
        await prisma.meetingInvitee.createMany({
          data: invitees.map((participantId) => ({ workspaceId, meetingId: id, participantId })),
        });
        // With its invitees: the invitee rule reads `invitees: { some: { participantId } }`.
        const row = await prisma.meeting.findUniqueOrThrow({
          where: { id },
          include: { invitees: true },
        });
        return { id, row, item: item({ category: 'MEETINGS', author: spec.organiser, invitees }) };
      }
      case 'MeetingNote': {
        const row = await prisma.meetingNote.create({
          data: {
            ...base,
            meetingId,
            authorId: someUserId,
            authorParty: spec.author,
            category: spec.category,
            situation: 'Läget.',
          },
        });
        return { id, row, item: item({ category: spec.category, author: spec.author }) };
      }
      case 'Document': {
        const row = await prisma.document.create({
          data: {
            ...base,
            title: 'Dokument',
            kind: spec.category === 'MEDICAL' ? 'MEDICAL_CERTIFICATE' : 'OTHER',
            category: spec.category,
            uploadedById: someUserId,
            uploaderParty: spec.uploader,
          },
        });
        return { id, row, item: item({ category: spec.category, author: spec.uploader }) };
      }
    }
  }

  /** (b) Whether the ability's Prisma `where` finds the row. */
  async function foundByScope(model: Model, ability: WorkspaceAbility, id: string) {
    const select = { id: true } as const;
    switch (model) {
      case 'PlanMeasure':
        return prisma.planMeasure.findMany({
          where: { AND: [{ id }, readableWhere(ability, 'PlanMeasure')] },
          select,
        });
      case 'Task':
        return prisma.task.findMany({
          where: { AND: [{ id }, readableWhere(ability, 'Task')] },
          select,
        });
      case 'Meeting':
        return prisma.meeting.findMany({
          where: { AND: [{ id }, readableWhere(ability, 'Meeting')] },
          select,
        });
      case 'MeetingNote':
        return prisma.meetingNote.findMany({
          where: { AND: [{ id }, readableWhere(ability, 'MeetingNote')] },
          select,
        });
      case 'Document':
        return prisma.document.findMany({
          where: { AND: [{ id }, readableWhere(ability, 'Document')] },
          select,
        });
    }
  }

  /** The event a change to the row appends: the row's facets, as the change writer does. */
  async function appendEvent(model: Model, id: string, row: object): Promise<number> {
    const appended = await testApp.app.get(PrismaService).$transaction((tx) =>
      events.append(tx, {
        workspaceId,
        type: EVENT_OF[model],
        facets: facetsOf(model, row),
        actorUserId: null,
        actorParty: null,
        subjectType: model,
        subjectId: id,
        payload: { id },
      }),
    );
    return appended.seq;
  }

  /** The person the viewer is, standing to the item as the spec says (when the item allows). */
  function pickPerson(spec: ViewerSpec, item: Item): Person {
    const byId = (participantId: string | null | undefined) =>
      people.find((each) => each.participantId === participantId);
    const invitee = byId(item.invitees[spec.index % Math.max(1, item.invitees.length)]);
    const assignee = byId(item.assigneeParticipantId);
    if (spec.standing === 'the assignee' && assignee) return assignee;
    if (spec.standing === "the assignee's party" && item.assigneeParty) {
      return personOf(item.assigneeParty, spec.index);
    }
    if (spec.standing === 'an invitee' && invitee) return invitee;
    if (spec.standing === "the author's party" && item.author) {
      return personOf(item.author, spec.index);
    }
    return personAt(spec.index);
  }

  function resolveViewer(spec: ViewerSpec, item: Item): Viewer {
    const person = pickPerson(spec, item);
    const isPatient = person.party === 'PATIENT';
    const roles = rolesFor(person.party);
    return {
      party: person.party,
      role: roles[spec.role % roles.length] ?? null,
      participantId: spec.asParty && !isPatient ? null : person.participantId,
      isPatient,
      granted: new Set(spec.granted),
    };
  }

  /** A name for the kind of case, to show the runs reached the cases that decide. */
  function classify(viewer: Viewer, item: Item): string {
    if (viewer.isPatient) return 'patient';
    const mine = item.author === viewer.party;
    const assignedParty = item.assigneeParty === viewer.party;
    const assignedPerson =
      viewer.participantId !== null && item.assigneeParticipantId === viewer.participantId;
    const invited = viewer.participantId !== null && item.invitees.includes(viewer.participantId);
    const has = (category: Category) => viewer.granted.has(category);
    if (!mine && item.model === 'Task' && item.category === 'MEDICAL' && !has('MEDICAL')) {
      if (assignedParty) return "medical task assigned to the viewer's party, without MEDICAL";
      if (assignedPerson) return 'medical task assigned to the viewer, without MEDICAL';
    }
    if (!mine && item.model === 'Task' && item.category === 'TASKS' && !has('TASKS')) {
      if (assignedParty) return "task assigned to the viewer's party, without TASKS";
      if (assignedPerson) return 'task assigned to the viewer, without TASKS';
    }
    if (!mine && invited && !has('MEETINGS'))
      return 'meeting the viewer is invited to, without MEETINGS';
    if (
      !mine &&
      !assignedParty &&
      !assignedPerson &&
      item.model === 'Task' &&
      item.fromNote &&
      item.category === 'TASKS' &&
      has('TASKS')
    ) {
      return has('MEETING_NOTES')
        ? 'task from a note, with TASKS and MEETING_NOTES'
        : 'task from a note, with TASKS only';
    }
    if (mine && item.category === 'MEDICAL' && !has('MEDICAL')) {
      return `own party's medical ${item.model}, without MEDICAL`;
    }
    if (!mine) {
      return `other party's ${item.category} ${item.model}, ${has(item.category) ? 'with' : 'without'} consent`;
    }
    return `own party's ${item.model}`;
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    ({ prisma, workspaceId } = await seedDemo(testApp));
    await testApp.app.listen(0, '127.0.0.1');
    events = testApp.app.get(EventsRepository);
    planId = (await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).id;
    meetingId = (await prisma.meeting.findFirstOrThrow({ where: { workspaceId } })).id;
    const patient = await prisma.participant.findFirstOrThrow({
      where: { workspaceId, party: 'PATIENT' },
    });
    someUserId = patient.userId;
    people.push({ participantId: patient.id, userId: patient.userId, party: 'PATIENT' });
    patientToken = await loginAs(testApp, 'patient');
    tokens.set(patient.id, patientToken);
    for (const of of CONSENT_PARTIES) {
      // A participant acts for an organisation that lists them (a member without a case role
      // is its administrator here).
      const organisation = await prisma.organisation.create({
        data: { kind: ORGANISATION_KIND_OF[of], name: `Viewers ${of}` },
      });
      for (const role of [ROLES_BY_PARTY[of][0], null]) {
        const user = await prisma.user.create({
          data: { email: `viewer-${randomUUID()}@atergang.test`, name: `Viewer ${of}` },
        });
        await prisma.membership.create({
          data: { userId: user.id, organisationId: organisation.id, role: role ?? 'ORG_ADMIN' },
        });
        const participant = await prisma.participant.create({
          data: { workspaceId, userId: user.id, party: of, role, organisationId: organisation.id },
        });
        people.push({ participantId: participant.id, userId: user.id, party: of });
        tokens.set(participant.id, await sessionToken(testApp, user));
      }
    }
    for (const category of ['MEETING_NOTES', 'MEDICAL'] as const) {
      const note = await prisma.meetingNote.create({
        data: { workspaceId, meetingId, authorId: someUserId, authorParty: 'FK', category },
      });
      notes.set(category, note.id);
    }
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('judges every row alike in memory, in SQL, as an event (REST and live) and as the rules say', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowSpec,
        fc.array(viewerSpec, { minLength: 6, maxLength: 10 }),
        async (spec, viewerSpecs) => {
          const { id, row, item } = await insert(spec);
          const seq = await appendEvent(spec.model, id, row);
          const [stored] = await events.range(workspaceId, seq - 1, seq);
          if (!stored) throw new Error(`event ${seq} was not stored`);
          const { visibility } = toCommittedEvent(stored);
          const verdicts = [];
          for (const each of viewerSpecs) {
            const viewer = resolveViewer(each, item);
            seen.add(classify(viewer, item));
            const ability = buildWorkspaceAbility({
              party: viewer.party,
              role: viewer.role,
              participantId: viewer.participantId,
              isPatient: viewer.isPatient,
              grantedCategories: viewer.granted,
            });
            const listed = await events.visibleAfter(workspaceId, ability, seq - 1, 1);
            verdicts.push({
              viewer: { ...viewer, granted: [...viewer.granted] },
              rules: oracle(viewer, item),
              inMemory: allows(ability, 'read', spec.model, row),
              inDatabase: (await foundByScope(spec.model, ability, id)).length === 1,
              eventListed: listed.some((event) => event.seq === seq),
              eventLive: mayReadEvent(eventAbility(ability), visibility),
            });
          }
          const disagreements = verdicts.filter(
            ({ rules, inMemory, inDatabase, eventListed, eventLive }) =>
              [inMemory, inDatabase, eventListed, eventLive].some((verdict) => verdict !== rules),
          );
          expect({ spec, disagreements }).toEqual({ spec, disagreements: [] });
        },
      ),
      { numRuns: 250, seed: 1113, interruptAfterTimeLimit: 90_000 },
    );
    // The random runs reached every case that decides a rule (so changing one rule fails).
    const decisive = [
      'patient',
      "medical task assigned to the viewer's party, without MEDICAL",
      'medical task assigned to the viewer, without MEDICAL',
      "task assigned to the viewer's party, without TASKS",
      'task assigned to the viewer, without TASKS',
      'meeting the viewer is invited to, without MEETINGS',
      'task from a note, with TASKS only',
      'task from a note, with TASKS and MEETING_NOTES',
      ...(['PlanMeasure', 'Task', 'MeetingNote', 'Document'] as const).map(
        (model) => `own party's medical ${model}, without MEDICAL`,
      ),
      ...(
        [
          ['PLAN', 'PlanMeasure'],
          ['MEDICAL', 'PlanMeasure'],
          ['TASKS', 'Task'],
          ['MEDICAL', 'Task'],
          ['MEETINGS', 'Meeting'],
          ['MEETING_NOTES', 'MeetingNote'],
          ['MEDICAL', 'MeetingNote'],
          ['DOCUMENTS', 'Document'],
          ['MEDICAL', 'Document'],
        ] as const
      ).flatMap(([category, model]) => [
        `other party's ${category} ${model}, with consent`,
        `other party's ${category} ${model}, without consent`,
      ]),
    ];
    expect(decisive.filter((kind) => !seen.has(kind))).toEqual([]);
  }, 120_000);

  it('gives a sample of cases end to end: GET /events and the socket of a real participant, with consents set through the API', async () => {
    const clients: { close(): void }[] = [];
    const url = await testApp.app.getUrl();
    /** The consents of a party, replaced by one granting exactly these categories. */
    async function setConsent(of: Party, categories: readonly Category[]): Promise<void> {
      const active = await prisma.consent.findMany({
        where: { workspaceId, party: of, revokedAt: null },
      });
      for (const consent of active) {
        await http()
          .delete(`/api/workspaces/${workspaceId}/consents/${consent.id}`)
          .set('authorization', `Bearer ${patientToken}`)
          .expect(200);
      }
      if (categories.length === 0) return;
      await http()
        .post(`/api/workspaces/${workspaceId}/consents`)
        .set('authorization', `Bearer ${patientToken}`)
        .send({
          party: of,
          categories,
          confirmMedicalToEmployer: of === 'EMPLOYER' && categories.includes('MEDICAL'),
        })
        .expect(201);
    }
    async function restSeqs(token: string, after: number): Promise<number[]> {
      const response = await http()
        .get(`/api/workspaces/${workspaceId}/events?after=${after}&limit=1000`)
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      return (response.body as { events: WorkspaceEventView[] }).events.map((event) => event.seq);
    }
    try {
      await fc.assert(
        fc.asyncProperty(rowSpec, viewerSpec, async (spec, each) => {
          // The viewer is a real participant: its socket and its REST calls are its own.
          const planned = await insert(spec);
          const viewerPerson = pickPerson(each, planned.item);
          const token = tokens.get(viewerPerson.participantId);
          if (!token) throw new Error('no token');
          const isPatient = viewerPerson.party === 'PATIENT';
          if (!isPatient) await setConsent(viewerPerson.party, each.granted);
          const viewer: Viewer = {
            party: viewerPerson.party,
            role: null,
            participantId: viewerPerson.participantId,
            isPatient,
            granted: new Set(isPatient ? [] : each.granted),
          };
          const client = await connectLive(url, token);
          clients.push(client);
          const joined = await client.join(workspaceId);
          if (!joined.ok) throw new Error(`join failed: ${joined.error}`);
          // The change's event, committed without being announced: live reads it from the log.
          const seq = await appendEvent(spec.model, planned.id, planned.row);
          await testApp.app.get(LiveHub).reconcile();
          // The end marker every participant may see: seq order proves nothing else is due.
          await http()
            .post(`/api/workspaces/${workspaceId}/invitations`)
            .set('authorization', `Bearer ${patientToken}`)
            .send({ email: `marker-${randomUUID()}@atergang.test`, party: 'EMPLOYER' })
            .expect(201);
          const end = (await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } }))
            .lastEventSeq;
          await client.until(
            () => client.events.some((event) => event.seq === end),
            'the end marker',
          );
          const rest = await restSeqs(token, seq - 1);
          const expected = oracle(viewer, planned.item);
          expect({
            spec,
            viewer: { ...viewer, granted: [...viewer.granted] },
            rest: rest.includes(seq),
            socket: client.events.some((event) => event.seq === seq),
          }).toEqual({
            spec,
            viewer: { ...viewer, granted: [...viewer.granted] },
            rest: expected,
            socket: expected,
          });
          client.close();
        }),
        { numRuns: 20, seed: 1113, endOnFailure: true },
      );
    } finally {
      for (const client of clients) client.close();
    }
  }, 60_000);
});
