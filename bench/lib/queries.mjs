// Statements per request (through the counting proxy) and EXPLAIN of the hot statements.
import pg from 'pg';
import { startApi } from './api.mjs';
import { startSqlProxy } from './sql-proxy.mjs';
import { workspaceOf } from './seed.mjs';
import { accessToken, stopChild } from './util.mjs';

const ROUTES = [
  { name: 'overview', method: 'GET', path: '' },
  { name: 'plan', method: 'GET', path: '/plan' },
  { name: 'tasks', method: 'GET', path: '/tasks' },
  { name: 'updateTask', method: 'PATCH', path: '/tasks/TASK' },
];

/**
 * Starts an API behind the counting proxy and counts the statements of each benchmarked
 * route for the employer of workspace `i` (after one warm-up call per route).
 */
export async function countQueries({ databaseUrl, secret, i, start }) {
  const proxy = await startSqlProxy(databaseUrl);
  const api = start
    ? await start(proxy.url)
    : await startApi({
        databaseUrl: proxy.url,
        jwtSecret: secret,
        name: 'api-counting',
        // The request's own statements: the job a change adds is counted, the in-process
        // worker that later works it (notifications, on its own connections) is not, or the
        // count would depend on when the worker polled.
        extraEnv: { JOB_WORKER: 'off' },
      });
  try {
    const ws = workspaceOf(i);
    const member = ws.members[1];
    const auth = `Bearer ${accessToken(secret, member)}`;
    const result = {};
    const statements = {};
    let version = null;
    for (const route of ROUTES) {
      const call = async () => {
        const path = `/api/workspaces/${ws.id}${route.path.replace('TASK', ws.taskIds[1])}`;
        if (route.method === 'PATCH') {
          if (version === null) {
            const db = new pg.Client({ connectionString: databaseUrl });
            await db.connect();
            version = (await db.query('SELECT version FROM tasks WHERE id = $1', [ws.taskIds[1]]))
              .rows[0].version;
            await db.end();
          }
          const response = await fetch(`${api.url}${path}`, {
            method: 'PATCH',
            headers: { authorization: auth, 'content-type': 'application/json' },
            body: JSON.stringify({ version, title: `Counted ${version}` }),
          });
          const body = await response.json();
          if (response.status !== 200) throw new Error(`PATCH ${response.status}`);
          version = body.version;
          return;
        }
        const response = await fetch(`${api.url}${path}`, { headers: { authorization: auth } });
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
        await response.arrayBuffer();
      };
      await call();
      const captured = await proxy.capture(call);
      result[route.name] = captured.count;
      statements[route.name] = captured.statements;
    }
    result.readWorkspace = result.overview + result.plan + result.tasks;
    return { perRequest: result, statements };
  } finally {
    await stopChild(api);
    await proxy.close();
  }
}

const label = (sql) => {
  const table =
    /FROM\s+"public"\."(\w+)"/i.exec(sql) ??
    /(?:UPDATE|INTO)\s+(?:"public"\.)?"?(\w+)"?/i.exec(sql);
  const verb = sql.trim().split(/\s+/)[0].toUpperCase();
  return `${verb} ${table ? table[1] : '?'}`;
};

/** EXPLAIN (no ANALYZE, so nothing is written) of every distinct SELECT/UPDATE captured. */
export async function explainStatements(databaseUrl, statementsByRoute) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seen = new Set();
  const plans = [];
  try {
    for (const [route, statements] of Object.entries(statementsByRoute)) {
      for (const { sql, params } of statements) {
        if (
          !/^\s*(SELECT|UPDATE|WITH)/i.test(sql) ||
          /pg_advisory_xact_lock/.test(sql) ||
          seen.has(sql)
        )
          continue;
        seen.add(sql);
        if (!params) continue;
        const args = params.map((p) => (p === null ? 'NULL' : client.escapeLiteral(p)));
        try {
          await client.query('BEGIN');
          await client.query(`PREPARE bench_explain AS ${sql}`);
          const { rows } = await client.query(
            `EXPLAIN (COSTS OFF) EXECUTE bench_explain${args.length ? `(${args.join(', ')})` : ''}`,
          );
          const plan = rows.map((r) => r['QUERY PLAN']);
          const seqScans = plan
            .filter((line) => /Seq Scan on/.test(line))
            .map((line) => line.replace(/.*Seq Scan on (\w+).*/, '$1'));
          plans.push({
            route,
            statement: label(sql),
            sql: sql.replace(/\s+/g, ' ').slice(0, 400),
            plan,
            seqScans,
          });
        } catch (error) {
          plans.push({
            route,
            statement: label(sql),
            sql: sql.slice(0, 200),
            error: error.message,
          });
        } finally {
          await client.query('ROLLBACK');
        }
      }
    }
  } finally {
    await client.end();
  }
  return plans;
}
