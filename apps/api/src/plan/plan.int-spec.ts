import type { PlanMeasureView, PlanRevisionSummary, PlanView } from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { buildCase } from '../testing/case-builder';
import { DEMO_EMAILS, type DemoRole, loginAs, openPrisma, seedDemo } from '../testing/demo-fixture';
import { openCaseForNewPerson } from '../testing/case-opening';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

// The shared plan through the API alone: each party writes the parts it owns (the employer
// its plan för återgång i arbete, the doctor the sick-leave steps, the patient her view,
// each party its measures), nothing the saver cannot see is dropped, every save is a
// revision, and versions, ETags, times and revision lists count only what the caller may
// see. The demo plan has four revisions: 1 the manager (goal, return date, basis, contact,
// follow-up, workplace adaptation), 2 the coordinator (coordination PLAN + treatment
// MEDICAL), 3 the doctor (sick-leave steps), 4 Anna (her own view).

type Json = Record<string, unknown>;

/** A measure as the PUT body takes it (the view's fields are the input's). */
const asInput = (measure: PlanMeasureView): Json => ({ ...measure });

/** The editable parts of a plan exactly as GET returned them, as a PUT body. */
const asSaved = (plan: PlanView): Json => ({
  version: plan.version,
  goal: plan.goal,
  expectedReturnDate: plan.expectedReturnDate,
  expectedReturnBasis: plan.expectedReturnBasis,
  contactArrangements: plan.contactArrangements,
  patientView: plan.patientView,
  measures: plan.measures.map(asInput),
  sickLeaveSteps: plan.sickLeaveSteps,
  followUps: plan.followUps,
});

