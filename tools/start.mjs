// `npm start`: the whole service on one port. Without DATABASE_URL it runs an embedded
// PostgreSQL in a git-ignored data folder (.data/) in demo mode; with DATABASE_URL it uses
// that database (demo data only with DEMO=true). Builds what it needs (Nx caches builds),
// applies migrations, starts the API (which serves the web client) and prints the URL and
// the demo logins. SIGTERM/SIGINT stop everything cleanly.
//
// Migrations run as the database's owner, the API as a login role that may only add to and
// read the audit log (tools/app-database-role.mjs): embedded, that role is created here;
// with DATABASE_URL, APP_DATABASE_URL names it (else the API uses DATABASE_URL itself).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { appDatabaseUrl, ensureAppLogin, loginOf } from './app-database-role.mjs';
import { migrateJobQueue } from './job-queue-schema.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const log = (line) => process.stdout.write(`[start] ${line}\n`);

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed with exit code ${result.status}`);
  }
}

async function ensureDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function persistentSecret(file) {
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function waitUntilReady(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API was not ready within ${timeoutMs / 1000} s`);
}

async function printBanner(url, demo) {
  const lines = ['', `  Återgång is running: ${url}`, `  API docs: ${url}/api/docs`];
  if (demo) {
    const seedModule = join(root, 'dist/api/apps/api/src/demo/demo-case.seed.js');
    const { DEMO_USERS, DEMO_PASSWORD } = await import(pathToFileURL(seedModule).href);
    lines.push('', `  Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) {
      lines.push(`    ${user.email.padEnd(28)} ${user.description}`);
    }
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

async function main() {
  const env = { ...process.env };
  const dataDir = resolve(root, env.ATERGANG_DATA_DIR ?? '.data');
  let embedded;
  let apiDatabaseUrl = env.APP_DATABASE_URL;

  if (!env.DATABASE_URL) {
    mkdirSync(dataDir, { recursive: true });
    log(`no DATABASE_URL: starting embedded PostgreSQL in ${dataDir}/pg`);
    embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
    env.DATABASE_URL = await ensureDatabase(embedded.url, 'atergang');
    env.DEMO = env.DEMO ?? 'true';
    env.JWT_SECRET = env.JWT_SECRET ?? persistentSecret(join(dataDir, 'jwt-secret'));
    env.STORAGE_DIR = env.STORAGE_DIR ?? join(dataDir, 'storage');
    env.AUDIT_ANCHOR_FILE = env.AUDIT_ANCHOR_FILE ?? join(dataDir, 'audit-anchors.jsonl');
    env.AUDIT_ANCHOR_KEY =
      env.AUDIT_ANCHOR_KEY ?? persistentSecret(join(dataDir, 'audit-anchor-key'));
    const login = {
      user: 'atergang_api',
      password: persistentSecret(join(dataDir, 'db-api-password')),
    };
    apiDatabaseUrl = appDatabaseUrl(env.DATABASE_URL, login);
  }

  const stopDatabase = async () => {
    if (embedded) {
      await embedded.stop();
      embedded = undefined;
    }
  };

  try {
    log('applying migrations');
    run(bin('prisma'), ['migrate', 'deploy'], env);
    await migrateJobQueue(env.DATABASE_URL);
    if (apiDatabaseUrl) {
      await ensureAppLogin(env.DATABASE_URL, loginOf(apiDatabaseUrl));
      log(
        `the API connects as ${loginOf(apiDatabaseUrl).user} (it may only add to and read the audit log)`,
      );
    }
    if (env.ATERGANG_SKIP_BUILD !== 'true') {
      log('building the API and the web client (cached when unchanged)');
      run(bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], env);
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  env.WEB_DIST_DIR = env.WEB_DIST_DIR ?? join(root, 'dist/web');
  env.MIGRATIONS_DIR = env.MIGRATIONS_DIR ?? join(root, 'prisma/migrations');
  env.PORT = env.PORT ?? '3000';

  const api = spawn(process.execPath, [join(root, 'dist/api/apps/api/src/main.js')], {
    cwd: root,
    env: { ...env, DATABASE_URL: apiDatabaseUrl ?? env.DATABASE_URL },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  // embedded-postgres installs its own SIGTERM/SIGINT hooks that exit at once (code 143)
  // while the API may still be draining. This script stops PostgreSQL itself, after the
  // API has finished, so those hooks are replaced by ours.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    api.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));

  api.on('exit', (code, signal) => {
    void stopDatabase().finally(() => {
      process.exit(stopping ? (code ?? 0) : (code ?? (signal ? 1 : 0)) || 1);
    });
  });

  const url = `http://localhost:${env.PORT}`;
  try {
    await waitUntilReady(url, api);
    await printBanner(url, env.DEMO === 'true');
  } catch (error) {
    log(`start-up failed: ${error.message}`);
    stop('SIGTERM');
  }
}

main().catch((error) => {
  process.stderr.write(`[start] ${error.message}\n`);
  process.exit(1);
});
