import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type OrganisationKind, type Role } from '@prisma/client';
import { Client } from 'pg';
import request from 'supertest';
import {
  MINIMUM_CELL_SIZE,
  statisticsResponseSchema,
  type StatisticsResponse,
  type StatisticsTable,
} from '@atergang/contracts';
import { createTestApp, type TestApp } from '../testing/test-app';
import { aggregatesAt } from './statistics-levels';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { PrismaService } from '../prisma/prisma.service';
import {
  SPLIT_READ_MIN_POOL,
  type StatisticsAggregate,
  StatisticsRepository,
} from './statistics.repository';

// Follow-up statistics (issue 18) on real PostgreSQL. The cases are written straight into
// the database (their whole history would take hundreds of requests each), every one of
// them below with the facts the figures are drawn from; the expected figures were counted
// by hand from that list (the comments give the arithmetic). The raw aggregates are checked
// through the repository, the published tables through HTTP.

const PASSWORD = 'statistik-2026-uppfoljning';

interface CaseSpec {
  readonly key: string;
  readonly start: string;
  /** Birth date and sex digit, or null: no personnummer. */
  readonly person: { readonly born: string; readonly man: boolean } | null;
  readonly closed?: { readonly on: string; readonly reason: string };
  readonly employment?: 'EMPLOYED' | 'UNEMPLOYED';
  readonly expected?: number;
  readonly certificate?: {
    readonly from: string;
    readonly to: string;
    readonly degree: number;
    readonly code: string;
  };
  /** A second certificate: in force from its first day, the first one no longer. */
  readonly nextCertificate?: { readonly from: string; readonly degree: number };
  readonly planEstablishedOn?: string;
  readonly measures?: readonly {
    readonly kind: string;
    readonly medical?: boolean;
    readonly start: string;
    readonly done?: boolean;
    readonly followUp?: string;
  }[];
  readonly avstamning?: readonly string[];
}

const F90 = { born: '1990-05-05', man: false };
const M80 = { born: '1980-01-10', man: true };

// Quarter 1 of 2025: eight cases from 10 January (chain day 30 = 8 February).
// Quarter 2: six from 1 April (day 30 = 30 April). Quarter 3: two from 1 August.
const CASES: readonly CaseSpec[] = [
  {
    key: 'A1',
    start: '2025-01-10',
    person: F90,
    closed: { on: '2025-03-20', reason: 'BACK_AT_WORK_FULL' }, // 70 days
    certificate: { from: '2025-01-10', to: '2025-03-20', degree: 100, code: 'F32.1' },
    planEstablishedOn: '2025-02-01', // day 23: on time
    measures: [{ kind: 'WORKPLACE_ADAPTATION', start: '2025-02-01', followUp: '2025-03-01' }],
    avstamning: ['2025-02-15'], // 36 days from the start
  },
  {
    key: 'A2',
    start: '2025-01-10',
    person: { born: '1991-06-06', man: false },
    closed: { on: '2025-03-20', reason: 'BACK_AT_WORK_FULL' }, // 70 days
    certificate: { from: '2025-01-10', to: '2025-03-20', degree: 100, code: 'F32' },
    planEstablishedOn: '2025-02-20', // 12 days late
    avstamning: ['2025-03-01'], // 50 days
  },
  {
    key: 'A3',
    start: '2025-01-10',
    person: { born: '1960-02-01', man: false },
    // 30 days: ended on day 30, so no plan was due.
    closed: { on: '2025-02-08', reason: 'SICK_LEAVE_ENDED' },
    certificate: { from: '2025-01-10', to: '2025-02-08', degree: 100, code: 'M54' },
  },
  {
    key: 'A4',
    start: '2025-01-10',
    person: M80, // 45 on day 1 (birthday)
    certificate: { from: '2025-01-10', to: '2025-12-31', degree: 50, code: 'F43' },
    planEstablishedOn: '2025-03-11', // 31 days late
    measures: [
      { kind: 'WORK_TRAINING', start: '2025-03-15' },
      { kind: 'TREATMENT', medical: true, start: '2025-03-15', done: true },
    ],
    avstamning: ['2025-04-10'], // 90 days
  },
  {
    key: 'A5',
    start: '2025-01-10',
    person: { born: '2000-12-31', man: true }, // 24
    certificate: { from: '2025-01-10', to: '2025-12-31', degree: 50, code: 'S83' },
  },
  {
    key: 'A6',
    start: '2025-01-10',
    person: { born: '1980-02-10', man: true }, // 44
    closed: { on: '2025-06-10', reason: 'BACK_AT_WORK_FULL' }, // 152 days
    certificate: { from: '2025-01-10', to: '2025-06-10', degree: 75, code: 'F32' },
    planEstablishedOn: '2025-01-20',
    measures: [{ kind: 'WORKPLACE_ADAPTATION', start: '2025-02-10', done: true }],
  },
  { key: 'A7', start: '2025-01-10', person: null, employment: 'UNEMPLOYED' },
  {
    key: 'A8',
    start: '2025-01-10',
    person: { born: '1992-07-07', man: false },
    closed: { on: '2025-11-30', reason: 'NEW_EMPLOYER' }, // 325 days
    expected: 30, // no plan needed
    certificate: { from: '2025-01-10', to: '2025-11-30', degree: 100, code: 'F32' },
    avstamning: ['2025-02-20'], // 41 days
  },
  ...[1, 2, 3, 4, 5].map((n): CaseSpec => ({
    key: `B${String(n)}`,
    start: '2025-04-01',
    person: { born: `1990-0${String(n)}-15`, man: false },
    closed: { on: '2025-05-15', reason: 'BACK_AT_WORK_FULL' }, // 45 days
    certificate: { from: '2025-04-01', to: '2025-05-15', degree: 100, code: 'F41' },
    // B1-B3 on day 20; B4 10 days late; B5 none.
    ...(n <= 3 ? { planEstablishedOn: '2025-04-20' } : {}),
    ...(n === 4 ? { planEstablishedOn: '2025-05-10' } : {}),
    measures: [{ kind: 'WORKPLACE_ADAPTATION', start: '2025-04-10', followUp: '2025-05-01' }],
    avstamning: ['2025-04-25'], // 24 days
  })),
  {
    key: 'B6',
    start: '2025-04-01',
    person: { born: '1960-03-03', man: true }, // 65
    certificate: { from: '2025-04-01', to: '2025-12-31', degree: 25, code: 'J45' },
    nextCertificate: { from: '2025-09-15', degree: 50 }, // 50 % from 15 September
    planEstablishedOn: '2025-05-20', // 20 days late
    measures: [{ kind: 'COORDINATION', start: '2025-04-15' }],
  },
  ...[1, 2].map((n): CaseSpec => ({
    key: `C${String(n)}`,
    start: '2025-08-01',
    person: { born: `1990-1${String(n)}-01`, man: false },
    certificate: { from: '2025-08-01', to: '2025-12-31', degree: 100, code: 'F32' },
  })),
];