describe('the shared plan', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let workspaceId: string;
  const tokens = new Map<DemoRole, string>();
  const http = () => request(testApp.app.getHttpServer());
  const planPath = () => `/api/workspaces/${workspaceId}/plan`;

  function token(role: DemoRole): string {
    const known = tokens.get(role);
    if (!known) throw new Error(`no token for ${role}`);
    return known;
  }

  async function readPlan(role: DemoRole, path = planPath()): Promise<PlanView> {
    const response = await http()
      .get(path)
      .set('authorization', `Bearer ${token(role)}`)
      .expect(200);
    expect(response.headers.etag).toBe(`"${String((response.body as PlanView).version)}"`);
    return response.body as PlanView;
  }

  function save(role: DemoRole, body: Json, ifMatch?: string, path = planPath()) {
    const pending = http()
      .put(path)
      .set('authorization', `Bearer ${token(role)}`);
    return (ifMatch === undefined ? pending : pending.set('if-match', ifMatch)).send(body);
  }

  function revisionsOf(role: DemoRole) {
    return http()
      .get(`${planPath()}/revisions`)
      .set('authorization', `Bearer ${token(role)}`)
      .expect(200)
      .then((response) => response.body as PlanRevisionSummary[]);
  }

  function revision(role: DemoRole, number: number) {
    return http()
      .get(`${planPath()}/revisions/${String(number)}`)
      .set('authorization', `Bearer ${token(role)}`);
  }

  const medicalMeasure = () =>
    prisma.planMeasure.findFirstOrThrow({ where: { workspaceId, category: 'MEDICAL' } });
  const planVersion = async () =>
    (await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).version;
  const revisionCount = () => prisma.planRevision.count({ where: { workspaceId } });
  const storedSteps = () =>
    prisma.sickLeaveStep.findMany({
      where: { workspaceId },
      orderBy: { position: 'asc' },
      select: { degree: true, fromDate: true, toDate: true },
    });
  /** The seq of the newest event so far: what a test's own changes come after. */
  const lastSeq = async () =>
    (await prisma.workspaceEvent.aggregate({ where: { workspaceId }, _max: { seq: true } }))._max
      .seq ?? 0;
  const eventsAfter = (seq: number, types: string[]) =>
    prisma.workspaceEvent.findMany({
      where: { workspaceId, seq: { gt: seq }, type: { in: types } },
      orderBy: { seq: 'asc' },
    });

  beforeEach(async () => {
    tokens.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of ['patient', 'employer', 'doctor', 'coordinator', 'fk', 'af'] as const) {
      tokens.set(role, await loginAs(testApp, role));
    }
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('lets the employer fill in its measures and keeps the MEDICAL care measure it cannot see', async () => {
    const medicalBefore = await medicalMeasure();
    const plan = await readPlan('employer');
    expect(plan.version).toBe(4);
    expect(plan.measures.map((m) => m.category)).toEqual(['PLAN', 'PLAN']);
    const [own, care] = plan.measures;
    if (!own || !care) throw new Error('the demo plan has two measures the employer sees');
    const before = await lastSeq();

    const response = await save(
      'employer',
      {
        goal: 'Anna arbetar heltid i hemtjänsten igen',
        measures: [
          asInput({ ...own, status: 'IN_PROGRESS' }),
          asInput(care),
          {
            kind: 'WORK_AID',
            title: 'Höj- och sänkbart skrivbord på kontoret',
            responsibleName: 'Maria Lindqvist',
            startDate: '2026-03-02',
            followUpDate: '2026-03-16',
          },
        ],
      },
      '"4"',
    ).expect(200);

    expect(response.headers.etag).toBe('"5"');
    const saved = response.body as PlanView;
    expect(saved.version).toBe(5);
    expect(saved.goal).toBe('Anna arbetar heltid i hemtjänsten igen');
    expect(saved.measures.map((m) => [m.ownerParty, m.kind, m.status])).toEqual([
      ['EMPLOYER', 'WORKPLACE_ADAPTATION', 'IN_PROGRESS'],
      ['CARE', 'COORDINATION', 'IN_PROGRESS'],
      ['EMPLOYER', 'WORK_AID', 'PLANNED'],
    ]);
    expect(saved.withheld).toEqual(['MEDICAL']);

    // In the database: the MEDICAL measure is still there, exactly as it was.
    expect(await medicalMeasure()).toEqual(medicalBefore);
    expect(await prisma.planMeasure.count({ where: { workspaceId } })).toBe(4);
    expect(await planVersion()).toBe(5);
    const revision = await prisma.planRevision.findFirstOrThrow({
      where: { workspaceId, number: 5 },
    });
    expect(revision.authorParty).toBe('EMPLOYER');
    expect((revision.snapshot as { measures: unknown[] }).measures).toHaveLength(4);
    // One event per part touched (the employer's section, its measures), each visible as
    // the employer's PLAN content; no version in it (versions are counted per reader).
    const events = await eventsAfter(before, ['plan.updated']);
    expect(events.length).toBeGreaterThan(0);
    expect(
      new Set(
        events.map((e) =>
          JSON.stringify([e.category, e.authorParty, e.actorParty, e.subjectId, e.payload]),
        ),
      ),
    ).toEqual(
      new Set([JSON.stringify(['PLAN', 'EMPLOYER', 'EMPLOYER', saved.id, { id: saved.id }])]),
    );
  });

  it('refuses the employer a change to care’s measure, naming it, and writes nothing', async () => {
    const plan = await readPlan('employer');
    const [own, care] = plan.measures;
    if (!own || !care) throw new Error('two measures expected');
    const response = await save('employer', {
      version: 4,
      measures: [asInput(own), asInput({ ...care, title: 'Ingen samordning' })],
    }).expect(403);
    expect(response.body).toMatchObject({
      code: 'MEASURE_NOT_OWNED',
      errors: [{ path: 'measures.1' }],
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const stored = await prisma.planMeasure.findUniqueOrThrow({ where: { id: care.id } });
    expect(stored.title).toBe(care.title);
    expect(await planVersion()).toBe(4);

    // Naming the MEDICAL measure it may not see: consent required, not "not found".
    const medical = await medicalMeasure();
    const hidden = await save('employer', {
      version: 4,
      measures: [{ id: medical.id, kind: 'TREATMENT', title: 'x', category: 'MEDICAL' }],
    }).expect(403);
    expect(hidden.body.type).toMatch(/consent-required$/);
    expect(hidden.body.errors).toEqual([{ path: 'measures.0.id', message: expect.any(String) }]);
    expect((await medicalMeasure()).title).toBe(medical.title);
  });

  it('gives exactly one of two racing saves of parts both can see a 200 and the other a 409 with the current version', async () => {
    // The employer's goal and the doctor's sick-leave steps: each sees the other's part.
    const employerPlan = await readPlan('employer');
    const carePlan = await readPlan('doctor');
    const steps = carePlan.sickLeaveSteps.map((step, index, all) =>
      index === all.length - 1 ? { ...step, degree: 25 } : step,
    );
    const [responseA, responseB] = await Promise.all([
      save('employer', { goal: 'Arbetsgivarens mål' }, `"${String(employerPlan.version)}"`),
      save('doctor', { sickLeaveSteps: steps }, `"${String(carePlan.version)}"`),
    ]);
    expect([responseA.status, responseB.status].sort()).toEqual([200, 409]);
    const employerWon = responseA.status === 200;
    const conflict = employerWon ? responseB : responseA;
    expect(conflict.body).toMatchObject({
      code: 'PLAN_VERSION_CONFLICT',
      currentVersion: 5,
      current: employerWon
        ? { version: 5, goal: 'Arbetsgivarens mål', sickLeaveSteps: carePlan.sickLeaveSteps }
        : { version: 5, goal: employerPlan.goal, sickLeaveSteps: steps },
    });
    expect(conflict.headers.etag).toBe('"5"');
    expect(await planVersion()).toBe(5);
    expect(await revisionCount()).toBe(5);
    const stored = await prisma.plan.findUniqueOrThrow({ where: { workspaceId } });
    expect(stored.goal).toBe(employerWon ? 'Arbetsgivarens mål' : employerPlan.goal);
    expect((await storedSteps()).map((step) => step.degree)).toEqual(
      (employerWon ? carePlan.sickLeaveSteps : steps).map((step) => step.degree),
    );
  });

  it('answers a stale If-Match or body version with 409, and a save without one with 428', async () => {
    const carePlan = await readPlan('doctor');
    const employerName = (
      await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAILS.employer } })
    ).name;
    const steps = (degree: number) =>
      carePlan.sickLeaveSteps.map((step, index) => (index === 0 ? { ...step, degree } : step));
    await save('employer', { goal: 'Första ändringen' }, '"4"').expect(200);

    const stale = await save('doctor', { sickLeaveSteps: steps(75) }, '"4"').expect(409);
    expect(stale.body).toMatchObject({
      type: expect.stringMatching(/plan-version-conflict$/),
      currentVersion: 5,
      current: { version: 5, goal: 'Första ändringen' },
      // Who saved the version the doctor now sees: the employer's save above.
      savedBy: { party: 'EMPLOYER', name: employerName },
    });
    await save('doctor', { version: 4, sickLeaveSteps: steps(75) }).expect(409);

    const missing = await save('doctor', { sickLeaveSteps: steps(75) }).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    await save('doctor', { version: 4, sickLeaveSteps: steps(75) }, '"5"').expect(400);

    expect(await planVersion()).toBe(5);
    expect((await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).goal).toBe(
      'Första ändringen',
    );
    expect((await storedSteps())[0]?.degree).toBe(100);
    // The body version works as well as the header.
    await save('doctor', { version: 5, sickLeaveSteps: steps(75) }).expect(200);
    expect(await planVersion()).toBe(6);
    expect((await storedSteps())[0]?.degree).toBe(75);
  });

  it('takes back the whole representation GET returned, edited, and changes only the edit', async () => {
    // An integrator's round trip: GET, change the goal, PUT everything back (server-managed
    // fields included). The employer's measure has a description the body leaves as it was.
    const plan = await readPlan('employer');
    expect(Object.keys(plan)).toEqual(
      expect.arrayContaining(['id', 'updatedAt', 'signoffs', 'quality', 'withheld']),
    );
    const own = plan.measures.find((m) => m.ownerParty === 'EMPLOYER');
    if (!own) throw new Error('the demo employer has a measure');
    await prisma.planMeasure.update({
      where: { id: own.id },
      data: { description: 'Kortare pass, inga lyft över 10 kg' },
    });
    const withDescription = await readPlan('employer');

    const saved = await save(
      'employer',
      { ...withDescription, goal: 'Tillbaka på heltid i juni' },
      `"${String(plan.version)}"`,
    ).expect(200);
    expect((saved.body as PlanView).goal).toBe('Tillbaka på heltid i juni');
    expect(await revisionCount()).toBe(5);
    const latest = await revision('employer', 5).expect(200);
    expect((latest.body as { diff: { path: string }[] }).diff.map((entry) => entry.path)).toEqual([
      'goal',
    ]);
    const stored = await prisma.planMeasure.findUniqueOrThrow({ where: { id: own.id } });
    expect(stored.description).toBe('Kortare pass, inga lyft över 10 kg');

    // The same representation again changes nothing: no revision.
    const again = saved.body as PlanView;
    await save('employer', again, `"${String(again.version)}"`).expect(200);
    expect(await revisionCount()).toBe(5);

    // A key the plan does not have is still refused, by name, and nothing is written.
    const unknown = await save(
      'employer',
      { ...again, goal: 'Något annat', color: 'blue' },
      `"${String(again.version)}"`,
    ).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('color');
    expect(await revisionCount()).toBe(5);
  });

  it('does not count a save that changes nothing as a revision', async () => {
    const plan = await readPlan('employer');
    const response = await save(
      'employer',
      { goal: plan.goal, measures: plan.measures.map(asInput) },
      '"4"',
    ).expect(200);
    expect(response.body.version).toBe(4);
    expect(await revisionCount()).toBe(4);
  });

  it('keeps every save as a revision with a readable diff, leaving MEDICAL changes out for the employer', async () => {
    // Care changes its MEDICAL treatment measure (revision 5), the employer the goal (6).
    const carePlan = await readPlan('doctor');
    const treatment = carePlan.measures.find((m) => m.category === 'MEDICAL');
    if (!treatment) throw new Error('care sees the treatment measure');
    const before = await lastSeq();
    await save(
      'doctor',
      {
        measures: carePlan.measures
          .filter((m) => m.ownerParty === 'CARE')
          .map((m) => (m.id === treatment.id ? { ...m, description: 'KBT, tolv tillfällen' } : m)),
      },
      '"4"',
    ).expect(200);
    const employerPlan = await readPlan('employer');
    expect(employerPlan.version).toBe(4);
    await save('employer', { goal: 'Heltid från juni' }, '"4"').expect(200);

    // The employer's history: its five revisions, the MEDICAL-only one not among them.
    const list = await revisionsOf('employer');
    expect(list.map((entry) => [entry.number, entry.authorParty])).toEqual([
      [5, 'EMPLOYER'],
      [4, 'PATIENT'],
      [3, 'CARE'],
      [2, 'CARE'],
      [1, 'EMPLOYER'],
    ]);
    expect(list[0]).toMatchObject({
      authorName: 'Maria Lindqvist',
      summary: 'Ändrade målet',
      summaryEn: 'Changed the goal',
    });
    expect(list[3]).toMatchObject({ authorName: 'Sara Nyström', summary: 'Lade till 1 insats' });
    expect(list[4]).toMatchObject({ summary: 'Skapade planen' });

    // The coordinator's revision added two measures; the employer sees the one it may read.
    const mixed = await revision('employer', 2).expect(200);
    expect(mixed.body.snapshot.measures.map((m: PlanMeasureView) => m.category)).toEqual([
      'PLAN',
      'PLAN',
    ]);
    expect(
      (mixed.body.diff as { op: string; measure?: { categories: string[] } }[]).map((entry) => [
        entry.op,
        entry.measure?.categories,
      ]),
    ).toEqual([['added', ['PLAN']]]);
    expect(JSON.stringify(mixed.body)).not.toContain(treatment.title);
    expect(JSON.stringify(mixed.body)).not.toContain('KBT');

    const careView = await revision('doctor', 5).expect(200);
    expect(careView.body.summary).toBe('Ändrade 1 insats');
    expect(careView.body.diff).toEqual([
      {
        op: 'changed',
        path: `measures[${treatment.id}].description`,
        from: treatment.description,
        to: 'KBT, tolv tillfällen',
        measure: {
          id: treatment.id,
          title: treatment.title,
          ownerParty: 'CARE',
          categories: ['MEDICAL'],
        },
      },
    ]);
    expect(careView.body.snapshot.measures).toHaveLength(3);

    // The goal change is the employer's 5th revision and the doctor's 6th.
    for (const [role, number] of [
      ['employer', 5],
      ['doctor', 6],
    ] as const) {
      const goalChange = await revision(role, number).expect(200);
      expect(goalChange.body.number).toBe(number);
      expect(goalChange.body.diff).toEqual([
        { op: 'changed', path: 'goal', from: employerPlan.goal, to: 'Heltid från juni' },
      ]);
      expect(goalChange.body.snapshot.goal).toBe('Heltid från juni');
    }

    // The first revision (the manager's draft): its diff lists what was created.
    const first = await revision('employer', 1).expect(200);
    const added = (first.body.diff as { op: string; measure?: { categories: string[] } }[]).filter(
      (entry) => entry.op === 'added',
    );
    expect(added.map((entry) => entry.measure?.categories)).toEqual([['PLAN']]);

    for (const number of [6, 99]) {
      const none = await revision('employer', number).expect(404);
      expect(none.body.code).toBe('PLAN_REVISION_NOT_FOUND');
    }

    // The MEDICAL-only save told only those who may read MEDICAL.
    const events = await eventsAfter(before, ['plan.updated']);
    expect(events.map((e) => [e.category, e.authorParty])).toEqual([
      ['MEDICAL', 'CARE'],
      ['PLAN', 'EMPLOYER'],
    ]);
    const employerEvents = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=${String(before)}`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    const planEvents = (employerEvents.body.events as { type: string; category: string }[]).filter(
      (e) => e.type === 'plan.updated',
    );
    expect(planEvents.map((e) => e.category)).toEqual(['PLAN']);
  });

  it('gives AF, which has no consent and no revision to see, version 0 and an empty history', async () => {
    // Before, AF got the plan's real version, ETag and time (metadata of what it may not see).
    const plan = await readPlan('af');
    expect(plan).toMatchObject({
      id: null,
      version: 0,
      updatedAt: null,
      goal: null,
      measures: [],
      sickLeaveSteps: [],
      signoffs: [],
      withheld: ['PLAN', 'MEDICAL'],
    });
    expect(await revisionsOf('af')).toEqual([]);
    const none = await revision('af', 1).expect(404);
    expect(none.body.code).toBe('PLAN_REVISION_NOT_FOUND');
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not show the employer a change to a MEDICAL measure, not even as a version, a time or a revision', async () => {
    const employerBefore = await http()
      .get(planPath())
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    const listBefore = await revisionsOf('employer');
    expect((employerBefore.body as PlanView).version).toBe(4);

    // The coordinator changes the treatment measure, and nothing else.
    const carePlan = await readPlan('coordinator');
    const changed = carePlan.measures
      .filter((m) => m.ownerParty === 'CARE')
      .map((m) => (m.category === 'MEDICAL' ? { ...m, status: 'DONE' as const } : m));
    await save('coordinator', { measures: changed }, '"4"').expect(200);
    expect(await planVersion()).toBe(5);

    const employerAfter = await http()
      .get(planPath())
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    expect(employerAfter.headers.etag).toBe('"4"');
    expect((employerAfter.body as PlanView).version).toBe(4);
    expect((employerAfter.body as PlanView).updatedAt).toBe(
      (employerBefore.body as PlanView).updatedAt,
    );
    expect(await revisionsOf('employer')).toEqual(listBefore);
    // Those who may read MEDICAL see the new revision.
    for (const role of ['patient', 'fk', 'doctor'] as const) {
      const plan = await readPlan(role);
      expect(plan.version).toBe(5);
      expect(plan.updatedAt).not.toBe((employerBefore.body as PlanView).updatedAt);
      expect(await revisionsOf(role)).toHaveLength(5);
    }

    // The employer's version 4 is still current for it: its save is not stale.
    const saved = await save('employer', { goal: 'Heltid från juni' }, '"4"').expect(200);
    expect(saved.headers.etag).toBe('"5"');
    // Its history counts 1..5, without the revision it cannot see.
    const list = await revisionsOf('employer');
    expect(list.map((entry) => entry.number)).toEqual([5, 4, 3, 2, 1]);
    expect(list.map((entry) => entry.authorParty)).toEqual([
      'EMPLOYER',
      'PATIENT',
      'CARE',
      'CARE',
      'EMPLOYER',
    ]);
    expect((await readPlan('patient')).version).toBe(6);
    expect((await revisionsOf('patient')).map((entry) => entry.number)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('lets a party without PLAN add its own measure but not touch the shared fields', async () => {
    const goal = await save('af', { version: 0, goal: 'AF:s mål' }).expect(403);
    expect(goal.body.type).toMatch(/consent-required$/);
    expect(goal.body.errors).toEqual([{ path: 'goal', message: expect.any(String) }]);

    const own = await save('af', {
      version: 0,
      measures: [{ kind: 'LABOUR_MARKET', title: 'Kartläggning av arbetsförmåga' }],
    }).expect(200);
    expect(own.headers.etag).toBe('"1"');
    expect((own.body as PlanView).measures.map((m) => m.ownerParty)).toEqual(['AF']);
    expect((own.body as PlanView).goal).toBeNull();
    expect(await prisma.planMeasure.count({ where: { workspaceId } })).toBe(4);
    const stored = await prisma.plan.findUniqueOrThrow({ where: { workspaceId } });
    expect(stored.goal).not.toBeNull();
    expect((await revisionsOf('af')).map((entry) => [entry.number, entry.authorParty])).toEqual([
      [1, 'AF'],
    ]);
  });

  it('accepts a save of exactly what GET returned with withheld parts, without a revision', async () => {
    await save('af', {
      version: 0,
      measures: [{ kind: 'LABOUR_MARKET', title: 'Kartläggning av arbetsförmåga' }],
    }).expect(200);
    const plan = await readPlan('af');
    // The parts AF may not read come back as GET showed them: empty.
    expect(plan).toMatchObject({ version: 1, goal: null, patientView: null, sickLeaveSteps: [] });
    // ... and the view names them, so a client says "not shared" rather than "not written".
    expect([...plan.withheldParts].sort()).toEqual(
      [
        'contactArrangements',
        'expectedReturnBasis',
        'expectedReturnDate',
        'followUps',
        'goal',
        'notNeededReason',
        'patientView',
        'sickLeaveSteps',
      ].sort(),
    );
    expect((await readPlan('employer')).withheldParts).toEqual([]);
    const stepsBefore = await storedSteps();

    const response = await save('af', asSaved(plan)).expect(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toEqual(plan);
    expect(await revisionCount()).toBe(5);
    const stored = await prisma.plan.findUniqueOrThrow({ where: { workspaceId } });
    expect(stored.goal).toBe((await readPlan('patient')).goal);
    expect(stored.goal).not.toBeNull();
    expect(await storedSteps()).toEqual(stepsBefore);

    // Anything else for a withheld part is a probe: refused, naming it.
    const probe = await save('af', {
      ...asSaved(plan),
      sickLeaveSteps: [{ degree: 100, fromDate: '2026-01-01' }],
    }).expect(403);
    expect(probe.body).toMatchObject({
      code: 'CONSENT_REQUIRED',
      errors: [{ path: 'sickLeaveSteps' }],
    });
    expect(await storedSteps()).toEqual(stepsBefore);
  });

  it.each([
    ['the employer (100 % -> 25 %)', 'employer'],
    ['FK', 'fk'],
    ['the coordinator', 'coordinator'],
  ] as const)(
    'refuses %s a change to the graded sick-leave steps, the doctor’s decision, and writes nothing',
    async (_name, role) => {
      const plan = await readPlan(role);
      expect(plan.sickLeaveSteps[0]?.degree).toBe(100);
      const stepsBefore = await storedSteps();
      const response = await save(
        role,
        {
          sickLeaveSteps: plan.sickLeaveSteps.map((step, index) =>
            index === 0 ? { ...step, degree: 25 } : step,
          ),
        },
        `"${String(plan.version)}"`,
      ).expect(403);
      expect(response.body).toMatchObject({
        code: 'PLAN_PART_NOT_OWNED',
        errors: [{ path: 'sickLeaveSteps' }],
      });
      expect(await storedSteps()).toEqual(stepsBefore);
      expect(await revisionCount()).toBe(4);
      expect(await planVersion()).toBe(4);
    },
  );

  it('lets the doctor change the graded sick-leave steps, as a revision', async () => {
    const plan = await readPlan('doctor');
    const [first, ...rest] = plan.sickLeaveSteps;
    if (!first) throw new Error('the demo plan has sick-leave steps');
    const steps = [{ ...first, degree: 75 }, ...rest];
    const response = await save('doctor', { sickLeaveSteps: steps }, '"4"').expect(200);
    expect((response.body as PlanView).sickLeaveSteps).toEqual(steps);
    expect((response.body as PlanView).version).toBe(5);
    expect((await storedSteps()).map((step) => step.degree)).toEqual(
      steps.map((step) => step.degree),
    );
    const saved = await revision('employer', 5).expect(200);
    expect(saved.body).toMatchObject({
      authorParty: 'CARE',
      authorName: 'Erik Sandberg',
      diff: [{ op: 'changed', path: 'sickLeaveSteps', from: plan.sickLeaveSteps, to: steps }],
    });
  });

  it('keeps a sign-off while nothing its signer could see has changed, and drops it when something has', async () => {
    const sign = (role: DemoRole, version: number) =>
      http()
        .post(`${planPath()}/signoffs`)
        .set('authorization', `Bearer ${token(role)}`)
        .send({ version });
    await sign('employer', 4).expect(201);
    // Care changes only its MEDICAL measure, which the employer cannot see.
    const carePlan = await readPlan('coordinator');
    const changed = carePlan.measures
      .filter((m) => m.ownerParty === 'CARE')
      .map((m) => (m.category === 'MEDICAL' ? { ...m, status: 'DONE' as const } : m));
    await save('coordinator', { measures: changed }, '"4"').expect(200);
    // The employer signed all it sees: its sign-off still holds, for everyone.
    for (const role of ['employer', 'patient', 'fk'] as const) {
      expect([role, (await readPlan(role)).signoffs.map((s) => s.party)]).toEqual([
        role,
        ['EMPLOYER'],
      ]);
    }
    // Signing again is the same sign-off (the employer's version is still 4).
    expect((await sign('employer', 4).expect(201)).body).toMatchObject({ party: 'EMPLOYER' });
    // Anna signs what she sees (version 5, the medical change included); both hold.
    await sign('patient', 5).expect(201);
    expect((await readPlan('employer')).signoffs.map((s) => s.party).sort()).toEqual([
      'EMPLOYER',
      'PATIENT',
    ]);
    // The employer changes its goal, which both of them saw: neither sign-off holds now.
    await save('employer', { goal: 'Heltid från augusti' }, '"4"').expect(200);
    expect((await readPlan('patient')).signoffs).toEqual([]);
    expect((await readPlan('employer')).signoffs).toEqual([]);
  });

  it('lets the patient and the employer sign off the current version, once each', async () => {
    const patient = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 4 })
      .expect(201);
    expect(patient.body).toMatchObject({ version: 4, party: 'PATIENT', name: 'Anna Andersson' });
    const again = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 4 })
      .expect(201);
    expect(again.body).toEqual(patient.body);
    await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('employer')}`)
      .send({ version: 4 })
      .expect(201);
    await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('doctor')}`)
      .send({ version: 4 })
      .expect(403);

    const plan = await readPlan('fk');
    expect(plan.signoffs.map((s) => [s.party, s.name])).toEqual([
      ['PATIENT', 'Anna Andersson'],
      ['EMPLOYER', 'Maria Lindqvist'],
    ]);
    expect(await prisma.planSignoff.count({ where: { workspaceId } })).toBe(2);
    expect(await prisma.workspaceEvent.count({ where: { workspaceId, type: 'plan.signed' } })).toBe(
      2,
    );

    // A new version has no sign-offs yet; signing the old one is stale.
    await save('employer', { goal: 'Ny version' }, '"4"').expect(200);
    expect((await readPlan('patient')).signoffs).toEqual([]);
    const stale = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 4 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'PLAN_VERSION_CONFLICT', currentVersion: 5 });
  });

  it('records what each signer decides, asks again after a change, and shows who signed which version', async () => {
    const sign = (role: DemoRole, body: Json) =>
      http()
        .post(`${planPath()}/signoffs`)
        .set('authorization', `Bearer ${token(role)}`)
        .send(body);
    // The employer establishes its plan; without a decision that is what its sign-off means.
    const established = await sign('employer', { version: 4 }).expect(201);
    expect(established.body).toMatchObject({ decision: 'ESTABLISHED', comment: null });
    // Establishing the plan meets the day-30 duty: its deadline task is done.
    expect(
      await prisma.task.findFirstOrThrow({
        where: { workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' },
      }),
    ).toMatchObject({ status: 'DONE', version: 3 });
    // It cannot agree or disagree (the patient's decisions), and the patient cannot establish.
    const notEmployers = await sign('employer', { version: 4, decision: 'DISAGREED' }).expect(422);
    expect(notEmployers.body).toMatchObject({
      code: 'SIGNOFF_DECISION_NOT_YOURS',
      errors: [{ path: 'decision' }],
    });
    await sign('patient', { version: 4, decision: 'ESTABLISHED' }).expect(422);
    // Anna records that she does not agree, in her own words; then changes her mind.
    const disagreed = await sign('patient', {
      version: 4,
      decision: 'DISAGREED',
      comment: 'Jag vill börja med färre timmar',
    }).expect(201);
    expect(disagreed.body).toMatchObject({ decision: 'DISAGREED', party: 'PATIENT' });
    await sign('patient', { version: 4, decision: 'AGREED' }).expect(201);
    expect(
      (await readPlan('fk')).signoffs.map((s) => [s.party, s.decision, s.comment]).sort(),
    ).toEqual([
      ['EMPLOYER', 'ESTABLISHED', null],
      ['PATIENT', 'AGREED', null],
    ]);
    // The overview tells each caller which decisions are theirs.
    const permissionsOf = async (role: DemoRole) =>
      (
        (
          await http()
            .get(`/api/workspaces/${workspaceId}`)
            .set('authorization', `Bearer ${token(role)}`)
            .expect(200)
        ).body as { permissions: string[] }
      ).permissions.filter((p) => p.startsWith('plan:sign:'));
    expect(await permissionsOf('employer')).toEqual(['plan:sign:ESTABLISHED']);
    expect((await permissionsOf('patient')).sort()).toEqual([
      'plan:sign:AGREED',
      'plan:sign:DISAGREED',
    ]);
    expect(await permissionsOf('fk')).toEqual([]);

    // A save that changes what both signed: their sign-offs become earlier ones, of version 4.
    await save('employer', { goal: 'Heltid från augusti' }, '"4"').expect(200);
    const after = await readPlan('patient');
    expect(after.signoffs).toEqual([]);
    expect(after.earlierSignoffs.map((s) => [s.party, s.version, s.decision]).sort()).toEqual([
      ['EMPLOYER', 4, 'ESTABLISHED'],
      ['PATIENT', 4, 'AGREED'],
    ]);
    // The history: version 4 carries both sign-offs, version 5 none yet.
    const history = await revisionsOf('employer');
    expect(
      history
        .find((r) => r.number === 4)
        ?.signoffs.map((s) => s.party)
        .sort(),
    ).toEqual(['EMPLOYER', 'PATIENT']);
    expect(history.find((r) => r.number === 5)?.signoffs).toEqual([]);
    // AF, which may not see the employer's plan, sees no sign-offs anywhere.
    const af = await readPlan('af');
    expect([af.signoffs, af.earlierSignoffs]).toEqual([[], []]);
  });

  it.each([
    ['an unknown field', { version: 4, colour: 'blue' }, 'colour'],
    [
      'a sick-leave degree of 33',
      { version: 4, sickLeaveSteps: [{ degree: 33, fromDate: '2026-03-01' }] },
      'sickLeaveSteps.0.degree',
    ],
    [
      'an invalid end date',
      { version: 4, measures: [{ kind: 'OTHER', title: 'x', endDate: '2026-02-30' }] },
      'measures.0.endDate',
    ],
    [
      'an end date before the start',
      {
        version: 4,
        measures: [{ kind: 'OTHER', title: 'x', startDate: '2026-03-02', endDate: '2026-03-01' }],
      },
      'measures.0.endDate',
    ],
    [
      'a 10 000-character title',
      { version: 4, measures: [{ kind: 'OTHER', title: 'x'.repeat(10_000) }] },
      'measures.0.title',
    ],
    [
      'overlapping sick-leave steps',
      {
        version: 4,
        sickLeaveSteps: [
          { degree: 100, fromDate: '2026-03-01', toDate: '2026-03-31' },
          { degree: 50, fromDate: '2026-03-15' },
        ],
      },
      'sickLeaveSteps.1.fromDate',
    ],
  ])(
    'rejects %s with a 400 naming the field and leaves the plan as it was',
    async (_name, body, path) => {
      const response = await save('employer', body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect((response.body.errors as { path: string }[]).map((error) => error.path)).toContain(
        path,
      );
      expect(await planVersion()).toBe(4);
      expect(await revisionCount()).toBe(4);
      expect(await prisma.planMeasure.count({ where: { workspaceId } })).toBe(3);
    },
  );

  it('starts a new workspace with an empty plan at version 0 that a save with version 0 creates', async () => {
    const created = await openCaseForNewPerson(testApp, prisma, token('employer'), {
      patientPersonnummer: newPersonnummer(),
      patientName: 'Bo Ek',
      patientEmail: 'bo.ek@atergang.test',
      sickPeriodStart: '2026-10-01',
      expectedLengthDays: 90,
    });
    const path = `/api/workspaces/${created.workspaceId}/plan`;

    const empty = await readPlan('employer', path);
    expect(empty).toMatchObject({ id: null, version: 0, measures: [], updatedAt: null });
    // Bo has not shared PLAN with the employer yet.
    expect(empty.withheld).toEqual(['PLAN', 'MEDICAL']);

    await save('employer', { measures: [] }, undefined, path).expect(428);
    const first = await save(
      'employer',
      {
        measures: [
          { kind: 'WORKPLACE_ADAPTATION', title: 'Anpassade arbetstider', startDate: '2026-10-20' },
        ],
      },
      '"0"',
      path,
    ).expect(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body).toMatchObject({ version: 1, id: expect.any(String) });
    // The employer reads its own part of the plan without PLAN, so it is judged on it too.
    expect((first.body as PlanView).quality.map((problem) => problem.code)).toEqual([
      'PLAN_WITHOUT_GOAL',
      'PLAN_WITHOUT_RETURN_DATE',
      'PLAN_WITHOUT_FOLLOW_UP',
      'MEASURE_WITHOUT_RESPONSIBLE',
      'MEASURE_WITHOUT_FOLLOW_UP',
    ]);
    const again = await save('employer', { measures: [] }, '"0"', path).expect(409);
    expect(again.body.currentVersion).toBe(1);
    const planId = (first.body as PlanView).id ?? '';
    expect(await prisma.planRevision.count({ where: { planId } })).toBe(1);

    // That workspace's measure id means nothing in the demo workspace.
    const foreign = (first.body as PlanView).measures[0];
    if (!foreign) throw new Error('the new plan has a measure');
    const crossed = await save('employer', { version: 4, measures: [asInput(foreign)] }).expect(
      404,
    );
    expect(crossed.body).toMatchObject({
      code: 'PLAN_MEASURE_NOT_FOUND',
      errors: [{ path: 'measures.0.id' }],
    });
    expect(await planVersion()).toBe(4);
  });

  it('reports what the plan lacks, about what the caller can see', async () => {
    const patient = await readPlan('patient');
    expect(patient.quality).toEqual([]);
    await save('employer', { goal: null, followUps: [] }, '"4"').expect(200);
    const employer = await readPlan('employer');
    expect(employer.quality.map((problem) => problem.code)).toEqual([
      'PLAN_WITHOUT_GOAL',
      'PLAN_WITHOUT_FOLLOW_UP',
    ]);
    expect((await readPlan('af')).quality).toEqual([]);
  });

  it('unlinks the tasks of a deleted measure instead of failing', async () => {
    const carePlan = await readPlan('doctor');
    const coordination = carePlan.measures.find((m) => m.kind === 'COORDINATION');
    if (!coordination) throw new Error('the coordination measure exists');
    const linked = await prisma.task.findFirstOrThrow({ where: { measureId: coordination.id } });
    await save(
      'doctor',
      { measures: carePlan.measures.filter((m) => m.id !== coordination.id) },
      '"4"',
    ).expect(200);
    expect(await prisma.planMeasure.findUnique({ where: { id: coordination.id } })).toBeNull();
    const task = await prisma.task.findUniqueOrThrow({ where: { id: linked.id } });
    expect(task).toMatchObject({ measureId: null, version: linked.version + 1 });
  });

  it('lets the employer record that no plan is needed, closing the day-30 deadline task', async () => {
    const reason = 'Anna väntas vara tillbaka i arbete inom 60 dagar enligt läkarintyget.';
    const before = await lastSeq();
    for (const role of ['patient', 'doctor', 'fk'] as const) {
      await http()
        .put(`${planPath()}/not-needed`)
        .set('authorization', `Bearer ${token(role)}`)
        .send({ reason })
        .expect(403);
    }
    // The demo's deadline task is at version 2 (the manager set it in progress).
    const response = await http()
      .put(`${planPath()}/not-needed`)
      .set('authorization', `Bearer ${token('employer')}`)
      .send({ reason })
      .expect(200);
    expect(response.body).toMatchObject({ reason, deadlineTask: { status: 'DONE', version: 3 } });

    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(workspace.planNotNeededReason).toBe(reason);
    const task = await prisma.task.findFirstOrThrow({
      where: { workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' },
    });
    expect(task.status).toBe('DONE');
    expect(task.completedAt).not.toBeNull();
    expect((await readPlan('employer')).notNeededReason).toBe(reason);
    const events = await eventsAfter(before, ['plan.not-needed.recorded', 'task.updated']);
    expect(events.map((e) => ({ type: e.type, category: e.category }))).toEqual([
      { type: 'plan.not-needed.recorded', category: 'PLAN' },
      { type: 'task.updated', category: 'TASKS' },
    ]);
  });
});

describe('the employer’s plan för återgång i arbete in a new case', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  const http = () => request(testApp.app.getHttpServer());

  beforeEach(async () => {
    testApp = await createTestApp();
    prisma = openPrisma(testApp.database.url);
  });

  afterEach(async () => {
    await prisma.$disconnect();
    await testApp.close();
  });

  it('closes the day-30 deadline task when the employer establishes its plan or records that none is needed', async () => {
    const open = () =>
      buildCase(testApp, prisma, {
        opener: { key: 'manager', party: 'EMPLOYER', role: 'MANAGER' },
        members: { fk: { party: 'FK', role: 'CASE_OFFICER' } },
        consents: [{ party: 'EMPLOYER', categories: ['PLAN', 'TASKS'] }],
      });
    const deadlineOf = (workspaceId: string) =>
      prisma.task.findFirstOrThrow({ where: { workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' } });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    const planned = await open();
    const planPath = `/api/workspaces/${planned.workspaceId}/plan`;
    expect((await deadlineOf(planned.workspaceId)).status).not.toBe('DONE');
    await http()
      .put(planPath)
      .set(auth(planned.members.manager.token))
      .send({ version: 0, goal: 'Tillbaka på heltid i mars.' })
      .expect(200);
    // The patient agreeing does not settle the employer's duty; the employer establishing does.
    await http()
      .post(`${planPath}/signoffs`)
      .set(auth(planned.patient.token))
      .send({ version: 1, decision: 'AGREED' })
      .expect(201);
    expect((await deadlineOf(planned.workspaceId)).status).not.toBe('DONE');
    await http()
      .post(`${planPath}/signoffs`)
      .set(auth(planned.members.manager.token))
      .send({ version: 1, decision: 'ESTABLISHED' })
      .expect(201);
    const done = await deadlineOf(planned.workspaceId);
    expect(done.status).toBe('DONE');
    expect(done.completedAt).not.toBeNull();
    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId: planned.workspaceId, type: { in: ['plan.signed', 'task.updated'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => event.type)).toEqual([
      'plan.signed',
      'plan.signed',
      'task.updated',
    ]);

    const notNeeded = await open();
    await http()
      .put(`/api/workspaces/${notNeeded.workspaceId}/plan/not-needed`)
      .set(auth(notNeeded.members.manager.token))
      .send({ reason: 'Åter i arbete inom 60 dagar enligt läkarintyget.' })
      .expect(200);
    expect((await deadlineOf(notNeeded.workspaceId)).status).toBe('DONE');
  });

  it('lets the employer write its part before the patient shares anything, and no one else change it', async () => {
    const built = await buildCase(testApp, prisma, {
      opener: { key: 'manager', party: 'EMPLOYER', role: 'MANAGER' },
      members: {
        hr: { party: 'EMPLOYER', role: 'HR' },
        staff: { party: 'EMPLOYER', role: null },
        fk: { party: 'FK', role: 'CASE_OFFICER' },
      },
      // The patient shares nothing with the employer; FK gets PLAN.
      consents: [{ party: 'FK', categories: ['PLAN'] }],
    });
    const path = `/api/workspaces/${built.workspaceId}/plan`;
    const tokenOf = (who: 'patient' | keyof typeof built.members) =>
      who === 'patient' ? built.patient.token : built.members[who].token;
    const read = async (who: Parameters<typeof tokenOf>[0]) => {
      const response = await http()
        .get(path)
        .set('authorization', `Bearer ${tokenOf(who)}`)
        .expect(200);
      return response.body as PlanView;
    };
    const put = (who: Parameters<typeof tokenOf>[0], body: Json) =>
      http()
        .put(path)
        .set('authorization', `Bearer ${tokenOf(who)}`)
        .send(body);

    const employerPart = {
      goal: 'Tillbaka i sitt arbete som lärare, på heltid.',
      expectedReturnDate: '2027-02-01',
      expectedReturnBasis: 'Läkarintyget och samtal med medarbetaren.',
      contactArrangements: 'Chefen ringer varannan vecka.',
      followUps: [{ date: '2026-12-15', description: 'Uppföljning av planen', done: false }],
    };
    const empty = await read('manager');
    expect(empty).toMatchObject({ version: 0, withheld: ['PLAN', 'MEDICAL'] });
    const written = await put('manager', { version: 0, ...employerPart }).expect(200);
    expect(written.body).toMatchObject({ version: 1 });
    const back = await read('manager');
    expect(back).toMatchObject({
      ...employerPart,
      followUps: [{ ...employerPart.followUps[0], ownerParty: null }],
      version: 1,
    });

    // FK reads the employer's part by consent, but does not rewrite it.
    expect(await read('fk')).toMatchObject({ version: 1, goal: employerPart.goal });
    for (const [field, value] of [
      ['goal', 'FK:s mål'],
      ['expectedReturnDate', '2027-06-01'],
      ['expectedReturnBasis', 'FK:s bedömning'],
      ['contactArrangements', 'FK ringer'],
      ['followUps', [{ date: '2027-01-10', description: 'FK följer upp' }]],
    ] as const) {
      const refused = await put('fk', { version: 1, [field]: value }).expect(403);
      expect(refused.body).toMatchObject({
        code: 'PLAN_PART_NOT_OWNED',
        errors: [{ path: field }],
      });
    }

    // The patient writes her own view, not the employer's goal.
    const patientGoal = await put('patient', { version: 1, goal: 'Mitt mål' }).expect(403);
    expect(patientGoal.body).toMatchObject({
      code: 'PLAN_PART_NOT_OWNED',
      errors: [{ path: 'goal' }],
    });
    await put('patient', { version: 1, patientView: 'Jag vill börja på halvtid.' }).expect(200);
    expect((await read('patient')).version).toBe(2);

    // The employer does not see her view (not shared): its version is still 1. A member of
    // the employer without a role does not write the plan; HR does.
    const staffView = await read('staff');
    expect(staffView).toMatchObject({ version: 1, goal: employerPart.goal, patientView: null });
    const staff = await put('staff', { version: 1, goal: 'Personalens mål' }).expect(403);
    expect(staff.body).toMatchObject({ code: 'PLAN_PART_NOT_OWNED', errors: [{ path: 'goal' }] });
    const hr = await put('hr', { version: 1, goal: 'HR:s mål' }).expect(200);
    expect(hr.body).toMatchObject({ version: 2, goal: 'HR:s mål', patientView: null });

    // The manager sends back exactly what it got, withheld parts empty: nothing to save.
    const managerView = await read('manager');
    expect(managerView).toMatchObject({ patientView: null, sickLeaveSteps: [] });
    const unchanged = await put('manager', asSaved(managerView)).expect(200);
    expect(unchanged.body).toEqual(managerView);

    const stored = await prisma.plan.findUniqueOrThrow({
      where: { workspaceId: built.workspaceId },
    });
    expect(stored).toMatchObject({
      goal: 'HR:s mål',
      expectedReturnBasis: employerPart.expectedReturnBasis,
      contactArrangements: employerPart.contactArrangements,
      patientView: 'Jag vill börja på halvtid.',
    });
    expect(
      (
        await prisma.planRevision.findMany({
          where: { workspaceId: built.workspaceId },
          orderBy: { number: 'asc' },
        })
      ).map((revision) => revision.authorParty),
    ).toEqual(['EMPLOYER', 'PATIENT', 'EMPLOYER']);
  });
});
