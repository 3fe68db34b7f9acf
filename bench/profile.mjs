// `node bench/profile.mjs [read|update]`: a CPU profile of the API (node --cpu-prof) while
// autocannon drives one workload, summarised as self time per package / file and the
// hottest functions. Settings: PROFILE_WORKSPACES (500), PROFILE_CONNECTIONS (1),
// PROFILE_SECONDS (8). Writes bench/results/profile-<workload>.json.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { buildApi, startApi } from './lib/api.mjs';
import { createDatabase, dropDatabase, pgServer } from './lib/db.mjs';
import { readTargets, refreshVersions, runRead, runUpdate, updateSlots } from './lib/http-load.mjs';
import { seed } from './lib/seed.mjs';
import { benchDir, envInt, killAllChildren, log, round, stopChild, tempDir } from './lib/util.mjs';

const workload = process.argv[2] ?? 'update';
const S = envInt('PROFILE_WORKSPACES', 500);
const connections = envInt('PROFILE_CONNECTIONS', 1);
const duration = envInt('PROFILE_SECONDS', 8);
const secret = `profile-${Date.now()}-secret-for-signing-access-tokens`;

function summarise(profile) {
  const total = profile.samples.length;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const byBucket = new Map();
  const byFunction = new Map();
  for (const [id, count] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url || `(${callFrame.functionName || 'native'})`;
    const bucket = url.includes('node_modules/')
      ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      : url.includes('/dist/api/')
        ? `app: ${url.replace(/.*\/dist\/api\//, '')}`
        : url.startsWith('node:')
          ? 'node internals'
          : url;
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + count);
    const fn = `${callFrame.functionName || '(anonymous)'} ${bucket}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + count);
  }
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, count]) => ({ name, percent: round((100 * count) / total, 1) }));
  return {
    samples: total,
    selfTimeByPackage: top(byBucket, 20),
    hottestFunctions: top(byFunction, 25),
  };
}

async function main() {
  const server = await pgServer(log);
  const name = `atergang_profile_${process.pid}`;
  const profDir = tempDir('atergang-cpuprof-');
  let api;
  try {
    buildApi();
    const url = await createDatabase(server.url, name, log);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seed(client, S, log);
    await client.end();
    api = await startApi({
      databaseUrl: url,
      jwtSecret: secret,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
    });
    let result;
    if (workload === 'read') {
      result = await runRead(api.url, readTargets(S, secret), { connections, duration });
    } else {
      const slots = updateSlots(S, secret);
      await refreshVersions(api.url, slots);
      result = await runUpdate(api.url, slots, { connections, duration });
    }
    log(`${workload}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
    await stopChild(api);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    const summary = {
      workload,
      connections,
      durationSeconds: duration,
      load: result,
      ...summarise(JSON.parse(readFileSync(join(profDir, file), 'utf8'))),
    };
    mkdirSync(join(benchDir, 'results'), { recursive: true });
    writeFileSync(
      join(benchDir, 'results', `profile-${workload}.json`),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    console.log(JSON.stringify(summary.selfTimeByPackage.slice(0, 12), null, 1));
    console.log(JSON.stringify(summary.hottestFunctions.slice(0, 15), null, 1));
  } finally {
    await stopChild(api);
    killAllChildren();
    await dropDatabase(server.url, name);
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`[profile] failed: ${error.stack ?? error}\n`);
  killAllChildren();
  process.exit(1);
});
