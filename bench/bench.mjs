// `npm run bench`: Återgång measured side by side with minimal baselines, in one run.
// See bench/README.md for what is measured and the environment variables that lengthen runs.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { buildApi, startApi, startBaseline } from './lib/api.mjs';
import { createDatabase, dropDatabase, pgServer, admin } from './lib/db.mjs';
import { compareResponses, growth, httpAB } from './lib/http-bench.mjs';
import { readTargets } from './lib/http-load.mjs';
import { countQueries, explainStatements } from './lib/queries.mjs';
import { seed } from './lib/seed.mjs';
import { statisticsBench } from './lib/statistics-bench.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { benchDir, envInt, killAllChildren, log, root, stopChild } from './lib/util.mjs';

const settings = {
  duration: envInt('BENCH_DURATION', 10),
  warmup: envInt('BENCH_WARMUP', 3),
  rounds: envInt('BENCH_ROUNDS', 3),
  connections: envInt('BENCH_CONNECTIONS', 20),
  growthConnections: envInt('BENCH_GROWTH_CONNECTIONS', 1),
  small: envInt('BENCH_SMALL', 100),
  large: envInt('BENCH_LARGE', 100_000),
  liveClients: (process.env.BENCH_LIVE_CLIENTS ?? '1000,5000')
    .split(',')
    .map(Number)
    .filter(Boolean),
  skip: new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean)),
  /** `BENCH_ONLY=statistics`: only the follow-up statistics part (issue 18). */
  only: process.env.BENCH_ONLY ?? '',
};
const secret = `bench-${Date.now()}-secret-for-signing-access-tokens`;
const runId = `${process.pid}_${Date.now().toString(36)}`;

/** Runs one part; a failure is recorded in the results and the run goes on. */
async function phase(name, work) {
  try {
    return await work();
  } catch (error) {
    log(`${name} failed: ${error.message.split('\n')[0]}`);
    return { error: error.message.slice(0, 2000) };
  }
}

async function seedDatabase(serverUrl, name, S) {
  const url = await createDatabase(serverUrl, name, log);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    log(`seeding ${S} workspaces into ${name}`);
    await seed(client, S, log);
  } finally {
    await client.end();
  }
  return url;
}

function gitCommit() {
  const run = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const dirty = run(['status', '--porcelain', '--', 'apps/api', 'libs', 'prisma']);
  return `${run(['rev-parse', '--short', 'HEAD'])}${dirty ? ' (apps/api, libs or prisma modified)' : ''}`;
}

async function machine(serverUrl, kind) {
  const version = await admin(
    serverUrl,
    async (c) => (await c.query('SHOW server_version')).rows[0].server_version,
  );
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    postgres: `${version} (${kind})`,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    commit: gitCommit(),
    note: 'load generator, servers and PostgreSQL share the same cores (and other agents may use them)',
  };
}

async function main() {
  const started = new Date();
  const server = await pgServer(log);
  const databases = [];
  const processes = [];
  const results = {
    startedAt: started.toISOString(),
    machine: await machine(server.url, server.kind),
  };
  try {
    buildApi();
    if (settings.only === 'statistics') {
      results.statistics = await phase('statistics', () =>
        statisticsBench({ serverUrl: server.url, secret, runId }),
      );
    } else {
      const smallName = `atergang_bench_${runId}_small`;
      const largeName = `atergang_bench_${runId}_large`;
      databases.push(smallName, largeName);
      const smallUrl = await seedDatabase(server.url, smallName, settings.small);
      const largeUrl = await seedDatabase(server.url, largeName, settings.large);

      // SQL statements per request at both sizes, and EXPLAIN of the hot ones at the large size
      // (BENCH_SKIP=queries leaves it out).
      if (!settings.skip.has('queries')) {
        log('counting SQL statements per request (through the counting proxy)');
        const countSmall = await countQueries({
          databaseUrl: smallUrl,
          secret,
          i: Math.ceil(settings.small / 2),
        });
        const countLarge = await countQueries({
          databaseUrl: largeUrl,
          secret,
          i: Math.ceil(settings.large / 2),
        });
        const countBaseline = await countQueries({
          databaseUrl: largeUrl,
          secret,
          i: Math.ceil(settings.large / 2),
          start: (url) => startBaseline({ databaseUrl: url, jwtSecret: secret }),
        });
        const explain = await explainStatements(largeUrl, countLarge.statements);
        results.queries = {
          perRequest: {
            small: countSmall.perRequest,
            large: countLarge.perRequest,
            baselineLarge: countBaseline.perRequest,
          },
          constant: JSON.stringify(countSmall.perRequest) === JSON.stringify(countLarge.perRequest),
          explainLarge: explain,
          seqScansOnLargeTables: [...new Set(explain.flatMap((e) => e.seqScans ?? []))].filter(
            (t) => !['organisations'].includes(t),
          ),
        };
      }
      const large = await startApi({ databaseUrl: largeUrl, jwtSecret: secret, name: 'api-large' });
      processes.push(large);
      const baseline = await startBaseline({ databaseUrl: largeUrl, jwtSecret: secret });
      processes.push(baseline);
      results.rig = await compareResponses(
        large.url,
        baseline.url,
        readTargets(settings.large, secret, 24),
      );
      log(
        `rig check: ${results.rig.compared} responses compared, identical: ${results.rig.identical}`,
      );
      for (const difference of results.rig.differences) {
        log(`rig difference: ${JSON.stringify(difference)}`);
      }

      if (!settings.skip.has('growth')) {
        const small = await startApi({
          databaseUrl: smallUrl,
          jwtSecret: secret,
          name: 'api-small',
        });
        processes.push(small);
        results.growth = await phase('growth', () =>
          growth({
            small,
            large,
            Ssmall: settings.small,
            Slarge: settings.large,
            secret,
            settings,
          }),
        );
        results.growth.queriesPerRequest = results.queries?.perRequest;
        results.growth.queriesConstant = results.queries?.constant;
        await stopChild(small);
      }
      if (!settings.skip.has('http')) {
        results.http = await phase('http', () =>
          httpAB({
            ours: large,
            baseline,
            S: settings.large,
            secret,
            settings,
            databaseUrl: largeUrl,
          }),
        );
      }
      await stopChild(baseline);
      await stopChild(large);

      // Follow-up statistics at 10^5 cases of one organisation (issue 18).
      if (!settings.skip.has('statistics')) {
        results.statistics = await phase('statistics', () =>
          statisticsBench({ serverUrl: server.url, secret, runId }),
        );
      }

      if (!settings.skip.has('live')) {
        const { liveBench } = await import('./lib/live-bench.mjs');
        results.live = await phase('live', () =>
          liveBench({
            databaseUrl: largeUrl,
            S: settings.large,
            secret,
            settings,
          }),
        );
      }
    }
  } finally {
    for (const child of processes) await stopChild(child);
    killAllChildren();
    for (const name of databases) await dropDatabase(server.url, name);
    await server.stop();
  }
  results.finishedAt = new Date().toISOString();
  results.goals = goals(results);
  writeResults(results, started);
}

