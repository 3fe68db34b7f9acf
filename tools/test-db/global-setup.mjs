// Jest global setup: one PostgreSQL server for the run and one migrated template database.
// Uses TEST_DATABASE_URL, else DATABASE_URL (a server URL), else an embedded PostgreSQL.
// Test files clone the template (CREATE DATABASE ... TEMPLATE), so each gets a fresh,
// migrated database of its own in milliseconds and no test depends on another.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded-postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'atergang-test-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    globalThis.__ATERGANG_EMBEDDED_PG__ = embedded;
    serverUrl = embedded.url;
  }
  const template = `atergang_tpl_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  execFileSync(join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(serverUrl, template) },
    stdio: 'pipe',
  });
  process.env.ATERGANG_TEST_SERVER_URL = serverUrl;
  process.env.ATERGANG_TEST_TEMPLATE_DB = template;
}
