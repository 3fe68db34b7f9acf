// `npm start`: the whole service on one port. Without DATABASE_URL it runs an embedded
// PostgreSQL in a git-ignored data folder (.data/) in demo mode; with DATABASE_URL it uses
// that database (demo data only with DEMO=true). Builds what it needs (Nx caches builds),
// applies migrations, starts the API (which serves the web client) and prints the URL and
// the demo logins. SIGTERM/SIGINT stop everything cleanly.
//
// What it prints (issue 15, item 6): its own `[start]` lines, then the banner with the one
// address and the demo logins, last. The steps' own output (Prisma's, Nx's, Vite's) is shown
// only when a step fails, or with ATERGANG_VERBOSE=true. Prisma's "datasource url with a
// driver adapter" warning is expected: schema.prisma keeps env("DATABASE_URL") on purpose
// so moving to the binary engine stays a config change (prisma.config.ts). Unless LOG_LEVEL
// is set, the API logs at `warn` and its JSON lines are shown as one readable line each, so
// no request lines follow the banner; with LOG_LEVEL set, the API's JSON goes out as it is.
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

/** Runs a step; its output is shown only if it fails (or with ATERGANG_VERBOSE=true). */
function run(command, args, env) {
  const verbose = env.ATERGANG_VERBOSE === 'true';
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: verbose ? 'inherit' : 'pipe',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${[command, ...args].join(' ')} failed with exit code ${result.status}`);
  }
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** "14 migrations, 2 applied now" from `prisma migrate deploy`'s output. */
function migrationSummary(output) {
  const found = /(\d+) migrations? found/.exec(output)?.[1];
  const applied = output.includes('have been applied')
    ? (output.split('have been applied')[1].match(/migration\.sql/g) ?? []).length
    : 0;
  return found ? `${found} migrations, ${applied} applied now` : 'up to date';
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One pino JSON line as one readable line: `[api] WARN Context: message`. */
function readableLogLine(line) {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const level = LEVELS[entry.level] ?? String(entry.level ?? '');
    const context = entry.context ? `${entry.context}: ` : '';
    const error = entry.err?.message ? ` (${entry.err.message})` : '';
    return `[api] ${level} ${context}${entry.msg ?? ''}${error}`;
  } catch {
    return line;
  }
}

// pg 8.19+ deprecates a query sent while another is running on the same client. Prisma
// 6.19's query interpreter (engineType "client") does that inside an interactive
// transaction, running a nested write's independent statements with Promise.all on the
// transaction's one connection (the stack ends in PgTransaction.queryRaw under Array.map,
// no code of ours). pg still runs them one after the other, so nothing is wrong today; the
// notice is named here once instead of printed raw (node-postgres PR 3603).
const PG_QUEUE_NOTICE = 'Calling client.query() when the client is already executing a query';
const PG_QUEUE_NOTE =
  '[api] note: pg warns that Prisma 6.19 queues statements inside a transaction ' +
  '(upstream; they still run in order, see tools/start.mjs)';

function forwardReadable(stream, out) {
  let rest = '';
  const write = (line) => {
    if (line.includes(PG_QUEUE_NOTICE)) return out.write(`${PG_QUEUE_NOTE}\n`);
    if (line.startsWith('(Use `node --trace-deprecation')) return true;
    return out.write(`${readableLogLine(line)}\n`);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  stream.on('end', () => {
    if (rest) write(rest);
  });
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
  if (!process.env.LOG_LEVEL) {
    lines.push('', '  Request logs: set LOG_LEVEL=info (JSON lines).');
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
    const migrated = run(bin('prisma'), ['migrate', 'deploy'], env);
    await migrateJobQueue(env.DATABASE_URL);
    log(`database schema up to date (${migrationSummary(migrated)})`);
    if (apiDatabaseUrl) {
      await ensureAppLogin(env.DATABASE_URL, loginOf(apiDatabaseUrl));
      log(
        `the API connects as ${loginOf(apiDatabaseUrl).user} (it may only add to and read the audit log)`,
      );
    }
    if (env.ATERGANG_SKIP_BUILD !== 'true') {
      log('building the API and the web client (a minute or two the first time, then cached)');
      const began = Date.now();
      run(bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], env);
      log(`built in ${Math.round((Date.now() - began) / 1000)} s`);
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  env.WEB_DIST_DIR = env.WEB_DIST_DIR ?? join(root, 'dist/web');
  env.MIGRATIONS_DIR = env.MIGRATIONS_DIR ?? join(root, 'prisma/migrations');
  env.PORT = env.PORT ?? '3000';

  const readable = !env.LOG_LEVEL;
  const api = spawn(process.execPath, [join(root, 'dist/api/apps/api/src/main.js')], {
    cwd: root,
    env: {
      ...env,
      DATABASE_URL: apiDatabaseUrl ?? env.DATABASE_URL,
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', readable ? 'pipe' : 'inherit', readable ? 'pipe' : 'inherit'],
  });
  if (readable) {
    forwardReadable(api.stdout, process.stdout);
    forwardReadable(api.stderr, process.stderr);
  }

  // embedded-postgres installs its own SIGTERM/SIGINT hooks that exit at once (code 143)
  // while the API may still be draining. This script stops PostgreSQL itself, after the
  // API has finished, so those hooks are replaced by ours.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
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
