import type { PlanMeasureView, PlanView } from '@atergang/contracts';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { type DemoRole, loginAs, seedDemo } from '../testing/demo-fixture';
import { newPersonnummer } from '../testing/personnummer-factory';
import { createTestApp, type TestApp } from '../testing/test-app';

// The shared plan through the API alone: each party edits its own measures, nothing the
// saver cannot see is dropped, every save is a revision, stale saves get 409.

type Json = Record<string, unknown>;

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

  const medicalMeasure = () =>
    prisma.planMeasure.findFirstOrThrow({ where: { workspaceId, category: 'MEDICAL' } });
  const planVersion = async () =>
    (await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).version;

  /** A measure as the PUT body takes it (the view's fields are the input's). */
  const asInput = (measure: PlanMeasureView): Json => ({ ...measure });

  beforeEach(async () => {
    tokens.clear();
    testApp = await createTestApp();
    ({ workspaceId, prisma } = await seedDemo(testApp));
    for (const role of ['patient', 'employer', 'doctor', 'fk', 'af'] as const) {
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
    expect(plan.version).toBe(1);
    expect(plan.measures.map((m) => m.category)).toEqual(['PLAN', 'PLAN']);
    const [own, care] = plan.measures;
    if (!own || !care) throw new Error('the demo plan has two measures the employer sees');

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
      '"1"',
    ).expect(200);

    expect(response.headers.etag).toBe('"2"');
    const saved = response.body as PlanView;
    expect(saved.version).toBe(2);
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
    expect(await planVersion()).toBe(2);
    const revision = await prisma.planRevision.findFirstOrThrow({
      where: { workspaceId, number: 2 },
    });
    expect(revision.authorParty).toBe('EMPLOYER');
    expect((revision.snapshot as { measures: unknown[] }).measures).toHaveLength(4);
    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId, type: 'plan.updated' },
    });
    expect(events.map((e) => [e.category, e.actorParty, e.payload])).toEqual([
      ['PLAN', 'EMPLOYER', { id: saved.id, version: 2 }],
    ]);
  });

  it('refuses the employer a change to care’s measure, naming it, and writes nothing', async () => {
    const plan = await readPlan('employer');
    const [own, care] = plan.measures;
    if (!own || !care) throw new Error('two measures expected');
    const response = await save('employer', {
      version: 1,
      measures: [asInput(own), asInput({ ...care, title: 'Ingen samordning' })],
    }).expect(403);
    expect(response.body).toMatchObject({
      code: 'MEASURE_NOT_OWNED',
      errors: [{ path: 'measures.1' }],
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const stored = await prisma.planMeasure.findUniqueOrThrow({ where: { id: care.id } });
    expect(stored.title).toBe(care.title);
    expect(await planVersion()).toBe(1);

    // Naming the MEDICAL measure it may not see: consent required, not "not found".
    const medical = await medicalMeasure();
    const hidden = await save('employer', {
      version: 1,
      measures: [{ id: medical.id, kind: 'TREATMENT', title: 'x', category: 'MEDICAL' }],
    }).expect(403);
    expect(hidden.body.type).toMatch(/consent-required$/);
    expect(hidden.body.errors).toEqual([{ path: 'measures.0.id', message: expect.any(String) }]);
    expect((await medicalMeasure()).title).toBe(medical.title);
  });

  it('gives exactly one of two racing saves a 200 and the other a 409 with the current version', async () => {
    const employerPlan = await readPlan('employer');
    const carePlan = await readPlan('doctor');
    const [responseA, responseB] = await Promise.all([
      save('employer', { goal: 'Arbetsgivarens mål' }, `"${String(employerPlan.version)}"`),
      save('doctor', { goal: 'Vårdens mål' }, `"${String(carePlan.version)}"`),
    ]);
    const statuses = [responseA.status, responseB.status].sort();
    expect(statuses).toEqual([200, 409]);
    const conflict = responseA.status === 409 ? responseA : responseB;
    const winner = responseA.status === 200 ? responseA : responseB;
    expect(conflict.body).toMatchObject({
      code: 'PLAN_VERSION_CONFLICT',
      currentVersion: 2,
      current: { version: 2, goal: (winner.body as PlanView).goal },
    });
    expect(conflict.headers.etag).toBe('"2"');
    expect(await planVersion()).toBe(2);
    expect(await prisma.planRevision.count({ where: { workspaceId } })).toBe(2);
    const stored = await prisma.plan.findUniqueOrThrow({ where: { workspaceId } });
    expect(stored.goal).toBe((winner.body as PlanView).goal);
  });

  it('answers a stale If-Match or body version with 409, and a save without one with 428', async () => {
    await save('employer', { goal: 'Första ändringen' }, '"1"').expect(200);

    const stale = await save('doctor', { goal: 'Bygger på version 1' }, '"1"').expect(409);
    expect(stale.body).toMatchObject({
      type: expect.stringMatching(/plan-version-conflict$/),
      currentVersion: 2,
      current: { version: 2, goal: 'Första ändringen' },
    });
    await save('doctor', { version: 1, goal: 'Också version 1' }).expect(409);

    const missing = await save('doctor', { goal: 'Utan version' }).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    await save('doctor', { version: 1, goal: 'x' }, '"2"').expect(400);

    expect(await planVersion()).toBe(2);
    expect((await prisma.plan.findUniqueOrThrow({ where: { workspaceId } })).goal).toBe(
      'Första ändringen',
    );
    // The body version works as well as the header.
    await save('doctor', { version: 2, goal: 'Vårdens mål' }).expect(200);
    expect(await planVersion()).toBe(3);
  });

  it('does not count a save that changes nothing as a revision', async () => {
    const plan = await readPlan('employer');
    const response = await save(
      'employer',
      { goal: plan.goal, measures: plan.measures.map(asInput) },
      '"1"',
    ).expect(200);
    expect(response.body.version).toBe(1);
    expect(await prisma.planRevision.count({ where: { workspaceId } })).toBe(1);
  });

  it('keeps every save as a revision with a readable diff, hiding MEDICAL changes from the employer', async () => {
    // Care changes its MEDICAL treatment measure (version 2), the employer the goal (3).
    const carePlan = await readPlan('doctor');
    const treatment = carePlan.measures.find((m) => m.category === 'MEDICAL');
    if (!treatment) throw new Error('care sees the treatment measure');
    await save(
      'doctor',
      {
        measures: carePlan.measures
          .filter((m) => m.ownerParty === 'CARE' || m.ownerParty === 'EMPLOYER')
          .map((m) => (m.id === treatment.id ? { ...m, description: 'KBT, tolv tillfällen' } : m)),
      },
      '"1"',
    ).expect(200);
    const employerPlan = await readPlan('employer');
    await save(
      'employer',
      { goal: 'Heltid från juni' },
      `"${String(employerPlan.version)}"`,
    ).expect(200);

    const list = await http()
      .get(`${planPath()}/revisions`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        number: 3,
        authorName: 'Maria Lindqvist',
        authorParty: 'EMPLOYER',
        summary: 'Ändrade målet',
        summaryEn: 'Changed the goal',
      }),
      expect.objectContaining({
        number: 2,
        authorParty: 'CARE',
        summary: 'Inga ändringar som du kan se',
      }),
      expect.objectContaining({ number: 1, summary: 'Skapade planen' }),
    ]);

    const employerView = await http()
      .get(`${planPath()}/revisions/2`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    expect(employerView.body.snapshot.measures.map((m: PlanMeasureView) => m.category)).toEqual([
      'PLAN',
      'PLAN',
    ]);
    expect(employerView.body.diff).toEqual([]);
    expect(JSON.stringify(employerView.body)).not.toContain('KBT');

    const careView = await http()
      .get(`${planPath()}/revisions/2`)
      .set('authorization', `Bearer ${token('doctor')}`)
      .expect(200);
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

    const goalChange = await http()
      .get(`${planPath()}/revisions/3`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    expect(goalChange.body.diff).toEqual([
      { op: 'changed', path: 'goal', from: employerPlan.goal, to: 'Heltid från juni' },
    ]);
    expect(goalChange.body.snapshot.goal).toBe('Heltid från juni');

    // The first revision (the demo's draft): its diff lists what was created, MEDICAL withheld.
    const first = await http()
      .get(`${planPath()}/revisions/1`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    const added = (first.body.diff as { op: string; measure?: { categories: string[] } }[]).filter(
      (entry) => entry.op === 'added',
    );
    expect(added.map((entry) => entry.measure?.categories)).toEqual([['PLAN'], ['PLAN']]);

    const none = await http()
      .get(`${planPath()}/revisions/99`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(404);
    expect(none.body.code).toBe('PLAN_REVISION_NOT_FOUND');

    // The MEDICAL-only save told only those who may read MEDICAL.
    const events = await prisma.workspaceEvent.findMany({
      where: { workspaceId, type: 'plan.updated' },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.category, e.actorParty])).toEqual([
      ['MEDICAL', 'CARE'],
      ['PLAN', 'EMPLOYER'],
    ]);
    const employerEvents = await http()
      .get(`/api/workspaces/${workspaceId}/events?after=0`)
      .set('authorization', `Bearer ${token('employer')}`)
      .expect(200);
    const planEvents = (employerEvents.body.events as { type: string; category: string }[]).filter(
      (e) => e.type === 'plan.updated',
    );
    expect(planEvents.map((e) => e.category)).toEqual(['PLAN']);
  });

  it('keeps revisions from AF, which has no consent, with a consent-required problem', async () => {
    for (const path of [`${planPath()}/revisions`, `${planPath()}/revisions/1`]) {
      const response = await http()
        .get(path)
        .set('authorization', `Bearer ${token('af')}`)
        .expect(403);
      expect(response.body.type).toMatch(/consent-required$/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('lets a party without PLAN add its own measure but not touch the shared fields', async () => {
    const goal = await save('af', { version: 1, goal: 'AF:s mål' }).expect(403);
    expect(goal.body.type).toMatch(/consent-required$/);
    expect(goal.body.errors).toEqual([{ path: 'goal', message: expect.any(String) }]);

    const own = await save('af', {
      version: 1,
      measures: [{ kind: 'LABOUR_MARKET', title: 'Kartläggning av arbetsförmåga' }],
    }).expect(200);
    expect((own.body as PlanView).measures.map((m) => m.ownerParty)).toEqual(['AF']);
    expect((own.body as PlanView).goal).toBeNull();
    expect(await prisma.planMeasure.count({ where: { workspaceId } })).toBe(4);
    const stored = await prisma.plan.findUniqueOrThrow({ where: { workspaceId } });
    expect(stored.goal).not.toBeNull();
  });

  it('lets the patient and the employer sign off the current version, once each', async () => {
    const patient = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 1 })
      .expect(201);
    expect(patient.body).toMatchObject({ version: 1, party: 'PATIENT', name: 'Anna Andersson' });
    const again = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 1 })
      .expect(201);
    expect(again.body).toEqual(patient.body);
    await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('employer')}`)
      .send({ version: 1 })
      .expect(201);
    await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('doctor')}`)
      .send({ version: 1 })
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
    await save('employer', { goal: 'Ny version' }, '"1"').expect(200);
    expect((await readPlan('patient')).signoffs).toEqual([]);
    const stale = await http()
      .post(`${planPath()}/signoffs`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ version: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'PLAN_VERSION_CONFLICT', currentVersion: 2 });
  });

  it.each([
    ['an unknown field', { version: 1, colour: 'blue' }, 'colour'],
    [
      'a sick-leave degree of 33',
      { version: 1, sickLeaveSteps: [{ degree: 33, fromDate: '2026-03-01' }] },
      'sickLeaveSteps.0.degree',
    ],
    [
      'an invalid end date',
      { version: 1, measures: [{ kind: 'OTHER', title: 'x', endDate: '2026-02-30' }] },
      'measures.0.endDate',
    ],
    [
      'an end date before the start',
      {
        version: 1,
        measures: [{ kind: 'OTHER', title: 'x', startDate: '2026-03-02', endDate: '2026-03-01' }],
      },
      'measures.0.endDate',
    ],
    [
      'a 10 000-character title',
      { version: 1, measures: [{ kind: 'OTHER', title: 'x'.repeat(10_000) }] },
      'measures.0.title',
    ],
    [
      'overlapping sick-leave steps',
      {
        version: 1,
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
      expect(await planVersion()).toBe(1);
      expect(await prisma.planRevision.count({ where: { workspaceId } })).toBe(1);
      expect(await prisma.planMeasure.count({ where: { workspaceId } })).toBe(3);
    },
  );

  it('starts a new workspace with an empty plan at version 0 that a save with version 0 creates', async () => {
    const created = await http()
      .post('/api/workspaces')
      .set('authorization', `Bearer ${token('employer')}`)
      .send({
        patientPersonnummer: newPersonnummer(),
        patientName: 'Bo Ek',
        patientEmail: 'bo.ek@atergang.test',
        sickPeriodStart: '2026-10-01',
        expectedLengthDays: 90,
      })
      .expect(201);
    const path = `/api/workspaces/${String(created.body.id)}/plan`;

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
    expect((first.body as PlanView).quality.map((problem) => problem.code)).toEqual([
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
    const crossed = await save('employer', { version: 1, measures: [asInput(foreign)] }).expect(
      404,
    );
    expect(crossed.body).toMatchObject({
      code: 'PLAN_MEASURE_NOT_FOUND',
      errors: [{ path: 'measures.0.id' }],
    });
    expect(await planVersion()).toBe(1);
  });

  it('reports what the plan lacks, about what the caller can see', async () => {
    const patient = await readPlan('patient');
    expect(patient.quality).toEqual([]);
    await save('employer', { goal: null, followUps: [] }, '"1"').expect(200);
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
      '"1"',
    ).expect(200);
    expect(await prisma.planMeasure.findUnique({ where: { id: coordination.id } })).toBeNull();
    const task = await prisma.task.findUniqueOrThrow({ where: { id: linked.id } });
    expect(task).toMatchObject({ measureId: null, version: linked.version + 1 });
  });

  it('lets the employer record that no plan is needed, closing the day-30 deadline task', async () => {
    const reason = 'Anna väntas vara tillbaka i arbete inom 60 dagar enligt läkarintyget.';
    await http()
      .put(`${planPath()}/not-needed`)
      .set('authorization', `Bearer ${token('patient')}`)
      .send({ reason })
      .expect(403);
    const response = await http()
      .put(`${planPath()}/not-needed`)
      .set('authorization', `Bearer ${token('employer')}`)
      .send({ reason })
      .expect(200);
    expect(response.body).toMatchObject({ reason, deadlineTask: { status: 'DONE', version: 2 } });

    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(workspace.planNotNeededReason).toBe(reason);
    const task = await prisma.task.findFirstOrThrow({
      where: { workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' },
    });
    expect(task.status).toBe('DONE');
    expect(task.completedAt).not.toBeNull();
    expect((await readPlan('employer')).notNeededReason).toBe(reason);
    const types = await prisma.workspaceEvent.findMany({
      where: { workspaceId, type: { in: ['plan.not-needed.recorded', 'task.updated'] } },
      select: { type: true, category: true },
    });
    expect(types).toEqual([
      { type: 'plan.not-needed.recorded', category: 'PLAN' },
      { type: 'task.updated', category: 'TASKS' },
    ]);
  });
});
