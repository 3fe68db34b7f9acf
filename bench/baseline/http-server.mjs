// The HTTP baseline: bare Fastify + pg, no framework, no ORM, prepared statements. It serves
// the benchmarked routes with the same authorization (participation + consents in force),
// the same visibility filtering, the same audit chain (advisory lock, last hash, insert, in
// a transaction) and the same event append, in as few statements as plain SQL allows.
// Domain functions (rehab chain, plan quality, permissions) come from the API's build.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';
import { attachFanout } from './ws-fanout.mjs';

const require = createRequire(import.meta.url);
const distRoot = process.env.BENCH_API_DIST ?? new URL('../../dist/api', import.meta.url).pathname;
const dist = (path) => require(`${distRoot}/${path}`);
const { computeRehabChain } = dist('libs/domain/src/index.js');
const { checkPlanQuality } = dist('apps/api/src/plan/plan-quality.js');
const { permissionsFor } = dist('apps/api/src/access/permissions.js');
const CATEGORIES = ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'];

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.BASELINE_POOL ?? 10),
});
pool.on('error', () => {}); // a dropped idle connection must not kill the process
const secret = process.env.JWT_SECRET;
// Whether the audit chain is linked by a trigger (migration audit_chain_in_database) or,
// as before it, by the application: the baseline follows whatever the schema does.
const chainInDatabase =
  (await pool.query("SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_chain'")).rowCount > 0;
const iso = (d) => (d ? d.toISOString().slice(0, 10) : null);
const todayFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const q = (client, name, text, values) => client.query({ name, text, values });

const SQL = {
  access: `SELECT p.id, p.party::text,
      CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.user_id AND m.organisation_id = p.organisation_id AND m.role = p.role)
           THEN p.role::text END AS role,
      p.organisation_id, w.patient_user_id = p.user_id AND p.party = 'PATIENT' AS is_patient,
      ARRAY(SELECT DISTINCT unnest(c.categories)::text FROM consents c WHERE c.workspace_id = p.workspace_id AND c.party = p.party
            AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())) AS granted
    FROM participants p JOIN workspaces w ON w.id = p.workspace_id WHERE p.workspace_id = $1 AND p.user_id = $2 AND p.removed_at IS NULL
      AND (p.party = 'PATIENT' OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = p.user_id AND m.organisation_id = p.organisation_id))`,
  workspace: `SELECT w.id, w.status::text, w.sick_period_start, w.earlier_sick_days, w.expected_length_days, w.sick_leave_degree,
      pu.id AS patient_id, pu.name AS patient_name, o.id AS employer_id, o.name AS employer_name, o.kind::text AS employer_kind
    FROM workspaces w JOIN users pu ON pu.id = w.patient_user_id LEFT JOIN organisations o ON o.id = w.employer_organisation_id WHERE w.id = $1`,
  participants: `SELECT p.id, p.user_id, p.party::text, p.role::text, p.joined_at, u.name, o.id AS org_id, o.name AS org_name, o.kind::text AS org_kind
    FROM participants p JOIN users u ON u.id = p.user_id LEFT JOIN organisations o ON o.id = p.organisation_id
    WHERE p.workspace_id = $1 AND p.removed_at IS NULL ORDER BY p.joined_at`,
  plan: `SELECT pl.id, pl.version, pl.goal, pl.expected_return_date, pl.expected_return_basis, pl.contact_arrangements, pl.patient_view, pl.updated_at,
      w.plan_not_needed_reason,
      (SELECT coalesce(json_agg(m ORDER BY m.position), '[]') FROM (SELECT id, owner_party AS "ownerParty", kind, category, title, description,
          responsible_name AS "responsibleName", start_date AS "startDate", end_date AS "endDate", status, follow_up_date AS "followUpDate", position
          FROM plan_measures WHERE plan_id = pl.id AND workspace_id = $1 AND ($2 OR owner_party::text = $3 OR category::text = ANY($4::text[]))) m) AS measures,
      (SELECT coalesce(json_agg(json_build_object('degree', degree, 'fromDate', from_date, 'toDate', to_date) ORDER BY position), '[]') FROM sick_leave_steps WHERE plan_id = pl.id) AS steps,
      (SELECT coalesce(json_agg(json_build_object('date', date, 'description', description, 'ownerParty', owner_party, 'done', done) ORDER BY position, date), '[]') FROM plan_follow_ups WHERE plan_id = pl.id) AS follow_ups,
      (SELECT coalesce(json_agg(json_build_object('version', s.version, 'party', s.party, 'name', u.name, 'signedAt', s.signed_at) ORDER BY s.signed_at), '[]')
          FROM plan_signoffs s JOIN users u ON u.id = s.user_id WHERE s.plan_id = pl.id AND s.workspace_id = $1 AND s.version = pl.version) AS signoffs
    FROM workspaces w LEFT JOIN plans pl ON pl.workspace_id = w.id WHERE w.id = $1`,
  taskCols: `t.id, t.title, t.description, t.status::text, t.category::text, t.assignee_party::text, t.assignee_participant_id, t.due_date, t.measure_id,
      t.meeting_id, t.note_id, t.deadline_key, t.created_by_id, t.created_by_party::text, t.created_at, t.updated_at, t.completed_at, t.version,
      ap.party::text AS assignee_participant_party, au.name AS assignee_name, cu.name AS created_by_name`,
  taskJoins: `LEFT JOIN participants ap ON ap.id = t.assignee_participant_id AND ap.workspace_id = t.workspace_id LEFT JOIN users au ON au.id = ap.user_id LEFT JOIN users cu ON cu.id = t.created_by_id`,
  auditLast: 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1',
  auditInsertDb: `INSERT INTO audit_log (at, request_id, actor_user_id, actor_party, actor_organisation_id, action, resource_type, resource_id, workspace_id, outcome, reason, ip)
    VALUES ($1, $2, $3, $4::party, $5, $6, $7, $8, $9, $10::audit_outcome, $11, $12)`,
  auditInsert: `INSERT INTO audit_log (at, request_id, actor_user_id, actor_party, actor_organisation_id, action, resource_type, resource_id, workspace_id, outcome, reason, ip, prev_hash, hash)
    VALUES ($1, $2, $3, $4::party, $5, $6, $7, $8, $9, $10::audit_outcome, $11, $12, $13, $14)`,
};
SQL.tasks = `SELECT ${SQL.taskCols} FROM tasks t ${SQL.taskJoins} WHERE t.workspace_id = $1 AND ($2 OR t.assignee_party::text = $3 OR t.assignee_participant_id = $4
  OR t.created_by_party::text = $3 OR t.category::text = ANY($5::text[])) ORDER BY t.due_date ASC NULLS LAST, t.created_at, t.id`;