let serial = 100;
function personnummer(born: string, man: boolean): string {
  serial += 1;
  // Digit 11 (the serial's last): odd for a man.
  const digits = String(serial % 100).padStart(2, '0') + (man ? '3' : '4');
  return `${born.replaceAll('-', '')}${digits}0`;
}

async function insertCase(
  db: Client,
  spec: CaseSpec,
  organisations: { employer: string; care: string },
  staff: { employer: string; care: string },
): Promise<string> {
  const patient = randomUUID();
  const workspace = randomUUID();
  await db.query(
    `INSERT INTO users (id, email, name, personnummer, updated_at) VALUES ($1, $2, $3, $4, now())`,
    [
      patient,
      `${spec.key.toLowerCase()}-${workspace.slice(0, 8)}@atergang.test`,
      `Patient ${spec.key}`,
      spec.person ? personnummer(spec.person.born, spec.person.man) : null,
    ],
  );
  await db.query(
    `INSERT INTO workspaces (id, patient_user_id, employer_organisation_id, sick_period_start,
       expected_length_days, employment_status, status, created_by_id, updated_at, closed_at,
       closed_on, closing_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10, $11::case_closing_reason)`,
    [
      workspace,
      patient,
      organisations.employer,
      spec.start,
      spec.expected ?? 90,
      spec.employment ?? 'EMPLOYED',
      spec.closed ? 'CLOSED' : 'ACTIVE',
      staff.care,
      spec.closed ? `${spec.closed.on}T12:00:00Z` : null,
      spec.closed?.on ?? null,
      spec.closed?.reason ?? null,
    ],
  );
  await db.query(
    `INSERT INTO participants (id, workspace_id, user_id, party, organisation_id, role) VALUES
       (gen_random_uuid(), $1, $2, 'PATIENT', NULL, NULL),
       (gen_random_uuid(), $1, $3, 'CARE', $4, 'DOCTOR'),
       (gen_random_uuid(), $1, $5, 'EMPLOYER', $6, 'MANAGER')
     ON CONFLICT DO NOTHING`,
    [workspace, patient, staff.care, organisations.care, staff.employer, organisations.employer],
  );
  if (spec.certificate) {
    const c = spec.certificate;
    await db.query(
      `INSERT INTO certificates (id, workspace_id, period_from, period_to, degree, diagnosis_code,
         diagnosis_text, activity_limitations, author_party, created_by_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'diagnos', 'begränsningar', 'CARE', $6)`,
      [workspace, c.from, c.to, c.degree, c.code, staff.care],
    );
  }
  if (spec.certificate && spec.nextCertificate) {
    await db.query(
      `INSERT INTO certificates (id, workspace_id, period_from, period_to, degree, diagnosis_code,
         diagnosis_text, activity_limitations, author_party, created_by_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'Z00', 'diagnos', 'begränsningar', 'CARE', $5)`,
      [
        workspace,
        spec.nextCertificate.from,
        spec.certificate.to,
        spec.nextCertificate.degree,
        staff.care,
      ],
    );
  }
  const plan = randomUUID();
  await db.query(
    `INSERT INTO plans (id, workspace_id, created_by_id, updated_by_id, updated_at)
     VALUES ($1, $2, $3, $3, now())`,
    [plan, workspace, staff.employer],
  );
  if (spec.planEstablishedOn) {
    await db.query(
      `INSERT INTO plan_signoffs (id, workspace_id, plan_id, version, user_id, party, decision, signed_at)
       VALUES (gen_random_uuid(), $1, $2, 1, $3, 'EMPLOYER', 'ESTABLISHED', $4)`,
      [workspace, plan, staff.employer, `${spec.planEstablishedOn}T10:00:00+01:00`],
    );
  }
  for (const [position, m] of (spec.measures ?? []).entries()) {
    await db.query(
      `INSERT INTO plan_measures (id, workspace_id, plan_id, owner_party, kind, category, title,
         start_date, status, follow_up_date, position, created_by_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4::measure_kind, $5::measure_category, 'Åtgärd',
         $6, $7::measure_status, $8, $9, $10, now())`,
      [
        workspace,
        plan,
        m.medical ? 'CARE' : 'EMPLOYER',
        m.kind,
        m.medical ? 'MEDICAL' : 'PLAN',
        m.start,
        m.done ? 'DONE' : 'PLANNED',
        m.followUp ?? null,
        position,
        staff.employer,
      ],
    );
  }
  for (const day of spec.avstamning ?? []) {
    const meeting = randomUUID();
    const slot = randomUUID();
    await db.query(
      `INSERT INTO meetings (id, workspace_id, kind, title, status, organiser_id, organiser_party,
         ics_uid, updated_at)
       VALUES ($1, $2, 'AVSTAMNINGSMOTE', 'Avstämningsmöte', 'PROPOSED', $3, 'CARE', $4, now())`,
      [meeting, workspace, staff.care, randomUUID()],
    );
    await db.query(
      `INSERT INTO meeting_slots (id, workspace_id, meeting_id, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [slot, workspace, meeting, `${day}T09:00:00+01:00`, `${day}T10:00:00+01:00`],
    );
    await db.query(
      `UPDATE meetings SET status = 'SCHEDULED', scheduled_slot_id = $2 WHERE id = $1`,
      [meeting, slot],
    );
  }
  return workspace;
}

describe('follow-up statistics (issue 18)', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let db: Client;
  const orgs = { employer: '', care: '', fk: '', other: '' };
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  const http = () => request(testApp.app.getHttpServer());

  async function member(key: string, organisationId: string, role: Role): Promise<string> {
    const user = await prisma.user.create({
      data: {
        email: `${key}@statistik.test`,
        name: key,
        passwordHash: await hash(PASSWORD),
      },
    });
    await prisma.membership.create({ data: { userId: user.id, organisationId, role } });
    const login = await http()
      .post('/api/auth/login')
      .send({ email: `${key}@statistik.test`, password: PASSWORD })
      .expect(200);
    tokens[key] = (login.body as { accessToken: string }).accessToken;
    userIds[key] = user.id;
    return user.id;
  }

  const organisation = async (kind: OrganisationKind, name: string) =>
    (await prisma.organisation.create({ data: { kind, name } })).id;

  beforeAll(async () => {
    testApp = await createTestApp();
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: testApp.database.url }),
    });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    orgs.employer = await organisation('EMPLOYER', 'Statistik AB');
    orgs.care = await organisation('CARE_UNIT', 'Vårdcentralen Statistik');
    orgs.fk = await organisation('FK', 'Försäkringskassan Statistik');
    orgs.other = await organisation('EMPLOYER', 'Annan AB');
    const staff = {
      employer: await member('manager', orgs.employer, 'MANAGER'),
      care: await member('doctor', orgs.care, 'DOCTOR'),
    };
    await member('hr', orgs.employer, 'HR');
    await member('employer-admin', orgs.employer, 'ORG_ADMIN');
    await member('care-admin', orgs.care, 'ORG_ADMIN');
    await member('coordinator', orgs.care, 'COORDINATOR');
    await member('fk-admin', orgs.fk, 'ORG_ADMIN');
    await member('fk-officer', orgs.fk, 'CASE_OFFICER');
    const otherManager = await member('other-manager', orgs.other, 'MANAGER');
    for (const spec of CASES) await insertCase(db, spec, orgs, staff);
    // Cases of another employer and care unit: never counted for ours.
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await insertCase(
        db,
        { key: `X${String(n)}`, start: '2025-01-10', person: F90, measures: [] },
        { employer: orgs.other, care: orgs.other },
        { employer: otherManager, care: otherManager },
      );
    }
  });

  afterAll(async () => {
    await db.end();
    await prisma.$disconnect();
    await testApp.close();
  });

  const statistics = (who: string, organisationId: string, query: Record<string, string>) =>
    http()
      .get(`/api/organisations/${organisationId}/statistics`)
      .query(query)
      .set('authorization', `Bearer ${tokens[who] ?? ''}`);

  const YEAR_2025 = { period: 'quarter', from: '2025-01', to: '2025-12' };
  const Q = ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01'] as const;

  /** The raw aggregates as { figure: { bucket: { column: n } } } (medians under __median). */
  async function raw(
    medical: boolean,
    group: 'none' | 'sex' | 'ageBand' = 'none',
    from = '2025-01-01',
  ) {
    const monthly = await testApp.app.get(StatisticsRepository).aggregates({
      organisationId: medical ? orgs.care : orgs.employer,
      period: 'quarter',
      group,
      from,
      toExclusive: '2026-01-01',
      today: '2026-12-01',
      medical,
    });
    // The statement counts per month; the quarters are their sums (statistics-levels.ts).
    const aggregates = aggregatesAt('quarter', monthly, {
      medians: 'quarter',
      today: '2026-12-01',
    });
    const out: Record<string, Record<string, Record<string, number>>> = {};
    const put = (a: StatisticsAggregate) => {
      const figure = (out[a.figure] ??= {});
      const bucket = (figure[a.bucket] ??= {});
      bucket[a.column] = a.column === '__median' ? (a.median ?? Number.NaN) : a.n;
      if (a.cases !== a.n && a.column !== '__median') bucket[`${a.column}#cases`] = a.cases;
    };
    aggregates.forEach(put);
    return out;
  }

  it('counts every figure as the hand-made list says (the raw aggregates, employer)', async () => {
    const figures = await raw(false);
    expect(figures.active).toEqual({
      // Q1: A1-A8. Q2: A4-A8 (A6 closed 10 June) and B1-B6. Q3 and Q4: A4, A5, A7, A8, B6, C1, C2.
      [Q[0]]: { ALL: 8 },
      [Q[1]]: { ALL: 11 },
      [Q[2]]: { ALL: 7 },
      [Q[3]]: { ALL: 7 },
    });
    expect(figures.started).toEqual({ [Q[0]]: { ALL: 8 }, [Q[1]]: { ALL: 6 }, [Q[2]]: { ALL: 2 } });
    // Open on the last day: Q1 A4-A8; Q2 A4, A5, A7, A8, B6; Q3 + C1, C2; Q4 without A8.
    expect(figures.open).toEqual({
      [Q[0]]: { ALL: 5 },
      [Q[1]]: { ALL: 5 },
      [Q[2]]: { ALL: 7 },
      [Q[3]]: { ALL: 6 },
    });
    expect(figures.closedByReason).toEqual({
      [Q[0]]: { BACK_AT_WORK_FULL: 2, SICK_LEAVE_ENDED: 1 },
      [Q[1]]: { BACK_AT_WORK_FULL: 6 },
      [Q[3]]: { NEW_EMPLOYER: 1 },
    });
    expect(figures.lengthOfClosed).toEqual({
      [Q[0]]: { '1-30': 1, '31-90': 2, __median: 70 },
      [Q[1]]: { '31-90': 5, '91-180': 1, __median: 45 },
      [Q[3]]: { '181-365': 1, __median: 325 },
    });
    // The certificate in force on the last day of the cases open then (A7 has none; B6's
    // second one, 50 %, from 15 September).
    expect(figures.degree).toEqual({
      [Q[0]]: { '50': 2, '75': 1, '100': 1 },
      [Q[1]]: { '25': 1, '50': 2, '100': 1 },
      [Q[2]]: { '50': 3, '100': 3 },
      [Q[3]]: { '50': 3, '100': 2 },
    });
    // Q1: A1, A6 on time; A2 12 and A4 31 days late (median 21.5); A5 none; A3 ended on
    // day 30, A7 is unemployed, A8 expected 30 days: no plan due. Q2: B1-B3 on time, B4 10
    // and B6 20 days late, B5 none. Q3: C1, C2 none.
    expect(figures.planByDay30).toEqual({
      [Q[0]]: { ON_TIME: 2, LATE: 2, NONE: 1, __median: 21.5 },
      [Q[1]]: { ON_TIME: 3, LATE: 2, NONE: 1, __median: 15 },
      [Q[2]]: { NONE: 2 },
    });
    // The employer does not count A4's treatment (medical).
    expect(figures.measuresByKind).toEqual({
      [Q[0]]: { WORKPLACE_ADAPTATION: 2, WORK_TRAINING: 1, __cases: 3 },
      [Q[1]]: { WORKPLACE_ADAPTATION: 5, COORDINATION: 1, __cases: 6 },
    });
    expect(figures.measuresFollowedUp).toEqual({
      [Q[0]]: { FOLLOWED_UP: 2, NOT_FOLLOWED_UP: 1, __cases: 3 },
      [Q[1]]: { FOLLOWED_UP: 5, NOT_FOLLOWED_UP: 1, __cases: 6 },
    });
    expect(figures.avstamningHeld).toEqual({ [Q[0]]: { ALL: 3 }, [Q[1]]: { ALL: 6 } });
    // Q1: A1 36, A8 41, A2 50, A4 90 days: median 45.5. Q2: B1-B5 on day 24.
    expect(figures.firstAvstamning).toEqual({
      [Q[0]]: { HELD: 4, NOT_HELD: 4, __median: 45.5 },
      [Q[1]]: { HELD: 5, NOT_HELD: 1, __median: 24 },
      [Q[2]]: { NOT_HELD: 2 },
    });
    expect(figures.returnToWork).toEqual({
      [Q[0]]: { WITHIN_90: 2, WITHIN_180: 1, NOT_WITHIN_365: 5 },
      [Q[1]]: { WITHIN_90: 5, NOT_WITHIN_365: 1 },
      [Q[2]]: { NOT_WITHIN_365: 2 },
    });
    expect(figures.diagnosisChapter).toBeUndefined();
  });

  it('counts the cases that started before the first period asked for as open and active', async () => {
    const figures = await raw(false, 'none', '2025-04-01');
    expect(figures.active).toEqual({ [Q[1]]: { ALL: 11 }, [Q[2]]: { ALL: 7 }, [Q[3]]: { ALL: 7 } });
    expect(figures.open).toEqual({ [Q[1]]: { ALL: 5 }, [Q[2]]: { ALL: 7 }, [Q[3]]: { ALL: 6 } });
    expect(figures.degree?.[Q[1]]).toEqual({ '25': 1, '50': 2, '100': 1 });
    expect(figures.started?.[Q[0]]).toBeUndefined();
  });

  it('counts by sex and age band on day 1, and the care unit counts treatment and diagnosis chapters', async () => {
    expect((await raw(false, 'sex')).started).toEqual({
      [Q[0]]: { KVINNA: 4, MAN: 3, OKAND: 1 },
      [Q[1]]: { KVINNA: 5, MAN: 1 },
      [Q[2]]: { KVINNA: 2 },
    });
    expect((await raw(false, 'ageBand')).started).toEqual({
      // A1, A2, A8 30-39; A3 60+; A4 (45 on his birthday), A6 (44) 40-49; A5 16-29; A7 unknown.
      [Q[0]]: { '16-29': 1, '30-39': 3, '40-49': 2, '60+': 1, OKAND: 1 },
      [Q[1]]: { '30-39': 5, '60+': 1 },
      [Q[2]]: { '30-39': 2 },
    });
    const care = await raw(true);
    expect(care.measuresByKind?.[Q[0]]).toEqual({
      WORKPLACE_ADAPTATION: 2,
      WORK_TRAINING: 1,
      TREATMENT: 1,
      // Four measures of three cases.
      __cases: 4,
      '__cases#cases': 3,
    });
    expect(care.diagnosisChapter).toEqual({
      [Q[0]]: { 'F00-F99': 5, 'M00-M99': 1, 'S00-T98': 1, OKAND: 1 },
      [Q[1]]: { 'F00-F99': 5, 'J00-J99': 1 },
      [Q[2]]: { 'F00-F99': 2 },
    });
  });

  const table = (body: StatisticsResponse, id: string): StatisticsTable => {
    const found = body.tables.find((t) => t.id === id);
    if (!found) throw new Error(`no table ${id}`);
    return found;
  };
  const values = (t: StatisticsTable) =>
    t.rows.map((row) => [...row.cells.map((c) => c.value), row.total.value]);

  it("publishes the employer's tables with every cell under 5 hidden and no way back to it", async () => {
    const response = await statistics('hr', orgs.employer, YEAR_2025).expect(200);
    const body = statisticsResponseSchema.parse(response.body);
    expect(body).toMatchObject({
      kind: 'EMPLOYER',
      period: 'quarter',
      from: '2025-01-01',
      to: '2025-12-31',
      periods: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'],
      minimumCellSize: 5,
    });
    expect(body.tables.map((t) => t.id)).not.toContain('diagnosisChapter');
    // Started: Q3 (2) and Q4 (0) hidden; so the total over the year is too.
    expect(values(table(body, 'started'))).toEqual([
      [8, 8],
      [6, 6],
      [null, null],
      [null, null],
    ]);
    expect(table(body, 'started').totalRow?.total.value).toBeNull();
    // Q2 closed: 6 back at work and four zeros; the zeros alone would say "all six were
    // back at work", so the 6 is hidden too; the total stays.
    expect(values(table(body, 'closedByReason'))[1]).toEqual([null, null, null, null, null, 6]);
    // Q1 has 3 closed: nothing; Q2 the 5 of 31-90 days and the median 45.
    const length = table(body, 'lengthOfClosed');
    expect(values(length)).toEqual([
      [null, null, null, null, null, null],
      [null, 5, null, null, null, 6],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
    ]);
    expect(length.rows.map((r) => r.median?.value ?? null)).toEqual([null, 45, null, null]);
    // Five of six measures followed up would give the sixth away: both hidden.
    expect(values(table(body, 'measuresFollowedUp'))[1]).toEqual([null, null, 6]);
    expect(values(table(body, 'measuresByKind'))[1]?.slice(-1)).toEqual([6]);
    // The held meetings of Q1 (3) are hidden, Q2's 6 shown.
    expect(values(table(body, 'avstamningHeld')).slice(0, 2)).toEqual([
      [null, null],
      [6, 6],
    ]);
    // Q2: 5 held and 1 not: both hidden, and so the median of the 5.
    const first = table(body, 'firstAvstamning');
    expect(values(first)[1]).toEqual([null, null, 6]);
    expect(first.rows[1]?.median?.value).toBeNull();
    // Q1 2 / 1 / 0 / 5 of 8, Q2 5 / 0 / 0 / 1 of 6, Q3 0 / 0 / 0 / 2. Showing Q1's 5, Q2's 5
    // and the year's 7 and 8 would give the small ones back through bounds over several
    // equations (the year's 1 of 180 or 365 days must be Q1's, since Q2's hidden three add
    // up to 1 and the year's NOT_WITHIN_365 leaves Q2 at least 1; so Q1 within 90 days is 2):
    // the audit hides them, and only the totals are shown.
    expect(values(table(body, 'returnToWork'))[0]).toEqual([null, null, null, null, 8]);
    expect(values(table(body, 'open'))).toEqual([
      [5, 5],
      [5, 5],
      [7, 7],
      [6, 6],
    ]);
    expectSafe(body);
  });

  const MEDIAN_BASE: Partial<Record<string, string>> = {
    lengthOfClosed: 'total',
    planByDay30: 'LATE',
    firstAvstamning: 'HELD',
  };

  /** Every shown number is at least 5, and no row or total gives a hidden cell back. */
  function expectSafe(body: StatisticsResponse) {
    for (const t of body.tables) {
      const rows = [...t.rows, ...(t.totalRow ? [t.totalRow] : [])];
      for (const row of rows) {
        for (const c of [...row.cells, row.total]) {
          expect(c.suppressed).toBe(c.value === null);
          if (c.value !== null) expect(c.value).toBeGreaterThanOrEqual(MINIMUM_CELL_SIZE);
        }
        const hidden = row.cells.filter((c) => c.value === null).length;
        if (row.total.value !== null && hidden > 0) {
          const shown = row.cells.reduce((sum, c) => sum + (c.value ?? 0), 0);
          expect(hidden).toBeGreaterThanOrEqual(2);
          expect(row.total.value - shown).toBeGreaterThan(0);
        }
        // A median only where the count it is drawn from is shown.
        const base = MEDIAN_BASE[t.id];
        if (row.median?.value != null && base !== undefined) {
          const count = base === 'total' ? row.total : row.cells[t.columns.indexOf(base)];
          expect(count?.value).toBeGreaterThanOrEqual(MINIMUM_CELL_SIZE);
        }
      }
      if (t.totalRow) {
        t.totalRow.cells.forEach((c, i) => {
          if (c.value !== null) expect(t.rows.every((r) => r.cells[i]?.value !== null)).toBe(true);
        });
        if (t.totalRow.total.value !== null) {
          expect(t.rows.every((r) => r.total.value !== null)).toBe(true);
        }
      }
    }
  }

  it('shows the care unit its diagnosis chapters (suppressed like the rest), by sex too', async () => {
    const body = statisticsResponseSchema.parse(
      (await statistics('care-admin', orgs.care, YEAR_2025).expect(200)).body,
    );
    const diagnosis = table(body, 'diagnosisChapter');
    expect(diagnosis.columns).toHaveLength(23);
    expect(diagnosis.columns.slice(-1)).toEqual(['OKAND']);
    // Q1: F 5, M, S and OKAND 1 each; Q2: F 5, J 1 among the 21 chapters with 0. The F of
    // Q1 and Q2 are hidden too: with the year's own row and columns, the bounds over several
    // equations would pin the ones beside them (as in returnToWork above), so the audit
    // hides them and the quarters show their totals only.
    const f = diagnosis.columns.indexOf('F00-F99');
    expect(diagnosis.rows.map((r) => r.cells[f]?.value ?? null)).toEqual([null, null, null, null]);
    expect(diagnosis.rows.map((r) => r.total.value)).toEqual([8, 6, null, null]);
    expectSafe(body);
    const bySex = statisticsResponseSchema.parse(
      (await statistics('care-admin', orgs.care, { ...YEAR_2025, group: 'sex' }).expect(200)).body,
    );
    // Q1 4/3/1 of 8: all hidden, the total shown; Q2 5/1/0 of 6: the 5 shown.
    expect(values(table(bySex, 'started')).slice(0, 2)).toEqual([
      [null, null, null, 8],
      [5, null, null, 6],
    ]);
    expectSafe(bySex);
  });

  it('shows nothing of a period in which the organisation had fewer than 5 cases', async () => {
    const body = statisticsResponseSchema.parse(
      (
        await statistics('employer-admin', orgs.employer, {
          period: 'month',
          from: '2024-11',
          to: '2025-01',
        }).expect(200)
      ).body,
    );
    expect(body.periods).toEqual(['2024-11', '2024-12', '2025-01']);
    for (const t of body.tables) {
      for (const row of t.rows.slice(0, 2)) {
        expect([...row.cells, row.total].every((c) => c.value === null && c.suppressed)).toBe(true);
      }
    }
    // January's 8 are hidden too: February and March had none, so the quarter's 8 minus
    // January's would say so. The quarter shows them.
    expect(values(table(body, 'started'))[2]).toEqual([null, null]);
    const quarter = statisticsResponseSchema.parse(
      (await statistics('employer-admin', orgs.employer, YEAR_2025).expect(200)).body,
    );
    expect(values(table(quarter, 'started'))[0]).toEqual([8, 8]);
  });

  it('gives no hidden month back as a quarter or the year minus the shown months', async () => {
    for (const [who, org] of [
      ['hr', orgs.employer],
      ['care-admin', orgs.care],
    ] as const) {
      for (const group of ['none', 'sex', 'ageBand']) {
        const view = async (period: string) =>
          statisticsResponseSchema.parse(
            (
              await statistics(who, org, { period, from: '2025-01', to: '2025-12', group }).expect(
                200,
              )
            ).body,
          );
        const [months, quarters, year] = [
          await view('month'),
          await view('quarter'),
          await view('year'),
        ];
        let checked = 0;
        for (const t of quarters.tables) {
          if (t.totalRow === null) continue; // states (open, degree) do not add up over periods
          const m = values(table(months, t.id));
          const q = values(table(quarters, t.id));
          const y = values(table(year, t.id));
          const parents: [(number | null)[], (number | null)[][]][] = [
            ...[0, 1, 2, 3].map((i): [(number | null)[], (number | null)[][]] => [
              q[i] ?? [],
              m.slice(3 * i, 3 * i + 3),
            ]),
            [y[0] ?? [], q],
            [y[0] ?? [], m],
          ];
          for (const [parent, children] of parents) {
            parent.forEach((value, c) => {
              if (value === null) return;
              const hidden = children.filter((row) => row[c] === null).length;
              const rest = value - children.reduce((a, row) => a + (row[c] ?? 0), 0);
              checked += 1;
              if (hidden > 0) {
                expect(hidden).toBeGreaterThanOrEqual(2);
                expect(rest).toBeGreaterThan(0);
              } else {
                expect(rest).toBe(0);
              }
            });
          }
        }
        expect(checked).toBeGreaterThan(20);
        [months, quarters, year].forEach(expectSafe);
      }
    }
  });

  it('lets only the administrator, or HR at an employer, see statistics; every read audited', async () => {
    for (const [who, organisationId] of [
      ['manager', orgs.employer],
      ['doctor', orgs.care],
      ['coordinator', orgs.care],
      ['fk-officer', orgs.fk],
    ] as const) {
      const denied = await statistics(who, organisationId, YEAR_2025).expect(403);
      expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(denied.body).toMatchObject({ status: 403, code: 'STATISTICS_NOT_ALLOWED' });
    }
    await statistics('fk-admin', orgs.fk, YEAR_2025).expect(200);
    // Not a member: the organisation is not there for them.
    await statistics('hr', orgs.care, YEAR_2025).expect(404);
    const logged = await prisma.auditLog.findMany({
      where: { action: 'statistics.read' },
      orderBy: { id: 'asc' },
    });
    const byUser = (key: string) =>
      logged.filter((row) => row.actorUserId === userIds[key]).map((row) => row.outcome);
    expect(byUser('manager')).toEqual(['DENIED']);
    expect(byUser('fk-officer')).toEqual(['DENIED']);
    expect(byUser('fk-admin')).toEqual(['ALLOWED']);
    expect(byUser('hr')).toContain('ALLOWED');
    expect(logged.every((row) => row.resourceType === 'Organisation')).toBe(true);
  });

  it('never gives an employer the diagnosis table, whatever it asks', async () => {
    for (const group of ['none', 'sex', 'ageBand']) {
      for (const period of ['month', 'quarter', 'year']) {
        const body = statisticsResponseSchema.parse(
          (
            await statistics('employer-admin', orgs.employer, {
              period,
              from: '2025-01',
              to: '2025-12',
              group,
            }).expect(200)
          ).body,
        );
        expect(body.tables.map((t) => t.id)).not.toContain('diagnosisChapter');
        expectSafe(body);
      }
    }
  });

  it('answers a bad query with problem+json naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2025-06', to: '2025-01' }, 'query.to'],
      [{ period: 'month', from: '2015-01', to: '2025-12' }, 'query.from'],
      [{ from: '2025-13' }, 'query.from'],
      [{ from: '2025-1' }, 'query.from'],
      [{ from: '2025-01', period: 'week' }, 'query.period'],
      [{ from: '2025-01', group: 'diagnosis' }, 'query.group'],
      [{}, 'query.from'],
    ];
    for (const [query, field] of cases) {
      const response = await statistics('hr', orgs.employer, query);
      expect([400, 422]).toContain(response.status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths).toContain(field);
    }
  });

  // The facts tables are kept by triggers (migration 20261210120000_statistics_facts); a
  // rebuild derives them from the case tables alone, so after any change the two must agree.
  const FACT_TABLES = [
    ['statistics_case_facts', 'organisation_id, workspace_id'],
    ['statistics_certificate_spans', 'organisation_id, certificate_id'],
    ['statistics_meetings', 'organisation_id, meeting_id'],
    ['statistics_measures', 'organisation_id, measure_id'],
  ] as const;
  async function factRows(client: Client): Promise<string[]> {
    const out: string[] = [];
    for (const [name, key] of FACT_TABLES) {
      const { rows } = await client.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM ${name} t ORDER BY ${key}`,
      );
      out.push(...rows.map((r) => `${name} ${r.row}`));
    }
    return out;
  }

  it('keeps the per-case facts in step with every change, as a rebuild from the case tables would', async () => {
    await db.query('BEGIN');
    try {
      const before = await factRows(db);
      expect(before.length).toBeGreaterThan(100);
      // Changes of every kind the facts follow: a case closes, a measure is done, another is
      // removed, a certificate is withdrawn, a meeting moves, a patient's number is corrected,
      // the employer leaves a case.
      const { rows } = await db.query<{ id: string; patient: string }>(
        `SELECT id, patient_user_id AS patient FROM workspaces
          WHERE employer_organisation_id = $1 AND closed_on IS NULL ORDER BY sick_period_start LIMIT 2`,
        [orgs.employer],
      );
      const [first, second] = rows;
      if (!first || !second) throw new Error('fixture: two open cases');
      await db.query(
        `UPDATE workspaces SET closed_on = sick_period_start + 40, closing_reason = 'BACK_AT_WORK_FULL',
                status = 'CLOSED', closed_at = (sick_period_start + 40)::timestamptz WHERE id = $1`,
        [first.id],
      );
      await db.query(
        `UPDATE plan_measures SET status = 'DONE'
          WHERE id = (SELECT id FROM plan_measures WHERE status <> 'DONE' ORDER BY id LIMIT 1)`,
      );
      await db.query(
        `DELETE FROM plan_measures WHERE id = (SELECT max(id::text)::uuid FROM plan_measures)`,
      );
      await db.query(
        `DELETE FROM certificates WHERE id = (SELECT min(id::text)::uuid FROM certificates)`,
      );
      await db.query(
        `UPDATE meeting_slots SET starts_at = starts_at + interval '40 days', ends_at = ends_at + interval '40 days'
          WHERE id = (SELECT scheduled_slot_id FROM meetings WHERE scheduled_slot_id IS NOT NULL
                       ORDER BY id LIMIT 1)`,
      );
      await db.query(`UPDATE users SET personnummer = '195001019805' WHERE id = $1`, [
        second.patient,
      ]);
      await db.query(
        `UPDATE participants SET organisation_id = NULL WHERE workspace_id = $1 AND party = 'CARE'`,
        [second.id],
      );
      const followed = await factRows(db);
      expect(followed).not.toEqual(before);
      await db.query('SELECT statistics_rebuild()');
      expect(await factRows(db)).toEqual(followed);
      const { rows: closed } = await db.query<{ reason: string }>(
        `SELECT reason FROM statistics_case_facts WHERE workspace_id = $1`,
        [first.id],
      );
      // The employer's row and the care unit's, both closed.
      expect(closed.map((r) => r.reason)).toEqual(['BACK_AT_WORK_FULL', 'BACK_AT_WORK_FULL']);
      const { rows: left } = await db.query<{ organisation_id: string }>(
        `SELECT organisation_id FROM statistics_case_facts WHERE workspace_id = $1`,
        [second.id],
      );
      expect(left.map((r) => r.organisation_id)).toEqual([orgs.employer]);
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it('counts the same in one transaction on a small pool as in two at once', async () => {
    const config = testApp.app.get<AppConfig>(APP_CONFIG);
    expect(config.databasePoolSize).toBeGreaterThanOrEqual(SPLIT_READ_MIN_POOL);
    const split = testApp.app.get(StatisticsRepository);
    const single = new StatisticsRepository(testApp.app.get(PrismaService), {
      ...config,
      databasePoolSize: 1,
    });
    const order = (rows: StatisticsAggregate[]) =>
      rows.map((row) => JSON.stringify(row)).sort((a, b) => a.localeCompare(b));
    for (const medical of [false, true]) {
      const window = {
        organisationId: medical ? orgs.care : orgs.employer,
        period: 'quarter' as const,
        group: 'sex' as const,
        from: '2025-01-01',
        toExclusive: '2026-01-01',
        today: '2026-12-01',
        medical,
      };
      const [both, one] = await Promise.all([split.aggregates(window), single.aggregates(window)]);
      // Both halves are there: the cases' figures and the measures and meetings.
      expect(both.map((row) => row.figure)).toEqual(
        expect.arrayContaining(['started', 'measuresByKind', 'avstamningHeld']),
      );
      expect(order(one)).toEqual(order(both));
    }
  });

  it.each(['month', 'quarter', 'year'] as const)(
    'counts the cases behind the measures by %s as a count of distinct cases would',
    async (period) => {
      for (const medical of [false, true]) {
        const monthly = await testApp.app.get(StatisticsRepository).aggregates({
          organisationId: medical ? orgs.care : orgs.employer,
          period,
          group: 'none',
          from: '2025-01-01',
          toExclusive: '2026-01-01',
          today: '2025-06-15',
          medical,
        });
        const aggregates = aggregatesAt(period, monthly, { medians: period, today: '2025-06-15' });
        const ours = aggregates
          .filter((a) => a.figure === 'measuresByKind' || a.figure === 'measuresFollowedUp')
          .map((a) => `${a.figure} ${a.bucket} ${a.column} ${String(a.n)}/${String(a.cases)}`)
          .sort();
        // The reference: every measure grouped by case, straight from plan_measures.
        const { rows } = await db.query<{ line: string }>(
          `WITH m AS (
             SELECT pm.workspace_id,
                    date_trunc($1, COALESCE(pm.start_date, pm.created_at::date)::timestamp)::date::text AS bucket,
                    pm.kind::text AS kind,
                    CASE WHEN pm.status = 'DONE' OR pm.follow_up_date <= date '2025-06-15'
                         THEN 'FOLLOWED_UP' ELSE 'NOT_FOLLOWED_UP' END AS state
               FROM plan_measures pm JOIN workspaces w ON w.id = pm.workspace_id
              WHERE (w.employer_organisation_id = $2 OR EXISTS (
                       SELECT 1 FROM participants p WHERE p.workspace_id = w.id AND p.organisation_id = $2))
                AND ($3 OR pm.category = 'PLAN')
                AND COALESCE(pm.start_date, pm.created_at::date) >= date '2025-01-01'
                AND COALESCE(pm.start_date, pm.created_at::date) < date '2026-01-01'
           )
           SELECT 'measuresByKind ' || bucket || ' ' || kind || ' ' || count(*) || '/' || count(DISTINCT workspace_id) AS line
             FROM m GROUP BY bucket, kind
           UNION ALL
           SELECT 'measuresFollowedUp ' || bucket || ' ' || state || ' ' || count(*) || '/' || count(DISTINCT workspace_id)
             FROM m GROUP BY bucket, state
           UNION ALL
           SELECT f || ' ' || bucket || ' __cases ' || count(*) || '/' || count(DISTINCT workspace_id)
             FROM m CROSS JOIN (VALUES ('measuresByKind'), ('measuresFollowedUp')) v(f) GROUP BY f, bucket`,
          [period, medical ? orgs.care : orgs.employer, medical],
        );
        expect(ours).toEqual(rows.map((r) => r.line).sort());
        expect(ours.length).toBeGreaterThan(4);
      }
    },
  );
});
