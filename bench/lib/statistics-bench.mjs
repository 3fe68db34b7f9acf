// Follow-up statistics (issue 18) at 10^5 cases: one employer and one care unit take part in
// BENCH_STAT_CASES (100 000) cases spread over five years, other organisations in half as
// many more, seeded set-based (generate_series). Then GET /organisations/:id/statistics on
// the production build is timed against its baseline, the same SQL statement run through
// `pg` without Nest (the statement is the API's own, from the build: statisticsStatement),
// alternating, and the statement is EXPLAINed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { startApi } from './api.mjs';
import { createDatabase, databaseExists, dropDatabase, withDatabase } from './db.mjs';
import { accessToken, envInt, log, median, root, round, stopChild } from './util.mjs';

const id = (kind, n) => `bench_uuid('${kind}:' || (${n})::text)`;
const ORG = {
  employer: 'emp-stat',
  care: 'care-stat',
  otherEmployer: 'emp-other',
  otherCare: 'care-other',
};
const orgId = (key) => id('org', `'${ORG[key]}'`);
const KINDS = [
  'WORKPLACE_ADAPTATION',
  'WORK_TRAINING',
  'RELOCATION',
  'WORK_AID',
  'TRAINING',
  'OCCUPATIONAL_HEALTH',
  'TREATMENT',
  'REHABILITATION',
  'COORDINATION',
  'LABOUR_MARKET',
  'OTHER',
];

