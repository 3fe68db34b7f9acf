// HTTP A/B (ours vs the Fastify + pg baseline) and growth (10^2 vs 10^5 workspaces):
// alternating rounds after a warm-up, medians of the per-round ratios.
import { readTargets, refreshVersions, runRead, runUpdate, updateSlots } from './http-load.mjs';
import pg from 'pg';
import { log, median, round } from './util.mjs';

/**
 * A poor man's wait-event profile: samples pg_stat_activity of one database every 50 ms
 * while `work` runs, counting what its active backends were doing or waiting for.
 */
export async function sampleWaits(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = {};
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, state FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      samples += 1;
      for (const row of rows) {
        const key =
          row.state === 'active'
            ? row.w
            : row.state === 'idle in transaction'
              ? 'idle in transaction (waiting for the app)'
              : 'idle';
        counts[key] = (counts[key] ?? 0) + 1;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return {
      result: await work(),
      waits: {
        samples,
        backendsPerSample: Object.fromEntries(
          Object.entries(counts)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => [k, round(v / samples, 2)]),
        ),
      },
    };
  } finally {
    running = false;
    await loop;
    await client.end();
  }
}

const norm = (value) =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort())
      : v,
  );

/** Where two JSON values first differ: a path like `plan.measures[2].title`, and both sides. */
function firstDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys =
      Array.isArray(a) && Array.isArray(b)
        ? [...Array(Math.max(a.length, b.length)).keys()]
        : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference(
        a[key],
        b[key],
        Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
      );
      if (found) return found;
    }
  }
  return {
    at: path || '(body)',
    ours: JSON.stringify(a)?.slice(0, 200),
    baseline: JSON.stringify(b)?.slice(0, 200),
  };
}

/** Same requests to both servers: the JSON bodies must be identical (the rig checks itself). */
export async function compareResponses(oursUrl, baselineUrl, targets) {
  let compared = 0;
  const differences = [];
  for (const target of targets) {
    const [a, b] = await Promise.all(
      [oursUrl, baselineUrl].map(async (base) => {
        const response = await fetch(`${base}${target.path}`, {
          headers: { authorization: target.auth },
        });
        const json = await response.json();
        return { status: response.status, json, body: norm(json) };
      }),
    );
    compared += 1;
    if (a.status !== b.status || a.body !== b.body) {
      differences.push({
        path: target.path,
        status: { ours: a.status, baseline: b.status },
        firstDifference: firstDifference(a.json, b.json),
      });
    }
  }
  return { compared, identical: differences.length === 0, differences: differences.slice(0, 3) };
}

function aggregate(rounds, a, b) {
  const pick = (side, key) => median(rounds.map((r) => r[side][key]));
  return {
    [a]: { rps: pick(a, 'rps'), p50: pick(a, 'p50'), p99: pick(a, 'p99') },
    [b]: { rps: pick(b, 'rps'), p50: pick(b, 'p50'), p99: pick(b, 'p99') },
    rounds,
  };
}

/** Alternating A/B rounds of one workload; `run(side)` returns an autocannon summary. */
async function abRounds({ name, sides, run, rounds, warmup }) {
  for (const side of sides) {
    log(`${name}: warm-up ${side} (${warmup} s)`);
    await run(side, warmup);
  }
  const results = [];
  for (let r = 0; r < rounds; r += 1) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    const round = {};
    for (const side of order) {
      round[side] = await run(side);
      log(
        `${name} round ${r + 1} ${side}: ${round[side].rps} req/s, p50 ${round[side].p50} ms, p99 ${round[side].p99} ms` +
          (round[side].non2xx || round[side].errors
            ? `, non-2xx ${round[side].non2xx}, errors ${round[side].errors}`
            : ''),
      );
    }
    results.push(round);
  }
  return results;
}

export async function httpAB({ ours, baseline, S, secret, settings, databaseUrl }) {
  const { connections, duration, warmup, rounds } = settings;
  const targets = readTargets(S, secret);
  const servers = { ours: ours.url, baseline: baseline.url };

  const readRounds = await abRounds({
    name: 'read-workspace',
    sides: ['ours', 'baseline'],
    rounds,
    warmup,
    run: (side, seconds = duration) =>
      runRead(servers[side], targets, { connections, duration: seconds }),
  });
  const slots = updateSlots(S, secret);
  const updateRounds = await abRounds({
    name: 'update-task',
    sides: ['ours', 'baseline'],
    rounds,
    warmup,
    run: async (side, seconds = duration) => {
      await refreshVersions(servers.ours, slots);
      return runUpdate(servers[side], slots, { connections, duration: seconds });
    },
  });
  // Where the time goes in PostgreSQL while each side serves reads: one extra short run each.
  const profile = {};
  for (const side of ['ours', 'baseline']) {
    const seconds = Math.min(duration, 5);
    const { result, waits } = await sampleWaits(databaseUrl, () =>
      runRead(servers[side], targets, { connections, duration: seconds }),
    );
    profile[side] = { rps: result.rps, ...waits };
    log(`read-workspace profile ${side}: ${JSON.stringify(waits.backendsPerSample)}`);
  }
  const ratios = (rs) => ({
    ratio: round(median(rs.map((r) => r.ours.rps / r.baseline.rps)), 3),
    ratioP99: round(median(rs.map((r) => r.ours.p99 / r.baseline.p99)), 3),
  });
  return {
    settings: {
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      rounds,
      workspaces: S,
    },
    readWorkspace: {
      ...aggregate(readRounds, 'ours', 'baseline'),
      ...ratios(readRounds),
      postgresWaitProfile: profile,
    },
    updateTask: { ...aggregate(updateRounds, 'ours', 'baseline'), ...ratios(updateRounds) },
  };
}

export async function growth({ small, large, Ssmall, Slarge, secret, settings }) {
  const { duration, warmup, rounds } = settings;
  const connections = settings.growthConnections;
  const targets = { small: readTargets(Ssmall, secret), large: readTargets(Slarge, secret) };
  const servers = { small: small.url, large: large.url };
  const results = await abRounds({
    name: 'growth read-workspace',
    sides: ['small', 'large'],
    rounds,
    warmup,
    run: (side, seconds = duration) =>
      runRead(servers[side], targets[side], { connections, duration: seconds }),
  });
  return {
    settings: {
      connections,
      durationSeconds: duration,
      rounds,
      workspaces: { small: Ssmall, large: Slarge },
    },
    ...aggregate(results, 'small', 'large'),
    readWorkspaceP50Ratio_1e5_vs_1e2: round(
      median(results.map((r) => r.large.p50 / r.small.p50)),
      3,
    ),
    readWorkspaceP99Ratio_1e5_vs_1e2: round(
      median(results.map((r) => r.large.p99 / r.small.p99)),
      3,
    ),
  };
}
