// The HTTP baseline: bare Fastify + pg, no framework, no ORM, prepared statements. It serves
// the benchmarked routes with the same statements the API sends (session check, participation
// and consents, the route's reads, the audit row, the event), so what the bench compares is
// what the framework, the ORM and the request pipeline add around the same SQL.
//
// What a response holds is not restated here: the policy (the CASL ability, its SQL
// compilation, the plan's field rules) and the pure mappers from rows to views come from the
// API's build, so the baseline stays in step with the API as its rules and views grow (a
// hand-kept copy drifted twice). Only the SQL, the plumbing and the transaction are the
// baseline's own.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';
import { attachFanout } from './ws-fanout.mjs';

const require = createRequire(import.meta.url);
const distRoot = process.env.BENCH_API_DIST ?? new URL('../../dist/api', import.meta.url).pathname;
const dist = (path) => require(`${distRoot}/${path}`);
const { Prisma } = require('@prisma/client');
const { buildWorkspaceAbility, caseRole, hasCaseAccess } = dist(
  'apps/api/src/access/workspace-ability.js',
);
const { readableSql } = dist('apps/api/src/access/ability-sql.js');
const { allows } = dist('apps/api/src/access/authorization.js');
const { permissionsOf } = dist('apps/api/src/access/permissions.js');
const { withheldOf } = dist('apps/api/src/access/consent-rules.js');
const { facetsOf } = dist('apps/api/src/access/facets.js');
const { toOverview } = dist('apps/api/src/workspaces/workspaces.mapper.js');
const { toPlanView, showsNothing } = dist('apps/api/src/plan/plan.mapper.js');
const { planFieldReader } = dist('apps/api/src/plan/plan-policy.js');
const { readableKeys } = dist('apps/api/src/plan/plan-visibility.js');
const { toTaskView } = dist('apps/api/src/tasks/tasks.mapper.js');
const { stockholmToday } = dist('apps/api/src/common/calendar.js');

// A calendar day as Prisma reads a @db.Date: UTC midnight, whatever the process's zone.
pg.types.setTypeParser(1082, (value) => new Date(`${value}T00:00:00Z`));
// bigint counts as numbers (they are small here), as the API's statements cast them.
pg.types.setTypeParser(20, Number);

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.BASELINE_POOL ?? 10),
});
pool.on('error', () => {}); // a dropped idle connection must not kill the process
const secret = process.env.JWT_SECRET;
const PLAN_CATEGORIES = ['PLAN', 'MEDICAL'];
const TASK_CATEGORIES = ['TASKS', 'MEETING_NOTES', 'MEDICAL'];
const MAX_ROTATIONS_PER_TOKEN = 32;

// Statements are prepared once per distinct text (a compiled ability scope gives a few
// texts per model), as a hand-written pg service would name them.
const statementNames = new Map();
function named(text) {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}
/** Runs a Prisma.sql fragment (its $n text and values) as a named prepared statement. */
const run = (db, sql) => db.query({ name: named(sql.text), text: sql.text, values: sql.values });
const rowsOf = async (db, sql) => (await run(db, sql)).rows;

