import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

// One built API (dist/api, serving dist/web) per test file, on a free port, against a fresh
// database cloned from the template the global set-up migrated, seeded with the demo case.

const root = resolve(__dirname, '..', '..', '..', '..');

export interface Server {
  readonly url: string;
  /** The API's own connection (its login role): for the operator's command (support/operator.ts). */
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * A free port below the kernel's ephemeral range (32768–60999 here). Every other server of
 * a test run (supertest apps of the API suite, which Nx runs alongside) listens on port 0
 * and so gets an ephemeral port; a port picked from that range could be taken by one of
 * them before the API binds it, and the readiness check would then talk to the wrong
 * server. Below the range, only another pick like this one competes, and the bind checks it.
 */
function freePort(): Promise<number> {
  const candidate = 20_000 + Math.floor(Math.random() * 12_000);
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => {
      done(freePort());
    });
    server.listen(candidate, '127.0.0.1', () => {
      server.close(() => {
        done(candidate);
      });
    });
  });
}

/** The API's connection: as the run's login role with the production grants (global set-up). */
function apiDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  url.username = encodeURIComponent(process.env.ATERGANG_TEST_APP_USER ?? '');
  url.password = encodeURIComponent(process.env.ATERGANG_TEST_APP_PASSWORD ?? '');
  return url.toString();
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startServer(): Promise<Server> {
  const serverUrl = process.env.ATERGANG_TEST_SERVER_URL;
  const template = process.env.ATERGANG_TEST_TEMPLATE_DB;
  if (!serverUrl || !template || !process.env.ATERGANG_TEST_APP_USER) {
    throw new Error('The Playwright global set-up did not prepare a database server.');
  }
  const database = `atergang_web_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`),
  );
  const storage = await mkdtemp(join(tmpdir(), 'atergang-web-storage-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: apiDatabaseUrl(serverUrl, database),
    DEMO: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: storage,
    WEB_DIST_DIR: join(root, 'dist/web'),
    MIGRATIONS_DIR: join(root, 'prisma/migrations'),
    LOG_LEVEL: 'warn',
  };
  for (const name of [
    'REDIS_URL',
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'S3_BUCKET',
  ]) {
    Reflect.deleteProperty(env, name);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'dist/api/apps/api/src/main.js')],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The API exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API was not ready within 60 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    databaseUrl: env.DATABASE_URL ?? '',
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((done) => {
          child.once('exit', () => {
            done();
          });
          child.kill('SIGTERM');
        });
      }
      await admin(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
      );
      await rm(storage, { recursive: true, force: true });
    },
  };
}