SQL.task = `SELECT ${SQL.taskCols} FROM tasks t ${SQL.taskJoins} WHERE t.id = $1 AND t.workspace_id = $2`;
SQL.update = `WITH t AS (UPDATE tasks SET title = $3, version = version + 1, updated_at = now() WHERE id = $1 AND workspace_id = $2 AND version = $4 RETURNING *)
  SELECT ${SQL.taskCols} FROM t ${SQL.taskJoins}`;

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
SQL.session = `SELECT EXISTS (SELECT 1 FROM refresh_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.id = $1 AND t.family_id = $2 AND t.user_id = $3 AND t.replaced_by_id IS NULL
      AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL) AS live`;
async function sessionLive(user) {
  if (!user.sessionId || !user.tokenId) return false;
  const row = (await q(pool, 'session', SQL.session, [user.tokenId, user.sessionId, user.id]))
    .rows[0];
  return row?.live === true;
}

async function readAccess(workspaceId, user) {
  const row = (await q(pool, 'access', SQL.access, [workspaceId, user.id])).rows[0];
  if (!row) return null;
  const granted = new Set(row.granted);
  return {
    userId: user.id,
    name: user.name,
    workspaceId,
    participantId: row.id,
    party: row.party,
    role: row.role,
    organisationId: row.organisation_id,
    isPatient: row.is_patient,
    granted,
    grantedList: [...granted],
  };
}

async function audit(client, req, access, action, type, resourceId) {
  const f = [
    new Date(),
    req.id,
    access.userId,
    access.party,
    access.organisationId,
    action,
    type,
    resourceId,
    access.workspaceId,
    'ALLOWED',
    null,
    req.ip,
  ];
  if (chainInDatabase) {
    // The audit_log_chain trigger links the row under its lock: one INSERT, as the API does.
    await q(client, 'audit_insert_db', SQL.auditInsertDb, f);
    return;
  }
  await client.query('SELECT pg_advisory_xact_lock(7411001)');
  const prev = (await q(client, 'audit_last', SQL.auditLast, [])).rows[0]?.hash ?? '0'.repeat(64);
  const hash = createHash('sha256')
    .update(prev)
    .update('\n')
    .update(JSON.stringify([f[0].toISOString(), ...f.slice(1)]))
    .digest('hex');
  await q(client, 'audit_insert', SQL.auditInsert, [...f, prev, hash]);
}