const SQL = {
  session: (tokenId, sessionId, userId) => Prisma.sql`
    WITH RECURSIVE chain AS (
      SELECT t.id, t.user_id, t.replaced_by_id, t.revoked_at, t.expires_at, 1 AS hops
      FROM refresh_tokens t
      WHERE t.id = ${tokenId}::uuid AND t.family_id = ${sessionId}::uuid AND t.user_id = ${userId}::uuid
      UNION ALL
      SELECT n.id, n.user_id, n.replaced_by_id, n.revoked_at, n.expires_at, c.hops + 1
      FROM chain c JOIN refresh_tokens n ON n.id = c.replaced_by_id
      WHERE c.hops < ${MAX_ROTATIONS_PER_TOKEN}
    )
    SELECT EXISTS (
      SELECT 1 FROM chain c JOIN users u ON u.id = c.user_id
      WHERE c.replaced_by_id IS NULL AND c.revoked_at IS NULL AND c.expires_at > now()
        AND u.disabled_at IS NULL
    ) AS live`,
  participation: (workspaceId, userId) => Prisma.sql`
    SELECT p.id AS "participantId", p.party::text AS party,
           CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.user_id
                  AND m.organisation_id = p.organisation_id AND m.role = p.role)
                THEN p.role::text END AS role,
           p.organisation_id::text AS "organisationId",
           (p.party = 'PATIENT' AND w.patient_user_id = p.user_id) AS "isPatient",
           (w.status = 'CLOSED') AS "caseClosed",
           coalesce((SELECT array_agg(DISTINCT granted::text) FROM consents c, unnest(c.categories) AS granted
             WHERE c.workspace_id = p.workspace_id AND c.party = p.party AND c.revoked_at IS NULL
               AND (c.expires_at IS NULL OR c.expires_at > now())), '{}') AS "grantedCategories",
           (SELECT min(c.expires_at) FROM consents c WHERE c.workspace_id = p.workspace_id
             AND c.party = p.party AND c.revoked_at IS NULL AND c.expires_at > now()) AS "consentsChangeAt"
    FROM participants p JOIN workspaces w ON w.id = p.workspace_id
    WHERE p.workspace_id = ${workspaceId}::uuid AND p.user_id = ${userId}::uuid AND p.removed_at IS NULL
      AND (p.party = 'PATIENT' OR EXISTS (SELECT 1 FROM memberships m
            WHERE m.user_id = p.user_id AND m.organisation_id = p.organisation_id))`,
  overview: (workspaceId) => Prisma.sql`
    SELECT w.id::text AS id, w.status::text AS status, w.sick_period_start AS "sickPeriodStart",
           w.earlier_sick_days AS "earlierSickDays", w.expected_length_days AS "expectedLengthDays",
           w.sick_leave_degree AS "sickLeaveDegree", w.expected_length_basis AS "expectedLengthBasis",
           w.employment_status::text AS "employmentStatus", w.closed_on AS "closedOn",
           w.closing_reason::text AS "closingReason", w.closing_note AS "closingNote",
           w.previous_workspace_id::text AS "previousWorkspaceId",
           pu.id::text AS "patientId", pu.name AS "patientName",
           eo.id::text AS "employerId", eo.name AS "employerName", eo.kind::text AS "employerKind",
           coalesce((SELECT json_agg(json_build_object('id', p.id, 'userId', p.user_id, 'party', p.party,
                      'role', p.role, 'joinedAtMs', (extract(epoch FROM p.joined_at) * 1000)::bigint,
                      'name', u.name, 'organisationId', o.id, 'organisationName', o.name,
                      'organisationKind', o.kind) ORDER BY p.joined_at)
             FROM participants p JOIN users u ON u.id = p.user_id
             LEFT JOIN organisations o ON o.id = p.organisation_id
             WHERE p.workspace_id = w.id AND p.removed_at IS NULL), '[]'::json) AS participants
    FROM workspaces w JOIN users pu ON pu.id = w.patient_user_id
    LEFT JOIN organisations eo ON eo.id = w.employer_organisation_id
    WHERE w.id = ${workspaceId}::uuid`,
  planHead: (workspaceId, readable) => {
    const visible = Prisma.sql`EXISTS (SELECT 1 FROM unnest(r.touched) AS k
      WHERE string_to_array(k, '+') <@ ${readable}::text[])`;
    return Prisma.sql`
    SELECT w.plan_not_needed_reason AS "planNotNeededReason",
           EXISTS (SELECT 1 FROM certificates c WHERE c.workspace_id = w.id) AS "stepsFromCertificates",
           p.id::text AS id, coalesce(v.count, 0)::int AS "visibleVersion",
           v.latest AS "latestVisible", v.latest_at AS "latestVisibleAt",
           p.goal, p.expected_return_date AS "expectedReturnDate",
           p.expected_return_basis AS "expectedReturnBasis",
           p.contact_arrangements AS "contactArrangements", p.patient_view AS "patientView",
           coalesce((SELECT json_agg(json_build_object('degree', s.degree,
                      'fromDate', to_char(s.from_date, 'YYYY-MM-DD'),
                      'toDate', to_char(s.to_date, 'YYYY-MM-DD')) ORDER BY s.position)
             FROM sick_leave_steps s WHERE s.plan_id = p.id), '[]'::json) AS "sickLeaveSteps",
           coalesce((SELECT json_agg(json_build_object('date', to_char(f.date, 'YYYY-MM-DD'),
                      'description', f.description, 'ownerParty', f.owner_party, 'done', f.done)
                      ORDER BY f.position, f.date)
             FROM plan_follow_ups f WHERE f.plan_id = p.id), '[]'::json) AS "followUps",
           coalesce((SELECT json_agg(json_build_object('userId', g.user_id, 'party', g.party,
                      'decision', g.decision, 'comment', g.comment,
                      'signedAtMs', (extract(epoch FROM g.signed_at) * 1000)::bigint, 'name', u.name,
                      'holds', NOT EXISTS (SELECT 1 FROM plan_revisions later
                        WHERE later.plan_id = p.id AND later.number > g.version
                          AND EXISTS (SELECT 1 FROM unnest(later.touched) AS k
                            WHERE string_to_array(k, '+') <@ g.readable)),
                      'ordinal', (SELECT count(*) FROM plan_revisions r
                        WHERE r.plan_id = p.id AND r.number <= g.version AND ${visible}))
                      ORDER BY g.signed_at)
             FROM (SELECT DISTINCT ON (s.user_id) s.* FROM plan_signoffs s
                   WHERE s.plan_id = p.id AND s.workspace_id = w.id
                   ORDER BY s.user_id, s.version DESC) g
             JOIN users u ON u.id = g.user_id), '[]'::json) AS signoffs
    FROM workspaces w LEFT JOIN plans p ON p.workspace_id = w.id
    LEFT JOIN LATERAL (SELECT count(*) AS count, max(r.number) AS latest, max(r.created_at) AS latest_at
      FROM plan_revisions r WHERE r.plan_id = p.id AND ${visible}) v ON true
    WHERE w.id = ${workspaceId}::uuid`;
  },
  measures: (planId, workspaceId, ability) => Prisma.sql`
    SELECT m.id::text AS id, m.owner_party::text AS "ownerParty", m.kind::text AS kind,
           m.category::text AS category, m.title, m.description,
           m.responsible_name AS "responsibleName", m.start_date AS "startDate",
           m.end_date AS "endDate", m.status::text AS status,
           m.follow_up_date AS "followUpDate", m.position
    FROM plan_measures m
    WHERE m.plan_id = ${planId}::uuid AND m.workspace_id = ${workspaceId}::uuid
      AND ${readableSql(ability, 'PlanMeasure', 'm')}
    ORDER BY m.position ASC`,
  auditRow: (access, requestId, ip, action, resourceType, resourceId) => Prisma.sql`
    INSERT INTO audit_log (at, request_id, actor_user_id, actor_party, actor_organisation_id,
      action, resource_type, resource_id, workspace_id, outcome, reason, ip)
    VALUES (${new Date()}::timestamptz, ${requestId}, ${access.userId}::uuid, ${access.party}::party,
      ${access.organisationId}::uuid, ${action}, ${resourceType}, ${resourceId}::uuid,
      ${access.workspaceId}::uuid, 'ALLOWED'::audit_outcome, ${null}, ${ip})`,
  event: (access, type, task, facets) => Prisma.sql`
    WITH next AS (
      UPDATE workspaces SET last_event_seq = last_event_seq + 1
      WHERE id = ${access.workspaceId}::uuid RETURNING id, last_event_seq
    )
    INSERT INTO workspace_events (workspace_id, seq, type, category, actor_user_id, actor_party,
      subject_type, subject_id, author_party, assignee_party, assignee_participant_id,
      invitee_participant_ids, via_note, payload, at)
    SELECT next.id, next.last_event_seq, ${type}, ${facets.category}::category,
           ${access.userId}::uuid, ${access.party}::party, 'Task', ${task.id}::uuid,
           ${facets.authorParty}::party, ${facets.assigneeParty}::party,
           ${facets.assigneeParticipantId}::uuid, ${[...facets.inviteeParticipantIds]}::uuid[],
           ${facets.viaNote}, ${JSON.stringify({ id: task.id, version: task.version })}::jsonb,
           ${new Date()}::timestamptz
    FROM next RETURNING seq, at`,
};