/** The seed: cases 1..N for the measured organisations, N+1..1.5N for others. */
function statements(N) {
  const total = Math.round(N * 1.5);
  const cases = `generate_series(1, ${total}) i`;
  const ours = (i) => `(${i} <= ${N})`;
  // Day 1 spread over 2022-01-01 .. 2026-11-30; 80 % closed after 7-406 days (if by now).
  const start = (i) => `(date '2022-01-01' + ((${i} * 7919) % 1795))`;
  const length = (i) => `(7 + (${i} * 31) % 400)`;
  const closed = (i) => `(${i} % 5 <> 0 AND ${start(i)} + ${length(i)} < date '2026-12-01')`;
  return [
    `CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT overlay(overlay(md5(t) PLACING '4' FROM 13 FOR 1) PLACING '8' FROM 17 FOR 1)::uuid $$`,
    `INSERT INTO organisations (id, kind, name, updated_at) VALUES
       (${orgId('employer')}, 'EMPLOYER', 'Statistik AB', now()),
       (${orgId('care')}, 'CARE_UNIT', 'Vårdcentralen Statistik', now()),
       (${orgId('otherEmployer')}, 'EMPLOYER', 'Annan AB', now()),
       (${orgId('otherCare')}, 'CARE_UNIT', 'Annan vårdcentral', now())`,
    // Staff: a doctor and a manager act in the cases; HR and the care unit's administrator read
    // the statistics. Each has a session (the tokens name it).
    `INSERT INTO users (id, email, name, updated_at)
     SELECT ${id('staff', 's')}, s || '@stat.bench.test', 'Bench ' || s, now()
     FROM unnest(ARRAY['doctor', 'manager', 'hr', 'care-admin', 'other']) s`,
    `INSERT INTO memberships (id, user_id, organisation_id, role) VALUES
       (${id('ms', "'doctor'")}, ${id('staff', "'doctor'")}, ${orgId('care')}, 'DOCTOR'),
       (${id('ms', "'manager'")}, ${id('staff', "'manager'")}, ${orgId('employer')}, 'MANAGER'),
       (${id('ms', "'hr'")}, ${id('staff', "'hr'")}, ${orgId('employer')}, 'HR'),
       (${id('ms', "'care-admin'")}, ${id('staff', "'care-admin'")}, ${orgId('care')}, 'ORG_ADMIN'),
       (${id('ms', "'other'")}, ${id('staff', "'other'")}, ${orgId('otherEmployer')}, 'MANAGER')`,
    `INSERT INTO refresh_tokens (id, user_id, token_hash, family_id, expires_at)
     SELECT ${id('refresh', 's')}, ${id('staff', 's')}, md5('stat-refresh:' || s), ${id('session', 's')},
            now() + interval '30 days'
     FROM unnest(ARRAY['hr', 'care-admin']) s`,
    // Patients: a unique personnummer each (born 1960-2004; the serial's last digit: sex).
    `INSERT INTO users (id, email, name, personnummer, updated_at)
     SELECT ${id('patient', 'i')}, 'p' || i || '@stat.bench.test', 'Patient ' || i,
            (1960 + i % 45)::text || lpad((1 + (i / 45) / 1000)::text, 2, '0')
              || lpad((1 + i % 28)::text, 2, '0') || lpad(((i / 45) % 1000)::text, 3, '0') || '0',
            now()
     FROM ${cases}`,
    `INSERT INTO workspaces (id, patient_user_id, employer_organisation_id, sick_period_start,
       expected_length_days, employment_status, status, created_by_id, updated_at, closed_at,
       closed_on, closing_reason)
     SELECT ${id('ws', 'i')}, ${id('patient', 'i')},
            CASE WHEN ${ours('i')} THEN ${orgId('employer')} ELSE ${orgId('otherEmployer')} END,
            ${start('i')}, 30 + (i % 5) * 30,
            (CASE WHEN i % 10 = 9 THEN 'UNEMPLOYED' ELSE 'EMPLOYED' END)::employment_status,
            (CASE WHEN ${closed('i')} THEN 'CLOSED' ELSE 'ACTIVE' END)::workspace_status,
            ${id('staff', "'doctor'")}, now(),
            CASE WHEN ${closed('i')} THEN (${start('i')} + ${length('i')})::timestamptz END,
            CASE WHEN ${closed('i')} THEN ${start('i')} + ${length('i')} END,
            (CASE WHEN NOT ${closed('i')} THEN NULL
                  WHEN i % 7 < 4 THEN 'BACK_AT_WORK_FULL' WHEN i % 7 = 4 THEN 'SICK_LEAVE_ENDED'
                  WHEN i % 7 = 5 THEN 'NEW_EMPLOYER' ELSE 'BENEFIT_ENDED' END)::case_closing_reason
     FROM ${cases}`,
    `INSERT INTO participants (id, workspace_id, user_id, party, organisation_id, role, joined_at)
     SELECT ${id('part', "i || ':' || k")}, ${id('ws', 'i')},
            CASE k WHEN 0 THEN ${id('patient', 'i')} WHEN 1 THEN ${id('staff', "'doctor'")}
                   ELSE ${id('staff', 'CASE WHEN ' + ours('i') + " THEN 'manager' ELSE 'other' END")} END,
            (CASE k WHEN 0 THEN 'PATIENT' WHEN 1 THEN 'CARE' ELSE 'EMPLOYER' END)::party,
            CASE k WHEN 0 THEN NULL
                   WHEN 1 THEN CASE WHEN ${ours('i')} THEN ${orgId('care')} ELSE ${orgId('otherCare')} END
                   ELSE CASE WHEN ${ours('i')} THEN ${orgId('employer')} ELSE ${orgId('otherEmployer')} END END,
            (CASE k WHEN 0 THEN NULL WHEN 1 THEN 'DOCTOR' ELSE 'MANAGER' END)::role,
            ${start('i')}::timestamptz
     FROM ${cases}, generate_series(0, 2) k`,
    `INSERT INTO certificates (id, workspace_id, period_from, period_to, degree, diagnosis_code,
       diagnosis_text, activity_limitations, author_party, created_by_id)
     SELECT ${id('cert', 'i')}, ${id('ws', 'i')}, w.sick_period_start,
            COALESCE(w.closed_on, w.sick_period_start + 365), (ARRAY[25, 50, 75, 100])[1 + i % 4],
            chr(65 + i % 26) || lpad((i % 100)::text, 2, '0'), 'diagnos', 'begränsningar', 'CARE',
            ${id('staff', "'doctor'")}
     FROM ${cases} JOIN workspaces w ON w.id = ${id('ws', 'i')}`,
    `INSERT INTO plans (id, workspace_id, created_by_id, updated_by_id, updated_at)
     SELECT ${id('plan', 'i')}, ${id('ws', 'i')}, ${id('staff', "'manager'")}, ${id('staff', "'manager'")}, now()
     FROM ${cases}`,
    `INSERT INTO plan_signoffs (id, workspace_id, plan_id, version, user_id, party, decision, signed_at)
     SELECT ${id('signoff', 'i')}, ${id('ws', 'i')}, ${id('plan', 'i')}, 1, ${id('staff', "'manager'")},
            'EMPLOYER', 'ESTABLISHED', (${start('i')} + 10 + i % 40)::timestamptz
     FROM ${cases} WHERE i % 10 < 7`,
    `INSERT INTO plan_measures (id, workspace_id, plan_id, owner_party, kind, category, title,
       start_date, status, follow_up_date, position, created_by_id, updated_at)
     SELECT ${id('measure', "i || ':' || m")}, ${id('ws', 'i')}, ${id('plan', 'i')}, 'EMPLOYER',
            (ARRAY['${KINDS.join("','")}'])[1 + (i + m) % ${KINDS.length}]::measure_kind,
            (CASE WHEN (i + m) % ${KINDS.length} = 6 THEN 'MEDICAL' ELSE 'PLAN' END)::measure_category,
            'Åtgärd', ${start('i')} + 14 + m * 10,
            (CASE WHEN i % 3 = 0 THEN 'DONE' ELSE 'PLANNED' END)::measure_status,
            CASE WHEN m = 0 THEN ${start('i')} + 60 END, m, ${id('staff', "'manager'")}, now()
     FROM ${cases}, generate_series(0, 1) m`,
    // An avstämningsmöte in 60 % of the cases, 20-79 days after day 1.
    `INSERT INTO meetings (id, workspace_id, kind, title, status, organiser_id, organiser_party,
       scheduled_slot_id, ics_uid, updated_at)
     SELECT ${id('meeting', 'i')}, ${id('ws', 'i')}, 'AVSTAMNINGSMOTE', 'Avstämningsmöte', 'SCHEDULED',
            ${id('staff', "'doctor'")}, 'CARE', ${id('slot', 'i')}, 'stat-' || i, now()
     FROM ${cases} WHERE i % 5 < 3`,
    `INSERT INTO meeting_slots (id, workspace_id, meeting_id, starts_at, ends_at)
     SELECT ${id('slot', 'i')}, ${id('ws', 'i')}, ${id('meeting', 'i')},
            (${start('i')} + 20 + i % 60)::timestamptz + interval '9 hours',
            (${start('i')} + 20 + i % 60)::timestamptz + interval '10 hours'
     FROM ${cases} WHERE i % 5 < 3`,
  ];
}