/** A read's audit row: its own transaction, or (chain linked by the trigger) one statement. */
const auditRead = (req, access, action, type, resourceId) =>
  chainInDatabase
    ? audit(pool, req, access, action, type, resourceId)
    : inTransaction((c) => audit(c, req, access, action, type, resourceId));

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

const taskView = (r, today) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  status: r.status,
  category: r.category,
  assigneeParty: r.assignee_party,
  assignee: r.assignee_participant_id
    ? {
        participantId: r.assignee_participant_id,
        name: r.assignee_name,
        party: r.assignee_participant_party,
      }
    : null,
  dueDate: iso(r.due_date),
  overdue:
    r.due_date !== null &&
    iso(r.due_date) < today &&
    r.status !== 'DONE' &&
    r.status !== 'CANCELLED',
  measureId: r.measure_id,
  meetingId: r.meeting_id,
  noteId: r.note_id,
  deadlineKey: r.deadline_key,
  createdBy: r.created_by_id ? { userId: r.created_by_id, name: r.created_by_name } : null,
  createdByParty: r.created_by_party,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
  version: r.version,
});

const app = Fastify({ logger: false, genReqId: () => randomUUID() });
app.get('/api/health/live', async () => ({ status: 'ok' }));

// Authentication and the workspace guard: participation and consents in one statement.
app.addHook('preHandler', async (req, reply) => {
  if (!req.params.id) return;
  const user = verify(req.headers.authorization);
  if (!user || !(await sessionLive(user))) return reply.code(401).send({ status: 401 });
  req.access = await readAccess(req.params.id, user);
  if (!req.access) return reply.code(404).send({ status: 404 });
});

app.get('/api/workspaces/:id', async (req) => {
  const a = req.access;
  const w = (await q(pool, 'workspace', SQL.workspace, [a.workspaceId])).rows[0];
  const participants = (await q(pool, 'participants', SQL.participants, [a.workspaceId])).rows;
  await auditRead(req, a, 'workspace.read', 'Workspace', a.workspaceId);
  const chain = computeRehabChain({
    sickPeriodStart: iso(w.sick_period_start),
    earlierSickDays: w.earlier_sick_days,
    today: todayFormat.format(new Date()),
  });
  return {
    id: w.id,
    status: w.status,
    patient: { id: w.patient_id, name: w.patient_name },
    employer: w.employer_id
      ? { id: w.employer_id, name: w.employer_name, kind: w.employer_kind }
      : null,
    sickPeriodStart: iso(w.sick_period_start),
    earlierSickDays: w.earlier_sick_days,
    expectedLengthDays: w.expected_length_days,
    sickLeaveDegree: w.sick_leave_degree,
    rehabChain: {
      day: chain.day,
      phase: chain.phase,
      phaseLabelSv: chain.phaseLabelSv,
      phaseLabelEn: chain.phaseLabelEn,
      milestones: chain.milestones.map((m) => ({ ...m, owner: m.owner ?? null })),
    },
    participants: participants.map((p) => ({
      id: p.id,
      userId: p.user_id,
      name: p.name,
      party: p.party,
      role: p.role,
      organisation: p.org_id ? { id: p.org_id, name: p.org_name, kind: p.org_kind } : null,
      joinedAt: p.joined_at.toISOString(),
    })),
    me: { participantId: a.participantId, party: a.party, role: a.role },
    grantedCategories: a.isPatient ? CATEGORIES : CATEGORIES.filter((c) => a.granted.has(c)),
    permissions: permissionsFor(a.party),
  };
});

