import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `npm start` on a machine with no PostgreSQL: the embedded default end to end. The
// environment is stripped of every database variable so the CI machine's own server is
// not used; the data folder is a temporary one so the developer's .data stays untouched.

const root = resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
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

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly url: string;
}

async function start(dataDir: string, logLevel?: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ATERGANG_DATA_DIR: dataDir,
    ...(logLevel ? { LOG_LEVEL: logLevel } : {}),
  };
  for (const name of [
    ...(logLevel ? [] : ['LOG_LEVEL']),
    'ATERGANG_VERBOSE',
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'APP_DATABASE_URL',
    'DEMO',
    'JWT_SECRET',
    'STORAGE_DIR',
    'AUDIT_ANCHOR_FILE',
    'AUDIT_ANCHOR_KEY',
  ]) {
    Reflect.deleteProperty(env, name);
  }
  const child = spawn(process.execPath, [join(root, 'tools/start.mjs')], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://localhost:${port}`;
  await new Promise<void>((ready, fail) => {
    const timer = setInterval(() => {
      if (output.includes('Återgång is running')) {
        clearInterval(timer);
        ready();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        fail(new Error(`npm start exited early (${child.exitCode}):\n${output}`));
      }
    }, 200);
  });
  return { child, output: () => output, url };
}

function stop(started: Started): Promise<{ code: number | null; ms: number }> {
  const begin = Date.now();
  return new Promise((done) => {
    started.child.on('exit', (code) => {
      done({ code, ms: Date.now() - begin });
    });
    started.child.kill('SIGTERM');
  });
}

function runNode(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ATERGANG_DATA_DIR: dataDir };
  for (const name of [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'AUDIT_ANCHOR_FILE',
    'AUDIT_ANCHOR_KEY',
  ]) {
    Reflect.deleteProperty(env, name);
  }
  const child = spawn(process.execPath, args, { cwd: root, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => {
    child.on('exit', (code) => {
      done({ code, output });
    });
  });
}

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

describe('npm start with no DATABASE_URL', () => {
  let dataDir: string;

  beforeAll(async () => {
    // mkdtemp makes the folder private (0700), as an earlier run with DATABASE_URL left
    // `.data/` when document storage created it: `npm start` must still be able to run its
    // embedded server in it (as root that server runs as the `postgres` OS user).
    dataDir = await mkdtemp(join(tmpdir(), 'atergang-start-'));
    await chmod(dataDir, 0o700);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the API and web client on one port with the demo case, and stops cleanly', async () => {
    // As a user runs it: no LOG_LEVEL.
    const first = await start(dataDir);
    try {
      expect(first.output()).toContain('anna@atergang.test');
      expect(first.output()).toContain('demo-2026');
      expect((await get(`${first.url}/api/health/ready`)).status).toBe(200);
      const page = await get(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('<html lang="sv">');
      // The demo case is there: its patient signs in.
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'anna@atergang.test', password: 'demo-2026' }),
      });
      expect(login.status).toBe(200);
      await login.text();
      // A readable start: the banner comes last (the requests above logged no line after
      // it), no raw JSON line, no unexplained Prisma, Nest, Vite or Node warning, and one
      // address for the service.
      const output = first.output();
      expect(output.trimEnd().endsWith('Stop with Ctrl+C.')).toBe(true);
      expect(output.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
      for (const noise of [
        'WARNING',
        'Warning:',
        'DeprecationWarning',
        'LegacyRouteConverter',
        'configLoader',
        'Some chunks are larger',
        'Tip:',
      ]) {
        expect({ noise, found: output.includes(noise) }).toEqual({ noise, found: false });
      }
      expect([...new Set(output.match(/https?:\/\/[^\s/]+/g))]).toEqual([first.url]);
      expect(output).toMatch(/database schema up to date \(\d+ migrations, \d+ applied now\)/);
      // The API runs as the role that may only add to and read the audit log.
      expect(first.output()).toContain('the API connects as atergang_api');
      expect(first.output()).not.toContain('may change or remove audit log rows');
    } finally {
      const { code, ms } = await stop(first);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }

    // A second start reuses the data folder: same cluster, demo case not seeded again. With
    // LOG_LEVEL set, the API's own (JSON) log lines are shown.
    const second = await start(dataDir, 'info');
    try {
      expect((await get(`${second.url}/api/health/ready`)).status).toBe(200);
      expect(second.output()).toContain('Demo case already present');
      // Asked for, request lines are there (the request logger covers every route).
      expect(second.output()).toContain('"path":"/api/health/ready"');
    } finally {
      expect((await stop(second)).code).toBe(0);
    }

    // The audit log of both runs is intact and matches the anchors they wrote.
    const verify = await runNode(['tools/audit-verify.mjs'], dataDir);
    expect(verify.output).toMatch(/Audit log intact: \d+ rows/);
    expect(verify.output).toMatch(/Matches all \d+ anchors/);
    expect(verify.code).toBe(0);
  });
});