async function seedStatistics(url, N) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // As bench/lib/seed.mjs: foreign keys are not checked while seeding (the ids are derived).
    await client.query("SET LOCAL session_replication_role = 'replica'");
    for (const statement of statements(N)) await client.query(statement);
    await client.query('COMMIT');
    // The seed ran with triggers off: the per-case facts the statistics read (kept by
    // triggers in the API's own writes) are derived once, as the migration's backfill does.
    await client.query('SELECT statistics_rebuild()');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function timed(work) {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function statisticsBench({ serverUrl, secret, runId }) {
  const N = envInt('BENCH_STAT_CASES', 100_000);
  const runs = envInt('BENCH_STAT_RUNS', 7);
  // BENCH_STAT_DATABASE: a database this part seeded before (kept by an interrupted run or by
  // BENCH_STAT_KEEP) is used as it is, and kept. BENCH_STAT_KEEP=<name>: that database is
  // created and seeded when it does not exist yet, and kept either way (to EXPLAIN or time
  // changes to the statement against the same data). Otherwise a fresh one is created,
  // seeded and dropped.
  const keep = process.env.BENCH_STAT_KEEP;
  const kept = keep ? await databaseExists(serverUrl, keep) : false;
  const reuse = process.env.BENCH_STAT_DATABASE ?? (kept ? keep : undefined);
  const name = reuse ?? keep ?? `atergang_bench_${runId}_statistics`;
  const url = reuse ? withDatabase(serverUrl, reuse) : await createDatabase(serverUrl, name, log);
  let api;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    if (!reuse)
      log(`seeding ${N} statistics cases (and ${Math.round(N / 2)} of other organisations)`);
    const seedMs = reuse ? null : await timed(() => seedStatistics(url, N));
    api = await startApi({ databaseUrl: url, jwtSecret: secret, name: 'api-statistics' });
    const ids = (
      await pool.query(
        `SELECT ${orgId('employer')}::text AS employer, ${orgId('care')}::text AS care,
                ${id('staff', "'hr'")}::text AS hr, ${id('staff', "'care-admin'")}::text AS admin,
                ${id('session', "'hr'")}::text AS hr_session, ${id('refresh', "'hr'")}::text AS hr_refresh,
                ${id('session', "'care-admin'")}::text AS admin_session,
                ${id('refresh', "'care-admin'")}::text AS admin_refresh`,
      )
    ).rows[0];
    const token = (who) =>
      accessToken(secret, {
        userId: who === 'hr' ? ids.hr : ids.admin,
        name: `Bench ${who}`,
        email: `${who}@stat.bench.test`,
        sessionId: who === 'hr' ? ids.hr_session : ids.admin_session,
        refreshTokenId: who === 'hr' ? ids.hr_refresh : ids.admin_refresh,
      });
    // The statement as the API builds it (from the build).
    const require = createRequire(import.meta.url);
    const { statisticsStatements, STATEMENT_SETTINGS, setTransactionSnapshot } = require(
      join(root, 'dist/api/apps/api/src/statistics/statistics.repository.js'),
    );
    const { stockholmToday } = require(join(root, 'dist/api/apps/api/src/common/calendar.js'));
    const today = stockholmToday();
    const scenarios = [
      {
        name: 'employer HR: 60 months by sex',
        who: 'hr',
        organisationId: ids.employer,
        query: { period: 'month', from: '2022-01', to: '2026-12', group: 'sex' },
        window: {
          period: 'month',
          group: 'sex',
          from: '2022-01-01',
          toExclusive: '2027-01-01',
          medical: false,
        },
      },
      {
        name: 'care unit administrator: 20 quarters by age band, with diagnoses',
        who: 'admin',
        organisationId: ids.care,
        query: { period: 'quarter', from: '2022-01', to: '2026-12', group: 'ageBand' },
        window: {
          period: 'quarter',
          group: 'ageBand',
          from: '2022-01-01',
          toExclusive: '2027-01-01',
          medical: true,
        },
      },
    ];
    const results = [];
    for (const scenario of scenarios) {
      const path = `/api/organisations/${scenario.organisationId}/statistics?${new URLSearchParams(scenario.query)}`;
      const headers = { authorization: `Bearer ${token(scenario.who)}` };
      const statements = statisticsStatements({
        ...scenario.window,
        organisationId: scenario.organisationId,
        today,
      });
      const viaApi = async () => {
        const response = await fetch(`${api.url}${path}`, { headers });
        if (response.status !== 200)
          throw new Error(`statistics: ${response.status} ${await response.text()}`);
        await response.json();
      };
      // As the repository runs it: the two statements at once on two connections, in REPEATABLE
      // READ transactions sharing the first one's snapshot, each with its settings.
      const viaPg = async () => {
        const first = await pool.connect();
        const second = await pool.connect();
        try {
          await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          const { rows } = await first.query('SELECT pg_export_snapshot() AS snapshot');
          await second.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          await second.query(setTransactionSnapshot(rows[0].snapshot));
          await Promise.all(
            [first, second].map(async (client, k) => {
              await client.query(STATEMENT_SETTINGS);
              await client.query(statements[k].text, statements[k].values);
              await client.query('COMMIT');
            }),
          );
        } finally {
          first.release();
          second.release();
        }
      };
      // Warm-up (plans, caches), then alternating runs.
      await viaApi();
      await viaPg();
      const ours = [];
      const baseline = [];
      for (let run = 0; run < runs; run += 1) {
        ours.push(await timed(viaApi));
        baseline.push(await timed(viaPg));
      }
      // Each statement explained on its own (one after the other).
      const explained = [];
      for (const statement of statements) {
        explained.push(
          (
            await pool.query(
              `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
              statement.values,
            )
          ).rows[0]['QUERY PLAN'][0],
        );
      }
      const seqScans = new Set();
      const walk = (node) => {
        if (node['Node Type'] === 'Seq Scan') seqScans.add(node['Relation Name']);
        for (const child of node.Plans ?? []) walk(child);
      };
      for (const plan of explained) walk(plan.Plan);
      const result = {
        scenario: scenario.name,
        path: path.replace(scenario.organisationId, ':organisationId'),
        runs,
        apiMedianMs: round(median(ours)),
        sqlMedianMs: round(median(baseline)),
        ratio: round(median(ours) / median(baseline)),
        apiRunsMs: ours.map((x) => round(x, 1)),
        sqlRunsMs: baseline.map((x) => round(x, 1)),
        explainExecutionMs: explained.map((plan) => round(plan['Execution Time'])),
        seqScans: [...seqScans].sort(),
      };
      log(
        `statistics (${scenario.name}): API median ${result.apiMedianMs} ms, the bare SQL ${result.sqlMedianMs} ms (x${result.ratio})`,
      );
      results.push(result);
    }
    return {
      cases: N,
      otherCases: Math.round(N / 2),
      seedSeconds: seedMs === null ? null : round(seedMs / 1000, 1),
      scenarios: results,
    };
  } finally {
    await pool.end();
    if (api) await stopChild(api);
    if (!reuse && !keep) await dropDatabase(serverUrl, name);
  }
}