app.get('/api/workspaces/:id/plan', async (req) => {
  const a = req.access;
  const r = (await q(pool, 'plan', SQL.plan, [a.workspaceId, a.isPatient, a.party, a.grantedList]))
    .rows[0];
  await auditRead(req, a, 'plan.read', 'Plan', r.id);
  const shared = a.isPatient || a.granted.has('PLAN');
  const measures = (r.measures ?? []).map(({ position: _p, ...m }) => m);
  const followUps = shared ? r.follow_ups : [];
  return {
    id: r.id,
    version: r.version ?? 0,
    goal: shared ? r.goal : null,
    expectedReturnDate: shared ? iso(r.expected_return_date) : null,
    expectedReturnBasis: shared ? r.expected_return_basis : null,
    contactArrangements: shared ? r.contact_arrangements : null,
    patientView: shared ? r.patient_view : null,
    measures,
    sickLeaveSteps: shared ? r.steps : [],
    followUps,
    notNeededReason: shared ? r.plan_not_needed_reason : null,
    signoffs: shared ? r.signoffs : [],
    quality: checkPlanQuality(
      { goal: shared ? r.goal : null, followUps, measures },
      { includeShared: shared },
    ),
    updatedAt: r.updated_at?.toISOString() ?? null,
    withheld: a.isPatient ? [] : ['PLAN', 'MEDICAL'].filter((c) => !a.granted.has(c)),
  };
});

app.get('/api/workspaces/:id/tasks', async (req) => {
  const a = req.access;
  const rows = (
    await q(pool, 'tasks', SQL.tasks, [
      a.workspaceId,
      a.isPatient,
      a.party,
      a.participantId,
      a.grantedList,
    ])
  ).rows;
  await auditRead(req, a, 'task.read', 'Task', null);
  const today = todayFormat.format(new Date());
  return {
    tasks: rows.map((r) => taskView(r, today)),
    withheld: a.isPatient ? [] : ['TASKS', 'MEDICAL'].filter((c) => !a.granted.has(c)),
  };
});

// update-task: the change, its event and its audit row in one transaction (optimistic version).
app.patch('/api/workspaces/:id/tasks/:taskId', async (req, reply) => {
  const a = req.access;
  const { version, title } = req.body ?? {};
  const current = (await q(pool, 'task', SQL.task, [req.params.taskId, a.workspaceId])).rows[0];
  if (!current) return reply.code(404).send({ status: 404 });
  const mine =
    current.created_by_party === a.party ||
    current.assignee_party === a.party ||
    current.assignee_participant_id === a.participantId;
  if (!mine) return reply.code(403).send({ status: 403 });
  if (version !== current.version)
    return reply.code(409).send({ status: 409, currentVersion: current.version });
  const row = await inTransaction(async (c) => {
    const updated = (await q(c, 'update', SQL.update, [current.id, a.workspaceId, title, version]))
      .rows[0];
    if (!updated) return null;
    const seq = (
      await q(
        c,
        'seq',
        'UPDATE workspaces SET last_event_seq = last_event_seq + 1 WHERE id = $1 RETURNING last_event_seq',
        [a.workspaceId],
      )
    ).rows[0].last_event_seq;
    const { at } = (
      await q(
        c,
        'event',
        `INSERT INTO workspace_events (workspace_id, seq, type, category, actor_user_id, actor_party, subject_type, subject_id, author_party, assignee_party, assignee_participant_id, payload)
      VALUES ($1, $2, 'task.updated', $3::category, $4, $5::party, 'Task', $6, $7::party, $8::party, $9, $10) RETURNING at`,
        [
          a.workspaceId,
          seq,
          updated.category,
          a.userId,
          a.party,
          updated.id,
          updated.created_by_party,
          updated.assignee_party,
          updated.assignee_participant_id,
          { id: updated.id, version: updated.version },
        ],
      )
    ).rows[0];
    await audit(c, req, a, 'task.updated', 'Task', updated.id);
    updated.event = {
      workspaceId: a.workspaceId,
      seq,
      type: 'task.updated',
      category: updated.category,
      at: at.toISOString(),
      actor: { userId: a.userId, name: a.name, party: a.party },
      data: { id: updated.id, version: updated.version },
    };
    return updated;
  });
  if (!row) return reply.code(409).send({ status: 409 });
  // After commit: fan the event out to the room (what the API's live gateway does).
  fanout.publish(row.event, {
    category: row.category,
    actorParty: a.party,
    authorParty: row.created_by_party,
    assigneeParty: row.assignee_party,
    assigneeParticipantId: row.assignee_participant_id,
  });
  return taskView(row, todayFormat.format(new Date()));
});

const fanout = attachFanout(app.server, { verify, readAccess });
await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
