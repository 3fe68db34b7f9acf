import type {
  CaseOpeningView,
  CaseTimeline,
  CertificateView,
  PlanView,
  TaskView,
  WorkspaceOverview,
} from '@atergang/contracts';
import { addDays } from '@atergang/domain';
import type { PrismaClient } from '@prisma/client';
import request from 'supertest';
import { stockholmToday } from '../common/calendar';
import { buildCase } from '../testing/case-builder';
import { openPrisma } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';
import { queueDrained } from '../testing/job-queue-drained';

// The case follows reality (issue 16), through HTTP on a real database with the job queue
// running: certificates by the doctor, the facts as they change, the deadline tasks kept in
// step with them, and closing and reopening.

let testApp: TestApp;
let prisma: PrismaClient;
const http = () => request(testApp.app.getHttpServer());
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const today = stockholmToday();

beforeAll(async () => {
  testApp = await createTestApp({ JOB_WORKER: 'on' });
  prisma = openPrisma(testApp.database.url);
});

afterAll(async () => {
  await prisma.$disconnect();
  await testApp.close();
});

const drained = (timeoutMs?: number) => queueDrained(prisma, timeoutMs);

async function queuedKeys(workspaceId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT key FROM graphile_worker._private_jobs WHERE key LIKE ${`%${workspaceId}%`}
    ORDER BY key`;
  return rows.map((row) => row.key);
}

/** A case of the employer's, with the doctor and FK, opened `day` days into the sick period. */
function caseOnDay(day: number, expectedLengthDays: number | null, medicalToFk = true) {
  return buildCase(testApp, prisma, {
    opener: { key: 'manager', party: 'EMPLOYER', role: 'MANAGER' },
    members: {
      hr: { party: 'EMPLOYER', role: 'HR' },
      doctor: { party: 'CARE', role: 'DOCTOR' },
      coordinator: { party: 'CARE', role: 'COORDINATOR' },
      fk: { party: 'FK', role: 'CASE_OFFICER' },
    },
    consents: [
      { party: 'EMPLOYER', categories: ['PLAN', 'TASKS'] },
      { party: 'FK', categories: medicalToFk ? ['PLAN', 'TASKS', 'MEDICAL'] : ['PLAN', 'TASKS'] },
    ],
    sickPeriodStart: addDays(today, -(day - 1)),
    expectedLengthDays,
  });
}

async function deadlineTasks(workspaceId: string, token: string): Promise<TaskView[]> {
  const response = await http().get(`/api/workspaces/${workspaceId}/tasks`).set(auth(token));
  expect(response.status).toBe(200);
  return (response.body as { tasks: TaskView[] }).tasks.filter((task) => task.deadlineKey);
}

const certificate = (from: string, to: string, degree: number) => ({
  periodFrom: from,
  periodTo: to,
  degree,
  diagnosisCode: 'f43.2',
  diagnosisText: 'Anpassningsstörning',
  activityLimitations: 'Svårt att hålla fokus mer än en timme åt gången.',
  remainingCapacity: 'Klarar enklare administrativa uppgifter halva dagen.',
  prognosis: 'Gradvis återgång väntas.',
});

describe('certificates and the plan duty', () => {
  it('asks the doctor for the length of a case opened on day 36 without one, and gives the employer the plan task at once when the certificate reaches day 60', async () => {
    const built = await caseOnDay(36, null);
    const ws = `/api/workspaces/${built.workspaceId}`;
    const manager = built.members.manager.token;
    const doctor = built.members.doctor.token;

    const overview = (await http().get(ws).set(auth(manager)).expect(200))
      .body as WorkspaceOverview;
    expect(overview.rehabChain.day).toBe(36);
    expect(overview.expectedLengthDays).toBeNull();
    const opened = await deadlineTasks(built.workspaceId, manager);
    // Unknown length: no plan task yet (no silent 0), the doctor is asked for the length.
    expect(opened.map((task) => task.deadlineKey).sort()).toEqual([
      'EMPLOYER_REPORT_TO_FK',
      'EXPECTED_LENGTH',
    ]);
    const asked = opened.find((task) => task.deadlineKey === 'EXPECTED_LENGTH');
    expect(asked).toMatchObject({ status: 'OPEN', dueDate: today, assignee: null });

    // A certificate to day 50: still not known whether the capacity is reduced 60 days.
    const first = await http()
      .post(`${ws}/certificates`)
      .set(auth(doctor))
      .send(certificate(addDays(today, -35), addDays(today, 14), 100));
    expect(first.status).toBe(201);
    expect((first.body as CertificateView).medical?.diagnosisCode).toBe('F43.2');
    expect(
      (await deadlineTasks(built.workspaceId, manager)).map((task) => task.deadlineKey).sort(),
    ).toEqual(['EMPLOYER_REPORT_TO_FK', 'EXPECTED_LENGTH']);

    // The renewal at 50 % reaches day 78: the plan duty arises at once (day 30 has passed).
    await http()
      .post(`${ws}/certificates`)
      .set(auth(doctor))
      .send(certificate(addDays(today, 15), addDays(today, 42), 50))
      .expect(201);
    const after = (await http().get(ws).set(auth(manager)).expect(200)).body as WorkspaceOverview;
    expect(after.expectedLengthDays).toBe(78);
    // The renewal starts in two weeks: today the degree is still the first one's.
    expect(after.sickLeaveDegree).toBe(100);
    const tasks = await deadlineTasks(built.workspaceId, manager);
    const plan = tasks.find((task) => task.deadlineKey === 'RETURN_TO_WORK_PLAN');
    expect(plan).toMatchObject({ status: 'OPEN', dueDate: today, assignee: null });
    expect(plan?.title).toContain('plan för återgång i arbete');
    const lengthTask = await prisma.task.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, deadlineKey: 'EXPECTED_LENGTH' },
    });
    expect(lengthTask.status).toBe('DONE');
    expect(lengthTask.closedReason).toMatch(/förväntade längden/);

    // Each change is a revision with its author and reason, on the case's timeline.
    const timeline = (await http().get(`${ws}/timeline`).set(auth(manager)).expect(200))
      .body as CaseTimeline;
    expect(timeline.periods.map((period) => period.degree)).toEqual([100, 50]);
    const renewal = timeline.revisions.at(-1);
    expect(renewal?.author.party).toBe('CARE');
    expect(renewal?.reason).toContain('50 %');
    // The degree today did not change, so the revision does not say it did.
    expect(renewal?.changes.map((change) => change.field)).toEqual([
      'expectedLengthDays',
      'expectedLengthBasis',
    ]);
    expect(renewal?.changes[0]).toEqual({ field: 'expectedLengthDays', from: null, to: 78 });

    // The employer establishing its plan closes the task (as in plan.int-spec.ts). The
    // certificates made two revisions of its sick-leave steps already.
    const planBefore = (await http().get(`${ws}/plan`).set(auth(manager)).expect(200))
      .body as PlanView;
    expect(planBefore.version).toBe(2);
    await http()
      .put(`${ws}/plan`)
      .set(auth(manager))
      .send({ version: 2, goal: 'Tillbaka på heltid i februari.' })
      .expect(200);
    await http()
      .post(`${ws}/plan/signoffs`)
      .set(auth(manager))
      .send({ version: 3, decision: 'ESTABLISHED' })
      .expect(201);
    const done = (await deadlineTasks(built.workspaceId, manager)).find(
      (task) => task.deadlineKey === 'RETURN_TO_WORK_PLAN',
    );
    expect(done?.status).toBe('DONE');
  });

  it('shows the employer period and degree of a certificate but not its medical content, and FK all of it with MEDICAL', async () => {
    const built = await caseOnDay(10, 90, true);
    const ws = `/api/workspaces/${built.workspaceId}`;
    await http()
      .post(`${ws}/certificates`)
      .set(auth(built.members.doctor.token))
      .send(certificate(addDays(today, -9), addDays(today, 20), 75))
      .expect(201);

    const asEmployer = (
      await http().get(`${ws}/certificates`).set(auth(built.members.manager.token)).expect(200)
    ).body as CertificateView[];
    expect(asEmployer).toHaveLength(1);
    expect(asEmployer[0]).toMatchObject({
      periodFrom: addDays(today, -9),
      periodTo: addDays(today, 20),
      degree: 75,
      medical: null,
      withheld: ['MEDICAL'],
    });
    const employerBody = JSON.stringify(asEmployer);
    expect(employerBody).not.toContain('F43.2');
    expect(employerBody).not.toContain('Anpassningsstörning');
    expect(employerBody).not.toContain('fokus');

    const asFk = (
      await http().get(`${ws}/certificates`).set(auth(built.members.fk.token)).expect(200)
    ).body as CertificateView[];
    expect(asFk[0]?.medical).toMatchObject({
      diagnosisCode: 'F43.2',
      diagnosisText: 'Anpassningsstörning',
    });
    const asPatient = (
      await http().get(`${ws}/certificates`).set(auth(built.patient.token)).expect(200)
    ).body as CertificateView[];
    expect(asPatient[0]?.withheld).toEqual([]);

    // The patient sees in her log that the employer saw only the period and degree.
    const audit = await prisma.auditLog.findMany({
      where: { workspaceId: built.workspaceId, action: { startsWith: 'certificate.read' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((row) => [row.actorParty, row.action])).toEqual([
      ['EMPLOYER', 'certificate.read-withheld'],
      ['FK', 'certificate.read'],
      ['PATIENT', 'certificate.read'],
    ]);
  });

  it('makes the plan’s sick-leave steps the certificates’: renewals add steps, a later certificate corrects, and the plan no longer takes typed steps', async () => {
    const built = await caseOnDay(20, 120);
    const ws = `/api/workspaces/${built.workspaceId}`;
    const doctor = built.members.doctor.token;
    const planOf = async (token: string) =>
      (await http().get(`${ws}/plan`).set(auth(token)).expect(200)).body as PlanView;

    // Before any certificate the doctor may still set the steps by hand.
    expect((await planOf(doctor)).stepsFromCertificates).toBe(false);
    await http()
      .post(`${ws}/certificates`)
      .set(auth(doctor))
      .send(certificate(addDays(today, -19), addDays(today, 9), 100))
      .expect(201);
    await http()
      .post(`${ws}/certificates`)
      .set(auth(doctor))
      .send(certificate(addDays(today, 10), addDays(today, 40), 50))
      .expect(201);
    const renewed = await planOf(built.patient.token);
    expect(renewed.stepsFromCertificates).toBe(true);
    expect(renewed.sickLeaveSteps).toEqual([
      { degree: 100, fromDate: addDays(today, -19), toDate: addDays(today, 9) },
      { degree: 50, fromDate: addDays(today, 10), toDate: addDays(today, 40) },
    ]);

    // The doctor corrects from today: 75 % to day 9, and the degree of the case is today's.
    await http()
      .post(`${ws}/certificates`)
      .set(auth(doctor))
      .send(certificate(today, addDays(today, 9), 75))
      .expect(201);
    const corrected = await planOf(built.members.manager.token);
    expect(
      corrected.sickLeaveSteps.map((step) => [step.degree, step.fromDate, step.toDate]),
    ).toEqual([
      [100, addDays(today, -19), addDays(today, -1)],
      [75, today, addDays(today, 9)],
      [50, addDays(today, 10), addDays(today, 40)],
    ]);
    const overview = (await http().get(ws).set(auth(doctor)).expect(200)).body as WorkspaceOverview;
    expect(overview.sickLeaveDegree).toBe(75);

    // Typed steps are refused with the field named, and nothing is saved.
    const doctorPlan = await planOf(doctor);
    const typed = await http()
      .put(`${ws}/plan`)
      .set(auth(doctor))
      .send({
        version: doctorPlan.version,
        sickLeaveSteps: [{ degree: 25, fromDate: today, toDate: addDays(today, 30) }],
      });
    expect(typed.status).toBe(422);
    expect(typed.headers['content-type']).toContain('application/problem+json');
    expect(typed.body).toMatchObject({
      code: 'STEPS_FROM_CERTIFICATES',
      errors: [{ path: 'sickLeaveSteps' }],
    });
    expect(await planOf(doctor)).toEqual(doctorPlan);
    // Sending the steps back as read (a GET–edit–PUT of another field) is no change.
    await http()
      .put(`${ws}/plan`)
      .set(auth(built.members.manager.token))
      .send({ ...corrected, goal: 'Heltid igen efter sommaren.' })
      .expect(200);
  });

  it('lets only the treating doctor enter certificates, and names the field of a bad one', async () => {
    const built = await caseOnDay(10, 90);
    const path = `/api/workspaces/${built.workspaceId}/certificates`;
    const body = certificate(addDays(today, -9), addDays(today, 20), 50);
    for (const who of ['coordinator', 'manager', 'fk'] as const) {
      await http().post(path).set(auth(built.members[who].token)).send(body).expect(403);
    }
    await http().post(path).set(auth(built.patient.token)).send(body).expect(403);

    const badCode = await http()
      .post(path)
      .set(auth(built.members.doctor.token))
      .send({ ...body, diagnosisCode: 'ångest' });
    expect(badCode.status).toBe(400);
    expect(badCode.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(badCode.body)).toContain('diagnosisCode');
    const backwards = await http()
      .post(path)
      .set(auth(built.members.doctor.token))
      .send({ ...body, periodTo: addDays(today, -20) });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('periodTo');
    const beforeStart = await http()
      .post(path)
      .set(auth(built.members.doctor.token))
      .send({ ...body, periodFrom: addDays(today, -30) });
    expect(beforeStart.status).toBe(422);
    expect(beforeStart.body).toMatchObject({ code: 'CERTIFICATE_BEFORE_SICK_PERIOD' });
    // Nothing half-written.
    expect(await prisma.certificate.count({ where: { workspaceId: built.workspaceId } })).toBe(0);
    expect(await prisma.caseFactRevision.count({ where: { workspaceId: built.workspaceId } })).toBe(
      0,
    );
  });
});

describe('facts that change', () => {
  it('moves, cancels and reopens the deadline tasks as the facts change, each change a revision', async () => {
    const built = await caseOnDay(5, 90);
    const ws = `/api/workspaces/${built.workspaceId}`;
    const hr = built.members.hr.token;
    const byKey = async () =>
      new Map((await deadlineTasks(built.workspaceId, hr)).map((task) => [task.deadlineKey, task]));
    const start = addDays(today, -4);
    expect((await byKey()).get('EMPLOYER_REPORT_TO_FK')?.dueDate).toBe(addDays(start, 20));

    // The first sick day was three days earlier than reported: the deadlines move with it.
    await http()
      .patch(`${ws}/facts`)
      .set(auth(hr))
      .send({ sickPeriodStart: addDays(start, -3), reason: 'Sjukanmälan gjordes först den dagen.' })
      .expect(200);
    expect((await byKey()).get('EMPLOYER_REPORT_TO_FK')?.dueDate).toBe(addDays(start, 17));
    expect((await byKey()).get('RETURN_TO_WORK_PLAN')?.dueDate).toBe(addDays(start, 26));

    // Earlier periods fewer than 90 days before count: 22 days push the day count forward;
    // one 90 days or more before the next does not.
    const withPeriods = await http()
      .patch(`${ws}/facts`)
      .set(auth(hr))
      .send({
        earlierPeriods: [
          { from: addDays(start, -63), to: addDays(start, -42) },
          { from: addDays(start, -250), to: addDays(start, -200) },
        ],
        reason: 'Sjukperioder i höstas och i våras.',
      });
    expect(withPeriods.status).toBe(200);
    const overview = withPeriods.body as WorkspaceOverview;
    expect(overview.earlierSickDays).toBe(22);
    expect(overview.rehabChain.day).toBe(22 + 8);
    // Day 21 now fell within the earlier period: that deadline belonged to it.
    const report = await prisma.task.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, deadlineKey: 'EMPLOYER_REPORT_TO_FK' },
    });
    expect(report.status).toBe('CANCELLED');
    expect(report.closedReason).toMatch(/tidigare sjukperiod/);

    // No employer any more (the employment ended): the employer's obligations close.
    await http()
      .patch(`${ws}/facts`)
      .set(auth(hr))
      .send({ employmentStatus: 'UNEMPLOYED', reason: 'Anställningen upphörde.' })
      .expect(200);
    const unemployed = await prisma.task.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' },
    });
    expect(unemployed.status).toBe('CANCELLED');
    expect(unemployed.closedReason).toMatch(/ingen arbetsgivare/);
    const phase = ((await http().get(ws).set(auth(hr)).expect(200)).body as WorkspaceOverview)
      .rehabChain.phase;
    expect(phase).toBe('LABOUR_MARKET_FROM_START');

    // Employed again: the plan duty applies again and its task reopens.
    await http()
      .patch(`${ws}/facts`)
      .set(auth(hr))
      .send({ employmentStatus: 'EMPLOYED', reason: 'Registrerades fel.' })
      .expect(200);
    const reopened = await prisma.task.findFirstOrThrow({
      where: { workspaceId: built.workspaceId, deadlineKey: 'RETURN_TO_WORK_PLAN' },
    });
    expect(reopened.status).toBe('OPEN');
    expect(reopened.closedReason).toBeNull();
    // Day 30 falls on the eighth day of the corrected period: due today.
    expect(reopened.dueDate?.toISOString().slice(0, 10)).toBe(today);

    const timeline = (await http().get(`${ws}/timeline`).set(auth(built.patient.token)).expect(200))
      .body as CaseTimeline;
    expect(timeline.revisions.map((revision) => revision.reason)).toEqual([
      'Sjukanmälan gjordes först den dagen.',
      'Sjukperioder i höstas och i våras.',
      'Anställningen upphörde.',
      'Registrerades fel.',
    ]);
    expect(timeline.earlierPeriods).toEqual([
      { from: addDays(start, -250), to: addDays(start, -200) },
      { from: addDays(start, -63), to: addDays(start, -42) },
    ]);
  });

  it('lets each role change only the facts it keeps', async () => {
    const built = await caseOnDay(5, 90);
    const path = `/api/workspaces/${built.workspaceId}/facts`;
    const send = (who: keyof typeof built.members | 'patient', body: object) =>
      http()
        .patch(path)
        .set(auth(who === 'patient' ? built.patient.token : built.members[who].token))
        .send({ ...body, reason: 'Test' });
    await send('doctor', { employmentStatus: 'UNEMPLOYED' }).expect(403);
    await send('manager', { expectedLengthDays: 30 }).expect(403);
    await send('coordinator', { expectedLengthDays: 30 }).expect(403);
    await send('patient', { sickPeriodStart: addDays(today, -10) }).expect(403);
    await send('fk', { employmentStatus: 'SELF_EMPLOYED' }).expect(200);
    // The doctor says the capacity returns within 60 days: the plan is no longer required.
    await send('doctor', {
      expectedLengthDays: 45,
      expectedLengthBasis: 'Läkarens bedömning',
    }).expect(200);
    const overlapping = await send('manager', {
      earlierPeriods: [{ from: addDays(today, -10), to: addDays(today, -2) }],
    });
    expect(overlapping.status).toBe(422);
    expect(overlapping.body).toMatchObject({
      code: 'INVALID_SICK_PERIOD',
      errors: [{ path: 'earlierPeriods.0' }],
    });
    const empty = await http()
      .patch(path)
      .set(auth(built.members.manager.token))
      .send({ reason: 'x' });
    expect(empty.status).toBe(400);
  });
});

describe('closing and reopening', () => {
  it('closes with a reason: read-only with a clear code, reminders gone, and reopening continues the day count', async () => {
    const built = await caseOnDay(20, 90);
    const ws = `/api/workspaces/${built.workspaceId}`;
    const manager = built.members.manager.token;
    await drained();
    // The employer's deadlines ahead are announced a week before (issue 13).
    expect(await queuedKeys(built.workspaceId)).toEqual(
      expect.arrayContaining([`remind:milestone:${built.workspaceId}:RETURN_TO_WORK_PLAN`]),
    );

    await http()
      .post(`${ws}/close`)
      .set(auth(built.members.coordinator.token))
      .send({ reason: 'BACK_AT_WORK_FULL' })
      .expect(403);
    const closed = await http()
      .post(`${ws}/close`)
      .set(auth(manager))
      .send({ reason: 'BACK_AT_WORK_FULL', note: 'Åter på heltid.' });
    expect(closed.status).toBe(200);
    const overview = closed.body as WorkspaceOverview;
    expect(overview.status).toBe('CLOSED');
    // The answer already shows what the manager may do now: reopen, nothing else.
    expect(overview.permissions).toContain('case:reopen');
    expect(overview.permissions).not.toContain('task:create');
    expect(overview.closing).toEqual({
      closedOn: today,
      reason: 'BACK_AT_WORK_FULL',
      note: 'Åter på heltid.',
      reopenUntil: addDays(today, 90),
    });
    const dayWhenClosed = overview.rehabChain.day;
    expect(dayWhenClosed).toBe(20);
    // The retention clock starts from the stored closing day.
    const stored = await prisma.workspace.findUniqueOrThrow({ where: { id: built.workspaceId } });
    expect(stored.closedOn?.toISOString().slice(0, 10)).toBe(today);
    expect(stored.closedAt).not.toBeNull();

    await drained();
    expect(
      (await queuedKeys(built.workspaceId)).filter((key) => key.startsWith('remind:milestone')),
    ).toEqual([]);

    // Read-only: every write answers 409 CASE_CLOSED, and nothing changes.
    const writes = [
      http()
        .post(`${ws}/tasks`)
        .set(auth(manager))
        .send({ title: 'Ny uppgift', assigneeParty: 'EMPLOYER' }),
      http().put(`${ws}/plan`).set(auth(manager)).send({ version: 0, goal: 'x' }),
      http()
        .post(`${ws}/certificates`)
        .set(auth(built.members.doctor.token))
        .send(certificate(addDays(today, -19), addDays(today, 5), 50)),
      http().post(`${ws}/close`).set(auth(manager)).send({ reason: 'OTHER' }),
    ];
    for (const write of writes) {
      const response = await write;
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CASE_CLOSED' });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await prisma.certificate.count({ where: { workspaceId: built.workspaceId } })).toBe(0);
    // Reads still work, and the overview offers no edit controls, only the reopening.
    const read = (await http().get(ws).set(auth(manager)).expect(200)).body as WorkspaceOverview;
    expect(read.permissions).toContain('plan:read');
    expect(read.permissions).toContain('case:reopen');
    for (const write of [
      'plan:update',
      'task:create',
      'case:close',
      'case:update-facts',
    ] as const) {
      expect(read.permissions).not.toContain(write);
    }
    // Her consents stay hers in a closed case.
    const consents = await http().get(`${ws}/consents`).set(auth(built.patient.token)).expect(200);
    const employerConsent = (consents.body as { id: string; party: string }[]).find(
      (consent) => consent.party === 'EMPLOYER',
    );
    await http()
      .delete(`${ws}/consents/${employerConsent?.id ?? ''}`)
      .set(auth(built.patient.token))
      .expect(200);

    // Too late to continue: 90 days or more between the periods.
    const tooLate = await http()
      .post(`${ws}/reopen`)
      .set(auth(manager))
      .send({ newPeriodStart: addDays(today, 91), reason: 'Ny sjukperiod' });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body).toMatchObject({
      code: 'REOPEN_WINDOW_PASSED',
      errors: [{ path: 'newPeriodStart' }],
    });
    // Within 90 days the chain continues: the new period's first day is the next day in it.
    const reopened = await http()
      .post(`${ws}/reopen`)
      .set(auth(built.members.doctor.token))
      .send({ newPeriodStart: addDays(today, 1), reason: 'Nytt läkarintyg, samma diagnos.' });
    expect(reopened.status).toBe(200);
    const again = reopened.body as WorkspaceOverview;
    expect(again.status).toBe('ACTIVE');
    expect(again.closing).toBeNull();
    expect(again.earlierSickDays).toBe(dayWhenClosed);
    const chainDay30 = again.rehabChain.milestones.find(
      (milestone) => milestone.key === 'RETURN_TO_WORK_PLAN',
    );
    // Day 30 falls ten days into the new period (day 21 is its first).
    expect(chainDay30?.date).toBe(addDays(today, 10));
    const writable = await http()
      .post(`${ws}/tasks`)
      .set(auth(manager))
      .send({ title: 'Uppföljning', assigneeParty: 'EMPLOYER' });
    expect(writable.status).toBe(201);
    const timeline = (await http().get(`${ws}/timeline`).set(auth(manager)).expect(200))
      .body as CaseTimeline;
    expect(timeline.earlierPeriods).toEqual([{ from: addDays(today, -19), to: today }]);
    expect(timeline.revisions.map((revision) => revision.reason)).toEqual([
      'Ärendet avslutat: Tillbaka i arbete på heltid. Åter på heltid.',
      'Nytt läkarintyg, samma diagnos.',
    ]);
  });

  it('asks for a new case linked to the closed one when the new period starts 90 days or more after closing, and opens it on the person’s yes', async () => {
    const built = await caseOnDay(200, 120);
    const ws = `/api/workspaces/${built.workspaceId}`;
    const manager = built.members.manager.token;
    const closedOn = addDays(today, -120);
    await http()
      .post(`${ws}/close`)
      .set(auth(manager))
      .send({ reason: 'BACK_AT_WORK_FULL', closedOn })
      .expect(200);
    const lastStart = addDays(closedOn, 90);

    // Too late to join the chain: reopening is refused and points to the follow-up.
    const late = await http()
      .post(`${ws}/reopen`)
      .set(auth(manager))
      .send({ newPeriodStart: addDays(today, -5), reason: 'Ny sjukperiod' });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'REOPEN_WINDOW_PASSED', lastStart });
    // A period that still joins is reopened, not followed up.
    const joins = await http()
      .post(`${ws}/follow-up-case`)
      .set(auth(manager))
      .send({ newPeriodStart: addDays(lastStart, -1) });
    expect(joins.status).toBe(422);
    expect(joins.body).toMatchObject({
      code: 'PERIOD_JOINS_CASE',
      errors: [{ path: 'newPeriodStart' }],
    });
    // Only those who may reopen may ask.
    await http()
      .post(`${ws}/follow-up-case`)
      .set(auth(built.members.coordinator.token))
      .send({ newPeriodStart: addDays(today, -5) })
      .expect(403);

    const asked = await http()
      .post(`${ws}/follow-up-case`)
      .set(auth(manager))
      .send({ newPeriodStart: addDays(today, -5), expectedLengthDays: 30 });
    expect(asked.status).toBe(202);
    const opening = asked.body as CaseOpeningView;
    expect(opening).toMatchObject({
      status: 'PENDING',
      workspaceId: null,
      previousCaseId: built.workspaceId,
    });
    // Nothing is opened before she answers; she sees who asked, in the closed case's log.
    expect(
      await prisma.workspace.count({ where: { previousWorkspaceId: built.workspaceId } }),
    ).toBe(0);
    const logged = await prisma.auditLog.findMany({
      where: { workspaceId: built.workspaceId, action: 'case.follow-up-requested' },
      orderBy: { at: 'asc' },
    });
    expect(logged.map((row) => [row.actorParty, row.outcome])).toEqual([
      ['CARE', 'DENIED'],
      ['EMPLOYER', 'ALLOWED'],
    ]);

    const accepted = await http()
      .post(`/api/case-openings/${opening.id}/accept`)
      .set(auth(built.patient.token))
      .expect(200);
    const followUpId = (accepted.body as { workspaceId: string }).workspaceId;
    const followUp = (
      await http().get(`/api/workspaces/${followUpId}`).set(auth(manager)).expect(200)
    ).body as WorkspaceOverview;
    // A new chain: day 6 of the new period, nothing of the old one counted.
    expect(followUp).toMatchObject({
      status: 'ACTIVE',
      previousCaseId: built.workspaceId,
      sickPeriodStart: addDays(today, -5),
      earlierSickDays: 0,
      expectedLengthDays: 30,
    });
    expect(followUp.rehabChain.day).toBe(6);
    // The closed case stays closed, as it was.
    const old = (await http().get(ws).set(auth(manager)).expect(200)).body as WorkspaceOverview;
    expect(old).toMatchObject({ status: 'CLOSED', previousCaseId: null });
  });
});
