// Deterministic, set-based seed of S workspaces for the benchmarks (INSERT ... SELECT
// generate_series: 10^5 workspaces take about a minute, not an hour of ORM calls).
//
// Workspace i (1..S) has 5 + (i % 4) members, so 5-8:
//   k=0 patient, k=1 employer (MANAGER), k=2 care (DOCTOR), k=3 FK (CASE_OFFICER),
//   k=4 care (COORDINATOR), k=5 AF (CASE_OFFICER), k=6 employer (HR), k=7 occupational health.
// Consents as in the demo case: employer PLAN, TASKS, MEETINGS, DOCUMENTS; care all; FK all
// but none to AF and occupational health (participants without consent yet).
// Per workspace, proportional content: one plan (3 measures, one MEDICAL; 2 sick-leave steps;
// 1 follow-up), 6 tasks (one MEDICAL), EVENTS_PER_WS events and AUDIT_PER_WS audit rows.
// Ids are md5-derived uuids, so the same S always gives the same data.

export const EVENTS_PER_WS = 20;
export const AUDIT_PER_WS = 20;
export const TASKS_PER_WS = 6;

const MEMBER = [
  { party: 'PATIENT', role: null, org: null },
  { party: 'EMPLOYER', role: 'MANAGER', org: 'emp' },
  { party: 'CARE', role: 'DOCTOR', org: 'care' },
  { party: 'FK', role: 'CASE_OFFICER', org: 'fk' },
  { party: 'CARE', role: 'COORDINATOR', org: 'care' },
  { party: 'AF', role: 'CASE_OFFICER', org: 'af' },
  { party: 'EMPLOYER', role: 'HR', org: 'emp' },
  { party: 'OCCUPATIONAL_HEALTH', role: 'FHV_CONSULTANT', org: 'fhv' },
];

/** Deterministic ids, computed the same way in SQL (md5(text)::uuid) and in JS. */
// A version-4-shaped uuid (the API validates ids with z.uuid(), which checks the variant).
export const idSql = (kind, ...parts) =>
  `bench_uuid('${kind}:' || ${parts.map((p) => `(${p})::text`).join(" || ':' || ")})`;
const UUID_FUNCTION = `CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT overlay(overlay(md5(t) PLACING '4' FROM 13 FOR 1) PLACING '8' FROM 17 FOR 1)::uuid $$`;