const taskColumns = Prisma.sql`
  t.id::text AS id, t.workspace_id::text AS "workspaceId", t.title, t.description,
  t.status::text AS status, t.category::text AS category, t.assignee_party::text AS "assigneeParty",
  t.assignee_participant_id::text AS "assigneeParticipantId", t.due_date AS "dueDate",
  t.measure_id::text AS "measureId", t.meeting_id::text AS "meetingId", t.note_id::text AS "noteId",
  t.deadline_key AS "deadlineKey", t.created_by_id::text AS "createdById",
  t.created_by_party::text AS "createdByParty", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt", t.completed_at AS "completedAt", t.closed_reason AS "closedReason",
  t.version, ap.id::text AS "assigneeId", ap.party::text AS "assigneeParticipantParty",
  apu.name AS "assigneeName", cb.id::text AS "creatorId", cb.name AS "creatorName"`;
const taskJoins = Prisma.sql`
  LEFT JOIN participants ap ON ap.id = t.assignee_participant_id AND ap.workspace_id = t.workspace_id
  LEFT JOIN users apu ON apu.id = ap.user_id
  LEFT JOIN users cb ON cb.id = t.created_by_id`;
SQL.tasks = (workspaceId, ability) => Prisma.sql`
  SELECT ${taskColumns} FROM tasks t ${taskJoins}
  WHERE t.workspace_id = ${workspaceId}::uuid AND ${readableSql(ability, 'Task', 't')}
  ORDER BY t.due_date ASC NULLS LAST, t.created_at ASC, t.id ASC`;
