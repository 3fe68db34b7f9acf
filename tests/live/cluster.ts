import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

// Helpers for tests that run several built API processes (dist/api) against one
// PostgreSQL database and one Redis, with real socket.io clients.

export const root = resolve(__dirname, '..', '..');
/** Redis on loopback, as on the development and CI machines (overridable for a test run). */
export const REDIS_URL = process.env.ATERGANG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = join(root, 'dist/api/apps/api/src/main.js');

/**
 * Whether Redis answers PING at REDIS_URL. Synchronous (a child process) so a test file
 * can decide at load time whether its Redis tests run or are reported skipped.
 */
export function redisReachable(): boolean {
  const { hostname, port } = new URL(REDIS_URL);
  const probe = `
    const socket = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)});
    socket.setTimeout(2000, () => process.exit(1));
    socket.on('error', () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5_000 }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolvePort(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

export interface Database {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Without TEST_DATABASE_URL or DATABASE_URL: an embedded PostgreSQL in a child process
 * (tools/embedded-postgres.mjs is an ES module), as the API tests and `npm start` do.
 */
async function startEmbeddedServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atergang-live-pg-'));
  const script = `
    import { chmod } from 'node:fs/promises';
    import { startEmbeddedPostgres } from ${JSON.stringify(join(root, 'tools/embedded-postgres.mjs'))};
    await chmod(${JSON.stringify(dataDir)}, 0o777);
    const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(join(dataDir, 'pg'))}, persistent: false });
    process.removeAllListeners('SIGTERM');
    process.on('SIGTERM', () => { server.stop().finally(() => process.exit(0)); });
    process.stdout.write('URL ' + server.url + '\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  let output = '';
  const url = await new Promise<string>((found, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /URL (\S+)/.exec(output);
      if (match?.[1]) found(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      failed(new Error(`embedded PostgreSQL exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, migrated database on the server of TEST_DATABASE_URL or DATABASE_URL (the
 * development and CI machines run PostgreSQL on loopback), else on an embedded one.
 */
export async function createDatabase(): Promise<Database> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const embedded = configured ? null : await startEmbeddedServer();
  const serverUrl = configured ?? embedded?.url ?? '';
  const name = `atergang_live_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  execFileSync(join(root, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: 'pipe',
  });
  // The job queue's schema (graphile-worker), as `npm run db:migrate` installs it.
  execFileSync(process.execPath, [join(root, 'tools', 'job-queue-schema.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: 'pipe',
  });
  return {
    url: url.toString(),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await embedded?.stop();
    },
  };
}

export interface Instance {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null after a signal) once the process has exited. */
  exited(): Promise<number | null>;
}

export interface InstanceOptions {
  readonly name: string;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  readonly redisUrl?: string;
  readonly demo: boolean;
  /** More settings (SMTP_URL, JOB_WORKER, ...). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts dist/api's main.js as production does and waits until it is ready. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run \`npx nx run api:build\` first`);
  }
  const port = await freePort();
  const storage = await mkdtemp(join(tmpdir(), 'atergang-live-storage-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: options.jwtSecret,
    DEMO: String(options.demo),
    STORAGE_DIR: storage,
    LOG_LEVEL: 'warn',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [MAIN], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      void rm(storage, { recursive: true, force: true }).finally(() => {
        done(code);
      });
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${options.name} exited early (${child.exitCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready within 60 s:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return { name: options.name, url, child, output: () => output, exited: () => exit };
}

export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode === null && instance.child.signalCode === null) {
    instance.child.kill('SIGKILL');
  }
  await instance.exited();
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function api(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export interface LiveEvent {
  readonly workspaceId: string;
  readonly seq: number;
  readonly type: string;
  readonly category: string | null;
  readonly data: Record<string, unknown>;
}

/** Every event GET /events gives the caller after `after`. */
export async function restEvents(
  url: string,
  token: string,
  workspaceId: string,
  after: number,
): Promise<LiveEvent[]> {
  const all: LiveEvent[] = [];
  let from = after;
  for (;;) {
    const page = await api(
      url,
      token,
      'GET',
      `/api/workspaces/${workspaceId}/events?after=${from}&limit=1000`,
    );
    if (page.status !== 200) throw new Error(`GET /events: ${page.status}`);
    const body = page.body as { events: LiveEvent[]; more: boolean };
    all.push(...body.events);
    const last = body.events.at(-1);
    if (!body.more || !last) return all;
    from = last.seq;
  }
}

/**
 * A client that follows one workspace and, like the web client, rejoins with the last
 * seq it saw whenever it gets a new connection. `connectTo` says where a (re)connection
 * goes: in production the proxy picks a live instance; here the test does.
 */
export class Follower {
  readonly received: LiveEvent[] = [];
  readonly accessChanged: { workspaceId: string; categories: string[] }[] = [];
  lastSeq = 0;
  socket: Socket | null = null;
  disconnects = 0;
  private waiters = new Set<() => void>();

  /** `lastSeq`: where the client starts (it gets only what follows). */
  constructor(
    private readonly token: string,
    private readonly workspaceId: string,
    lastSeq: number,
  ) {
    this.lastSeq = lastSeq;
  }

  async connect(url: string): Promise<{ ok: boolean; seq?: number; error?: string }> {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: this.token },
      reconnection: false,
      forceNew: true,
    });
    this.socket = socket;
    socket.on('workspace:event', (event: LiveEvent) => {
      this.received.push(event);
      this.lastSeq = Math.max(this.lastSeq, event.seq);
      this.notify();
    });
    socket.on('workspace:access-changed', (payload: Follower['accessChanged'][number]) => {
      this.accessChanged.push(payload);
      this.notify();
    });
    socket.on('disconnect', () => {
      this.disconnects += 1;
      this.notify();
    });
    await new Promise<void>((connected, failed) => {
      socket.once('connect', () => {
        connected();
      });
      socket.once('connect_error', failed);
    });
    const ack = (await socket.timeout(10_000).emitWithAck('workspace:join', {
      workspaceId: this.workspaceId,
      afterSeq: this.lastSeq,
    })) as {
      ok: boolean;
      seq?: number;
      error?: string;
    };
    if (ack.ok && ack.seq !== undefined) this.lastSeq = Math.max(this.lastSeq, ack.seq);
    return ack;
  }

  until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolveWait, reject) => {
      if (done()) {
        resolveWait();
        return;
      }
      const check = (): void => {
        if (done()) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolveWait();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.socket?.close();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