import { createHash } from 'node:crypto';
export function idJs(kind, ...parts) {
  const hex = createHash('md5')
    .update(`${kind}:${parts.join(':')}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const membersOf = (i) => 5 + (i % 4);
export const memberInfo = (k) => MEMBER[k];
export const userEmail = (i, k) => `u${i}-${k}@bench.test`;
export const userName = (i, k) => `Bench User ${i}-${k}`;

// Organisations: 50 employers, 20 care units, 10 occupational health, one FK, one AF.
const ORGS = { emp: 50, care: 20, fhv: 10, fk: 1, af: 1 };
const ORG_KIND = {
  emp: 'EMPLOYER',
  care: 'CARE_UNIT',
  fhv: 'OCCUPATIONAL_HEALTH',
  fk: 'FK',
  af: 'AF',
};
const orgOf = (org, i) => `${idSql('org', `'${org}'`, `(${i}) % ${ORGS[org]}`)}`;
const memberCase = (field) =>
  `CASE k ${MEMBER.map((m, k) => `WHEN ${k} THEN ${field(m)}`).join(' ')} END`;

/**
 * The statements, in order. Each runs as one statement; the whole seed in one transaction.
 */
export function seedStatements(S) {
  const orgRows = Object.entries(ORGS).flatMap(([org, n]) =>
    Array.from(
      { length: n },
      (_, j) =>
        `(${idSql('org', `'${org}'`, String(j))}, '${ORG_KIND[org]}'::organisation_kind, 'Bench ${org} ${j}', ${
          org === 'care' ? `'SE2321000016-B${String(j).padStart(4, '0')}'` : 'NULL'
        }, ${org === 'care' ? 'NULL' : `'${String(5500000000 + Object.keys(ORGS).indexOf(org) * 1000 + j)}'`}, now())`,
    ),
  );
  const ws = `generate_series(1, ${S}) AS i`;
  const members = `${ws} CROSS JOIN LATERAL generate_series(0, 4 + i % 4) AS k`;
  return [
    UUID_FUNCTION,
    `INSERT INTO organisations (id, kind, name, hsa_id, organisationsnummer, updated_at) VALUES ${orgRows.join(',\n')}`,
    // Users: one per (workspace, member).
    `INSERT INTO users (id, email, name, personnummer, updated_at)
     SELECT ${idSql('user', 'i', 'k')}, 'u' || i || '-' || k || '@bench.test', 'Bench User ' || i || '-' || k,
            CASE WHEN k = 0 THEN '19' || lpad(i::text, 10, '0') END, now()
     FROM ${members}`,
    `INSERT INTO workspaces (id, patient_user_id, employer_organisation_id, sick_period_start, earlier_sick_days,
                             expected_length_days, sick_leave_degree, created_by_id, updated_at, last_event_seq)
     SELECT ${idSql('ws', 'i')}, ${idSql('user', 'i', '0')}, ${orgOf('emp', 'i')},
            current_date - (20 + i % 300), 0, 90, 100, ${idSql('user', 'i', '1')}, now(), ${EVENTS_PER_WS}
     FROM ${ws}`,
    `INSERT INTO participants (id, workspace_id, user_id, party, organisation_id, role, joined_at)
     SELECT ${idSql('part', 'i', 'k')}, ${idSql('ws', 'i')}, ${idSql('user', 'i', 'k')},
            (${memberCase((m) => `'${m.party}'`)})::party,
            ${memberCase((m) => (m.org ? orgOf(m.org, 'i') : 'NULL::uuid'))},
            (${memberCase((m) => (m.role ? `'${m.role}'` : 'NULL'))})::role,
            now() - interval '30 days' + k * interval '1 minute'
     FROM ${members}`,
    // Each person has one signed-in session (an access token is good only while its
    // session is: the bench's tokens name these, util.mjs accessToken).
    `INSERT INTO refresh_tokens (id, user_id, token_hash, family_id, expires_at)
     SELECT ${idSql('refresh', 'i', 'k')}, ${idSql('user', 'i', 'k')}, md5('refresh:' || i || ':' || k),
            ${idSql('session', 'i', 'k')}, now() + interval '30 days'
     FROM ${members}`,
    // Each staff member belongs to the organisation they act for, in their role (a
    // participant acts for an organisation only while its records say so).
    `INSERT INTO memberships (id, user_id, organisation_id, role)
     SELECT ${idSql('membership', 'i', 'k')}, ${idSql('user', 'i', 'k')},
            ${memberCase((m) => (m.org ? orgOf(m.org, 'i') : 'NULL::uuid'))},
            (${memberCase((m) => (m.role ? `'${m.role}'` : 'NULL'))})::role
     FROM ${members} WHERE k > 0`,
    `INSERT INTO consents (id, workspace_id, party, categories, granted_by_id, granted_at)
     SELECT ${idSql('consent', 'i', 'c.n')}, ${idSql('ws', 'i')}, c.party::party, c.cats::category[],
            ${idSql('user', 'i', '0')}, now() - interval '29 days'
     FROM ${ws} CROSS JOIN (VALUES
       (1, 'EMPLOYER', '{PLAN,TASKS,MEETINGS,DOCUMENTS}'),
       (2, 'CARE', '{PLAN,TASKS,MEETINGS,MEETING_NOTES,DOCUMENTS,MEDICAL}'),
       (3, 'FK', '{PLAN,TASKS,MEETINGS,MEETING_NOTES,DOCUMENTS,MEDICAL}')) AS c(n, party, cats)`,
    `INSERT INTO plans (id, workspace_id, version, goal, expected_return_date, patient_view,
                        created_by_id, updated_by_id, updated_at)
     SELECT ${idSql('plan', 'i')}, ${idSql('ws', 'i')}, 1, 'Back at work ' || i || ' at 50 % within three months',
            current_date + 60, 'I want to try part-time first.', ${idSql('user', 'i', '1')}, ${idSql('user', 'i', '1')}, now()
     FROM ${ws}`,
    `INSERT INTO plan_measures (id, workspace_id, plan_id, owner_party, kind, category, title, description,
                                start_date, end_date, status, position, created_by_id, updated_at)
     SELECT ${idSql('measure', 'i', 'm.n')}, ${idSql('ws', 'i')}, ${idSql('plan', 'i')}, m.party::party,
            m.kind::measure_kind, m.cat::measure_category, m.title, 'Measure ' || m.n || ' of case ' || i,
            current_date, current_date + 30, 'PLANNED', m.n,
            CASE WHEN m.party = 'EMPLOYER' THEN ${idSql('user', 'i', '1')} ELSE ${idSql('user', 'i', '2')} END, now()
     FROM ${ws} CROSS JOIN (VALUES
       (0, 'EMPLOYER', 'WORKPLACE_ADAPTATION', 'PLAN', 'Adapted workstation and hours'),
       (1, 'CARE', 'COORDINATION', 'PLAN', 'Care coordination'),
       (2, 'CARE', 'TREATMENT', 'MEDICAL', 'Physiotherapy twice a week')) AS m(n, party, kind, cat, title)`,
    // Revision 1, by the employer: what it touched decides who counts it (plan-visibility.ts).
    `INSERT INTO plan_revisions (id, workspace_id, plan_id, number, snapshot, diff, touched, author_id,
                                 author_party, created_at)
     SELECT ${idSql('revision', 'i')}, ${idSql('ws', 'i')}, ${idSql('plan', 'i')}, 1,
            '{"version":1,"goal":null,"expectedReturnDate":null,"expectedReturnBasis":null,"contactArrangements":null,"patientView":null,"measures":[],"sickLeaveSteps":[],"followUps":[]}'::jsonb,
            '[]'::jsonb,
            '{section:EMPLOYER,section:CARE,section:PATIENT,measure:PLAN:EMPLOYER,measure:PLAN:CARE,measure:MEDICAL:CARE}'::text[],
            ${idSql('user', 'i', '1')}, 'EMPLOYER', now() - interval '20 days'
     FROM ${ws}`,
    `INSERT INTO sick_leave_steps (id, workspace_id, plan_id, degree, from_date, to_date, position)
     SELECT ${idSql('step', 'i', 's.n')}, ${idSql('ws', 'i')}, ${idSql('plan', 'i')}, s.degree,
            current_date + s.n * 30, current_date + s.n * 30 + 29, s.n
     FROM ${ws} CROSS JOIN (VALUES (0, 75), (1, 50)) AS s(n, degree)`,
    `INSERT INTO plan_follow_ups (id, workspace_id, plan_id, date, description, owner_party, position)
     SELECT ${idSql('followup', 'i')}, ${idSql('ws', 'i')}, ${idSql('plan', 'i')}, current_date + 45,
            'Follow-up meeting', 'EMPLOYER', 0
     FROM ${ws}`,
    // Tasks: t=0..5; t=5 is MEDICAL and assigned to care; the others alternate parties.
    // t=0 and t=1 are the employer's own (created by and assigned to EMPLOYER): update-task uses them.
    `INSERT INTO tasks (id, workspace_id, title, description, status, category, assignee_participant_id,
                        assignee_party, due_date, created_by_id, created_by_party, updated_at, version)
     SELECT ${idSql('task', 'i', 't')}, ${idSql('ws', 'i')}, 'Task ' || t || ' of case ' || i, 'Something to do',
            'OPEN', CASE WHEN t = 5 THEN 'MEDICAL' ELSE 'TASKS' END::category,
            CASE WHEN t = 0 THEN ${idSql('part', 'i', '1')} END,
            (CASE t WHEN 0 THEN 'EMPLOYER' WHEN 1 THEN 'EMPLOYER' WHEN 2 THEN 'CARE' WHEN 3 THEN 'FK'
                    WHEN 4 THEN 'PATIENT' ELSE 'CARE' END)::party,
            current_date + t * 7,
            CASE WHEN t IN (0, 1) THEN ${idSql('user', 'i', '1')} ELSE ${idSql('user', 'i', '2')} END,
            (CASE WHEN t IN (0, 1) THEN 'EMPLOYER' ELSE 'CARE' END)::party, now(), 1
     FROM ${ws} CROSS JOIN generate_series(0, ${TASKS_PER_WS - 1}) AS t`,
    `INSERT INTO workspace_events (workspace_id, seq, type, category, actor_user_id, actor_party, subject_type,
                                   subject_id, author_party, assignee_party, payload, at)
     SELECT w.id, e, CASE WHEN e % 5 = 0 THEN 'plan.updated' ELSE 'task.updated' END,
            (CASE WHEN e % 7 = 0 THEN 'MEDICAL' WHEN e % 5 = 0 THEN 'PLAN' ELSE 'TASKS' END)::category,
            w.actor, 'CARE', 'Task', x.task, 'CARE', 'CARE', jsonb_build_object('id', x.task, 'version', 1),
            now() - interval '20 days' + e * interval '1 hour'
     FROM (SELECT i, ${idSql('ws', 'i')} AS id, ${idSql('user', 'i', '2')} AS actor FROM ${ws}) AS w
     CROSS JOIN generate_series(1, ${EVENTS_PER_WS}) AS e
     CROSS JOIN LATERAL (SELECT ${idSql('task', 'w.i', 'e % 6')} AS task) AS x`,
    // Audit rows with placeholder hashes (a bench database: the chain is not verified).
    `INSERT INTO audit_log (at, request_id, actor_user_id, actor_party, action, resource_type, workspace_id,
                            outcome, prev_hash, hash)
     SELECT now() - interval '20 days' + a * interval '1 hour', 'seed', w.actors[a % 3 + 1],
            (CASE a % 3 WHEN 0 THEN 'EMPLOYER' WHEN 1 THEN 'CARE' ELSE 'FK' END)::party,
            'task.read', 'Task', w.id, 'ALLOWED',
            lpad(to_hex(w.i::bigint * 1000 + a - 1), 64, 'f'), lpad(to_hex(w.i::bigint * 1000 + a), 64, '0')
     FROM (SELECT i, ${idSql('ws', 'i')} AS id,
                  ARRAY[${idSql('user', 'i', '1')}, ${idSql('user', 'i', '2')}, ${idSql('user', 'i', '3')}] AS actors
           FROM ${ws}) AS w
     CROSS JOIN generate_series(1, ${AUDIT_PER_WS}) AS a
     ORDER BY a, w.i`,
  ];
}

/** Seeds S workspaces through `client` (pg.Client) in one transaction, then ANALYZE. */
export async function seed(client, S, log = () => {}) {
  const started = Date.now();
  await client.query('BEGIN');
  // The data are consistent by construction: skip the per-row foreign-key triggers (the
  // bulk of the cost). Needs a superuser, which a bench database server has.
  await client.query("SET LOCAL session_replication_role = 'replica'");
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  // Secondary indexes are dropped and built again after the load (much faster than
  // maintaining them row by row). Primary keys stay.
  const { rows: indexes } = await client.query(`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename <> '_prisma_migrations'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname
                      OR c.conindid = format('%I', i.indexname)::regclass)`);
  for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
  for (const statement of [...seedStatements(S), ...indexes.map((i) => i.indexdef)]) {
    const t = Date.now();
    await client.query(statement);
    if (process.env.BENCH_VERBOSE)
      log(`  ${statement.slice(0, 40).replace(/\s+/g, ' ')}: ${Date.now() - t} ms`);
  }
  await client.query('COMMIT');
  await client.query('VACUUM ANALYZE');
  log(`seeded ${S} workspaces in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The JS side of the data set: who is who in workspace i. */
export function workspaceOf(i) {
  const members = Array.from({ length: membersOf(i) }, (_, k) => ({
    k,
    userId: idJs('user', i, k),
    sessionId: idJs('session', i, k),
    refreshTokenId: idJs('refresh', i, k),
    participantId: idJs('part', i, k),
    email: userEmail(i, k),
    name: userName(i, k),
    ...MEMBER[k],
  }));
  return {
    i,
    id: idJs('ws', i),
    members,
    taskIds: Array.from({ length: TASKS_PER_WS }, (_, t) => idJs('task', i, t)),
  };
}
