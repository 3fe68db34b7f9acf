// Jest global setup: one PostgreSQL server for the run and one migrated template database.
// Uses TEST_DATABASE_URL, else DATABASE_URL (a server URL), else an embedded PostgreSQL.
// The API under test runs as a login role with the production grants (tools/app-database-role.mjs).
// Test files clone the template (CREATE DATABASE ... TEMPLATE), so each gets a fresh,
// migrated database of its own in milliseconds and no test depends on another.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureAppLogin } from '../app-database-role.mjs';
import { migrateJobQueue } from '../job-queue-schema.mjs';
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
  await migrateJobQueue(databaseUrl(serverUrl, template));
  // The API under test connects as the production role would (only INSERT and SELECT on
  // audit_log); tests that arrange or inspect rows directly use the owner's URL. The login
  // role is this run's own (roles are cluster-wide) and is dropped in global teardown.
  const appLogin = {
    user: `atergang_t_api_${randomBytes(6).toString('hex')}`,
    password: randomBytes(18).toString('base64url'),
  };
  await ensureAppLogin(databaseUrl(serverUrl, template), appLogin);
  process.env.ATERGANG_TEST_APP_USER = appLogin.user;
  process.env.ATERGANG_TEST_APP_PASSWORD = appLogin.password;
  process.env.ATERGANG_TEST_SERVER_URL = serverUrl;
  process.env.ATERGANG_TEST_TEMPLATE_DB = template;
}
