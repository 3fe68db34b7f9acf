// PostgreSQL for the benchmarks: the local server (BENCH_PG_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres) when it answers, with a fresh database per
// run that is dropped afterwards; otherwise an embedded PostgreSQL in a temporary folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { root } from './util.mjs';

export const LOCAL_URL =
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function withDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts an embedded PostgreSQL in a temporary folder; `stop()` removes the folder. */
export async function startEmbedded(log) {
  const { startEmbeddedPostgres } = await import('../../tools/embedded-postgres.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'atergang-bench-pg-'));
  // As root the server runs as the postgres OS user, which must be able to reach the folder.
  if (userInfo().uid === 0) chmodSync(dir, 0o777);
  log(`starting embedded PostgreSQL in ${dir}`);
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
  return {
    url: server.url,
    kind: 'embedded',
    stop: async () => {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL server to create databases on: local if reachable, else embedded. */
export async function pgServer(log) {
  if (process.env.BENCH_EMBEDDED !== 'true' && (await reachable(LOCAL_URL))) {
    log(`using the local PostgreSQL at ${new URL(LOCAL_URL).host}`);
    return { url: LOCAL_URL, kind: 'local', stop: async () => {} };
  }
  return startEmbedded(log);
}

export async function admin(serverUrl, work) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether the server has a database of that name. */
export async function databaseExists(serverUrl, name) {
  return admin(serverUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount > 0;
  });
}

/** Creates a fresh database and applies the migrations (Prisma's, then the job queue's). */
export async function createDatabase(serverUrl, name, log) {
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(serverUrl, name);
  log(`migrating ${name}`);
  const result = spawnSync(join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
  // The job queue's schema (graphile-worker), as `npm run db:migrate` installs it.
  const { migrateJobQueue } = await import('../../tools/job-queue-schema.mjs');
  await migrateJobQueue(url);
  return url;
}

export async function dropDatabase(serverUrl, name) {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
    () => {},
  );
}