/** The §6 goals this run can check, with the measured figure next to each. */
function goals(r) {
  const g = [];
  const add = (id, goal, value, pass) =>
    g.push({ id, goal, value, pass: value === null || value === undefined ? null : pass });
  add(
    'P2',
    'read-workspace throughput >= 0.70x baseline',
    r.http?.readWorkspace?.ratio,
    r.http?.readWorkspace?.ratio >= 0.7,
  );
  add(
    'P2b',
    'read-workspace p99 <= 1.5x baseline p99',
    r.http?.readWorkspace?.ratioP99,
    r.http?.readWorkspace?.ratioP99 <= 1.5,
  );
  add(
    'P4',
    'update-task throughput >= 0.60x baseline',
    r.http?.updateTask?.ratio,
    r.http?.updateTask?.ratio >= 0.6,
  );
  add(
    'P5',
    'fan-out p99 (1,000 sockets) <= 1.5x raw ws',
    r.live?.fanout1000?.ratioP99,
    r.live?.fanout1000?.ratioP99 <= 1.5,
  );
  add(
    'S1',
    'statistics at 1e5 cases < 1,000 ms (API median, slowest scenario)',
    r.statistics?.scenarios ? Math.max(...r.statistics.scenarios.map((s) => s.apiMedianMs)) : null,
    r.statistics?.scenarios?.every((s) => s.apiMedianMs < 1000),
  );
  add('P6', 'heap per idle socket <= 6 KB', r.live?.heapPerSocketKB, r.live?.heapPerSocketKB <= 6);
  add(
    'P7',
    'cross-instance p50 <= local p50 + 3 ms',
    r.live?.crossInstance?.p50DeltaMs,
    r.live?.crossInstance?.p50DeltaMs <= 3,
  );
  add(
    'P8',
    'read-workspace p50 at 1e5 <= 1.25x at 1e2',
    r.growth?.readWorkspaceP50Ratio_1e5_vs_1e2,
    r.growth?.readWorkspaceP50Ratio_1e5_vs_1e2 <= 1.25,
  );
  add('P8b', 'queries per request constant', r.queries?.constant, r.queries?.constant === true);
  add(
    'P9',
    'fan-out p99 at 5,000 <= 1.2x at 1,000',
    r.live?.p99Ratio_5000_vs_1000,
    r.live?.p99Ratio_5000_vs_1000 <= 1.2,
  );
  add(
    'P10a',
    'read-workspace >= 1,500 req/s, p99 <= 50 ms (c=20)',
    r.http?.readWorkspace
      ? `${r.http.readWorkspace?.ours?.rps} req/s, p99 ${r.http.readWorkspace?.ours?.p99} ms`
      : null,
    r.http?.readWorkspace?.ours?.rps >= 1500 && r.http?.readWorkspace?.ours?.p99 <= 50,
  );
  add(
    'P10b',
    'update-task >= 500 req/s, p99 <= 100 ms',
    r.http?.updateTask
      ? `${r.http.updateTask?.ours?.rps} req/s, p99 ${r.http.updateTask?.ours?.p99} ms`
      : null,
    r.http?.updateTask?.ours?.rps >= 500 && r.http?.updateTask?.ours?.p99 <= 100,
  );
  return g;
}

function writeResults(results, started) {
  const dir = join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = started.toISOString().replace(/[:]/g, '-').slice(0, 19);
  const out = process.env.BENCH_OUT ?? 'latest';
  writeFileSync(join(dir, `${out}.json`), json);
  if (out === 'latest') {
    writeFileSync(join(dir, `${stamp}.json`), json);
    writeFileSync(join(dir, 'latest.md'), renderMarkdown(results));
  }
  log(
    `wrote ${join(dir, `${out}.json`)}${out === 'latest' ? `, ${stamp}.json and latest.md` : ''}`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
main().catch((error) => {
  process.stderr.write(`[bench] failed: ${error.stack ?? error}\n`);
  killAllChildren();
  process.exit(1);
});