SQL.task = (workspaceId, taskId) => Prisma.sql`
  SELECT ${taskColumns} FROM tasks t ${taskJoins}
  WHERE t.id = ${taskId}::uuid AND t.workspace_id = ${workspaceId}::uuid`;
SQL.updateTitle = (workspaceId, taskId, version, title) => Prisma.sql`
  WITH t AS (
    UPDATE tasks SET title = ${title}, updated_at = ${new Date()}::timestamptz, version = version + 1
    WHERE id = ${taskId}::uuid AND workspace_id = ${workspaceId}::uuid AND version = ${version}
    RETURNING *
  )
  SELECT ${taskColumns} FROM t ${taskJoins}`;

/** A flat task row in the shape the API's mapper takes (TaskRow). */
const taskRow = ({
  assigneeId,
  assigneeParticipantParty,
  assigneeName,
  creatorId,
  creatorName,
  ...r
}) => ({
  ...r,
  assigneeParticipant:
    assigneeId !== null && assigneeParticipantParty !== null && assigneeName !== null
      ? { id: assigneeId, party: assigneeParticipantParty, user: { name: assigneeName } }
      : null,
  createdBy:
    creatorId !== null && creatorName !== null ? { id: creatorId, name: creatorName } : null,
});

function verify(header) {
  const [h, p, s] = (header ?? '').replace(/^Bearer /, '').split('.');
  if (!s) return null;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  return claims.exp > Date.now() / 1000
    ? { id: claims.sub, name: claims.name, sessionId: claims.sid, tokenId: claims.rid }
    : null;
}

/** The same session check as the API's: a token is good only while its session is. */
async function sessionLive(user) {
  if (!user.sessionId || !user.tokenId) return false;
  const [row] = await rowsOf(pool, SQL.session(user.tokenId, user.sessionId, user.id));
  return row?.live === true;
}

/** The caller's access as the API's AccessService builds it, with the API's ability. */
async function readAccess(workspaceId, user) {
  const [row] = await rowsOf(pool, SQL.participation(workspaceId, user.id));
  if (!row || !hasCaseAccess(row)) return null;
  const role = caseRole(row.party, row.role);
  const granted = new Set(row.isPatient ? [] : row.grantedCategories);
  return {
    userId: user.id,
    name: user.name,
    workspaceId,
    participantId: row.participantId,
    party: row.party,
    role,
    organisationId: row.organisationId,
    isPatient: row.isPatient,
    grantedCategories: granted,
    granted,
    consentsChangeAt: row.isPatient ? null : row.consentsChangeAt,
    caseClosed: row.caseClosed,
    ability: buildWorkspaceAbility({
      party: row.party,
      role,
      participantId: row.participantId,
      isPatient: row.isPatient,
      grantedCategories: granted,
      caseClosed: row.caseClosed,
    }),
  };
}

/** One audit row: a single INSERT (the audit_log_chain trigger links it), as the API writes. */
const audit = (db, req, access, action, resourceType, resourceId) =>
  run(db, SQL.auditRow(access, req.id, req.ip, action, resourceType, resourceId));

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The overview's row in the shape the API's mapper takes (OverviewRow). */
const overviewRow = ({
  patientId,
  patientName,
  employerId,
  employerName,
  employerKind,
  participants,
  ...w
}) => ({
  ...w,
  patient: { id: patientId, name: patientName },
  employer: employerId ? { id: employerId, name: employerName, kind: employerKind } : null,
  participants: participants.map((p) => ({
    id: p.id,
    userId: p.userId,
    party: p.party,
    role: p.role,
    joinedAt: new Date(p.joinedAtMs),
    user: { name: p.name },
    organisation: p.organisationId
      ? { id: p.organisationId, name: p.organisationName, kind: p.organisationKind }
      : null,
  })),
});

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.get('/api/health/live', async () => ({ status: 'ok' }));

// Authentication and the workspace guard: the session, then participation and consents.
app.addHook('preHandler', async (req, reply) => {
  if (!req.params.id) return;
  const user = verify(req.headers.authorization);
  if (!user || !(await sessionLive(user))) return reply.code(401).send({ status: 401 });
  req.access = await readAccess(req.params.id, user);
  if (!req.access) return reply.code(404).send({ status: 404 });
});

