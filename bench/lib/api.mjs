// Builds and starts the production build of the API (as tools/start.mjs does, without demo
// data) and the baseline servers.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, log, root, spawnChild, stopChild, tempDir, waitFor } from './util.mjs';

export function buildApi() {
  if (process.env.BENCH_SKIP_BUILD === 'true') return;
  log('building the API (npx nx run api:build)');
  const result = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run', 'api:build', '--outputStyle=static'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `api build failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
}

/** Starts one API process; resolves when /api/health/ready answers 200. */
export async function startApi({
  databaseUrl,
  jwtSecret,
  redisUrl,
  port,
  extraEnv = {},
  nodeArgs = [],
  name = 'api',
}) {
  const listen = port ?? (await freePort());
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: jwtSecret,
    PORT: String(listen),
    HOST: '127.0.0.1',
    DEMO: 'false',
    LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'info',
    STORAGE_DIR: tempDir('atergang-bench-storage-'),
    MIGRATIONS_DIR: join(root, 'prisma/migrations'),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...extraEnv,
  };
  delete env.DATABASE_POOL_SIZE;
  if (process.env.BENCH_DB_POOL) env.DATABASE_POOL_SIZE = process.env.BENCH_DB_POOL;
  const args = [...nodeArgs, ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawnChild(
    process.execPath,
    // BENCH_API_DIST: a copy of dist/api elsewhere (a shared checkout's dist/ may be rebuilt mid-run).
    [...args, join(process.env.BENCH_API_DIST ?? join(root, 'dist/api'), 'apps/api/src/main.js')],
    {
      cwd: root,
      env,
    },
  );
  child.name = name;
  child.port = listen;
  child.url = `http://127.0.0.1:${listen}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${name} exited: ${child.output.slice(-2000)}`);
        const response = await fetch(`${child.url}/api/health/ready`);
        return response.ok;
      },
      { timeoutMs: 90_000, what: `${name} to be ready` },
    ).catch((error) => {
      throw new Error(`${error.message}\n${child.output.slice(-3000)}`);
    });
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
  return child;
}

/** Starts the baseline HTTP server (bench/baseline/http-server.mjs). */
export async function startBaseline({ databaseUrl, jwtSecret, nodeArgs = [], extraEnv = {} }) {
  const port = await freePort();
  const child = spawnChild(
    process.execPath,
    [...nodeArgs, join(root, 'bench/baseline/http-server.mjs')],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        JWT_SECRET: jwtSecret,
        PORT: String(port),
        ...extraEnv,
      },
    },
  );
  child.name = 'baseline';
  child.url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`baseline exited: ${child.output}`);
      return (await fetch(`${child.url}/api/health/live`)).ok;
    },
    { timeoutMs: 30_000, what: 'baseline to be ready' },
  );
  return child;
}

/** node arguments and environment that let `heapOf(child)` read the process's heap. */
export function heapProbe() {
  const file = join(tempDir('atergang-bench-heap-'), 'heap.json');
  return {
    nodeArgs: ['--expose-gc', '--require', join(root, 'bench/lib/heap-probe.cjs')],
    env: { BENCH_HEAP_FILE: file },
    file,
  };
}

/** Full GC in the child, then its heapUsed in bytes. */
export async function heapOf(child, probe) {
  rmSync(probe.file, { force: true });
  child.kill('SIGUSR2');
  let heap = null;
  await waitFor(
    () => {
      if (!existsSync(probe.file)) return false;
      heap = JSON.parse(readFileSync(probe.file, 'utf8')).heapUsed;
      return true;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'a heap reading' },
  );
  return heap;
}

/** A private redis-server on a free port (so no other tests share its channels). */
export async function startRedis() {
  const port = await freePort();
  const child = spawnChild('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await waitFor(
    () => child.output.includes('Ready to accept') || child.output.includes('ready to accept'),
    {
      timeoutMs: 10_000,
      what: 'redis-server',
    },
  );
  child.url = `redis://127.0.0.1:${port}`;
  return child;
}