app.get('/api/workspaces/:id', async (req) => {
  const a = req.access;
  const [row] = await rowsOf(pool, SQL.overview(a.workspaceId));
  await audit(pool, req, a, 'workspace.read', 'Workspace', a.workspaceId);
  return toOverview(overviewRow(row), a, permissionsOf(a), stockholmToday());
});

app.get('/api/workspaces/:id/plan', async (req) => {
  const a = req.access;
  const [head] = await rowsOf(pool, SQL.planHead(a.workspaceId, readableKeys(a.ability)));
  let plan = null;
  if (head?.id) {
    const measures = await rowsOf(pool, SQL.measures(head.id, a.workspaceId, a.ability));
    plan = {
      ...head,
      measures,
      sickLeaveSteps: head.sickLeaveSteps.map((s) => ({
        degree: s.degree,
        fromDate: new Date(`${s.fromDate}T00:00:00Z`),
        toDate: s.toDate ? new Date(`${s.toDate}T00:00:00Z`) : null,
      })),
      followUps: head.followUps.map((f) => ({ ...f, date: new Date(`${f.date}T00:00:00Z`) })),
      signoffs: head.signoffs.map((s) => ({
        ...s,
        signedAt: new Date(s.signedAtMs),
        user: { name: s.name },
      })),
    };
  }
  const view = toPlanView(
    {
      planNotNeededReason: head?.planNotNeededReason ?? null,
      stepsFromCertificates: head?.stepsFromCertificates ?? false,
      plan,
    },
    {
      mayReadField: planFieldReader(a.ability),
      withheld: withheldOf(a, PLAN_CATEGORIES),
      userId: a.userId,
    },
  );
  const action = showsNothing(view, 'PLAN') ? 'plan.read-withheld' : 'plan.read';
  await audit(pool, req, a, action, 'Plan', view.id);
  return view;
});

app.get('/api/workspaces/:id/tasks', async (req) => {
  const a = req.access;
  const today = stockholmToday();
  const rows = (await rowsOf(pool, SQL.tasks(a.workspaceId, a.ability))).map(taskRow);
  const withheld = withheldOf(a, TASK_CATEGORIES);
  const action =
    rows.length === 0 && withheld.includes('TASKS') ? 'task.read-withheld' : 'task.read';
  await audit(pool, req, a, action, 'Task', null);
  return { tasks: rows.map((row) => toTaskView(row, today, a.ability)), withheld };
});

// update-task: the change, its event and its audit row in one transaction (optimistic
// version), the policy asked field by field as the API asks it.
app.patch('/api/workspaces/:id/tasks/:taskId', async (req, reply) => {
  const a = req.access;
  const { version, title } = req.body ?? {};
  const outcome = await inTransaction(async (c) => {
    const [found] = await rowsOf(c, SQL.task(a.workspaceId, req.params.taskId));
    if (!found) return { status: 404 };
    const current = taskRow(found);
    if (!allows(a.ability, 'read', 'Task', current)) return { status: 403 };
    const changed = title !== undefined && title !== current.title;
    if (changed && !allows(a.ability, 'update', 'Task', current, 'title')) return { status: 403 };
    if (version !== current.version) return { status: 409, currentVersion: current.version };
    if (!changed) return { task: current };
    const [updated] = await rowsOf(c, SQL.updateTitle(a.workspaceId, current.id, version, title));
    if (!updated) return { status: 409 };
    const task = taskRow(updated);
    const facets = facetsOf('Task', task);
    const [{ seq, at }] = await rowsOf(c, SQL.event(a, 'task.updated', task, facets));
    await audit(c, req, a, 'task.updated', 'Task', task.id);
    const event = {
      workspaceId: a.workspaceId,
      seq,
      type: 'task.updated',
      category: facets.category,
      at: at.toISOString(),
      actor: { userId: a.userId, name: a.name, party: a.party },
      data: { id: task.id, version: task.version },
    };
    return { task, event, facets };
  });
  if (outcome.status) return reply.code(outcome.status).send(outcome);
  // After commit: fan the event out to the room (what the API's live gateway does).
  if (outcome.event) {
    fanout.publish(outcome.event, {
      category: outcome.facets.category,
      actorParty: a.party,
      authorParty: outcome.facets.authorParty,
      assigneeParty: outcome.facets.assigneeParty,
      assigneeParticipantId: outcome.facets.assigneeParticipantId,
    });
  }
  return toTaskView(outcome.task, stockholmToday(), a.ability);
});

const fanout = attachFanout(app.server, { verify, readAccess });
await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
