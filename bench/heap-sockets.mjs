// `node bench/heap-sockets.mjs`: where the API's heap per idle socket goes. Seeds a small
// database, starts the production build, connects and joins HEAP_CLIENTS (1000,5000) live
// clients in steps (the bench's client plan: whole workspaces, one socket per member), takes a
// V8 heap snapshot after a full GC at 0 and at each step, and reports, per object kind
// (constructor / closure name / string / array...), the objects and bytes added per socket
// between steps, with the most common retainer (holder kind and edge name) of each kind.
// Writes bench/results/heap-sockets-<start time>.json (or HEAP_OUT=<name>.json).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApi, heapProbe, startApi } from './lib/api.mjs';
import { createDatabase, dropDatabase, pgServer } from './lib/db.mjs';
import { clientPlan, connectAll } from './lib/live-clients.mjs';
import { seed } from './lib/seed.mjs';
import {
  benchDir,
  envInt,
  killAllChildren,
  log,
  round,
  sleep,
  stopChild,
  waitFor,
} from './lib/util.mjs';

const steps = (process.env.HEAP_CLIENTS ?? '1000,5000').split(',').map(Number).filter(Boolean);
const S = envInt('HEAP_WORKSPACES', 1000);
const top = envInt('HEAP_TOP', 30);
const secret = `heap-${Date.now()}-secret-for-signing-access-tokens`;

/** Reads the parts of a .heapsnapshot that are needed, without JSON.parse of the whole file. */
function readSnapshot(file) {
  const buffer = readFileSync(file);
  const text = (start, end) => buffer.toString('utf8', start, end);
  const find = (marker, from = 0) => {
    const at = buffer.indexOf(marker, from);
    if (at < 0) throw new Error(`${marker} not in ${file}`);
    return at + marker.length;
  };
  const metaStart = find('"snapshot":');
  const nodesStart = find('"nodes":[');
  const meta = JSON.parse(text(metaStart, nodesStart - '"nodes":['.length).replace(/,\s*$/, ''));
  const numbers = (start) => {
    const out = [];
    let value = 0;
    let inNumber = false;
    for (let i = start; ; i += 1) {
      const c = buffer[i];
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        inNumber = true;
      } else {
        if (inNumber) out.push(value);
        value = 0;
        inNumber = false;
        if (c === 93) return out; // ]
      }
    }
  };
  const nodes = numbers(nodesStart);
  const edges = numbers(find('"edges":['));
  const stringsStart = find('"strings":[') - 1;
  const stringsEnd = buffer.lastIndexOf(']') + 1;
  const strings = JSON.parse(text(stringsStart, stringsEnd));
  return { meta: meta.meta, nodes, edges, strings };
}

/** Objects and bytes by kind, and each kind's most common retainers. */
function summarise(snapshot) {
  const { meta, nodes, edges, strings } = snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const typeOf = meta.node_fields.indexOf('type');
  const nameOf = meta.node_fields.indexOf('name');
  const sizeOf = meta.node_fields.indexOf('self_size');
  const edgeCountOf = meta.node_fields.indexOf('edge_count');
  const nodeTypes = meta.node_types[typeOf];
  const edgeTypes = meta.edge_types[meta.edge_fields.indexOf('type')];
  const edgeTypeOf = meta.edge_fields.indexOf('type');
  const edgeNameOf = meta.edge_fields.indexOf('name_or_index');
  const edgeToOf = meta.edge_fields.indexOf('to_node');
  const count = nodes.length / nf;
  const kindOf = new Array(count);
  for (let n = 0; n < count; n += 1) {
    const type = nodeTypes[nodes[n * nf + typeOf]];
    const name = strings[nodes[n * nf + nameOf]];
    kindOf[n] =
      type === 'object' || type === 'closure' || type === 'native'
        ? `${type}:${name}`
        : type === 'hidden' || type === 'array' || type === 'code'
          ? `${type}:${String(name).slice(0, 60)}`
          : type; // strings, numbers: one kind each
  }
  const kinds = new Map();
  const retainers = new Map();
  let edgeIndex = 0;
  for (let n = 0; n < count; n += 1) {
    const kind = kindOf[n];
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += nodes[n * nf + sizeOf];
    kinds.set(kind, entry);
    const edgeCount = nodes[n * nf + edgeCountOf];
    for (let e = 0; e < edgeCount; e += 1) {
      const at = (edgeIndex + e) * ef;
      const edgeType = edgeTypes[edges[at + edgeTypeOf]];
      if (edgeType === 'weak' || edgeType === 'shortcut') continue;
      const to = edges[at + edgeToOf] / nf;
      if (edgeType === 'property' || edgeType === 'internal') {
        const n = strings[edges[at + edgeNameOf]];
        // Links every object of a kind has (its prototype, its hidden class) name no holder.
        if (n === '__proto__' || n === 'map' || n === 'constructor' || n === 'prototype') continue;
      }
      const edgeName =
        edgeType === 'element' || edgeType === 'hidden'
          ? `[${edgeType}]`
          : String(strings[edges[at + edgeNameOf]]).slice(0, 40);
      const target = kindOf[to];
      let byHolder = retainers.get(target);
      if (!byHolder) retainers.set(target, (byHolder = new Map()));
      const key = `${kind}.${edgeName}`;
      byHolder.set(key, (byHolder.get(key) ?? 0) + 1);
    }
    edgeIndex += edgeCount;
  }
  return { kinds, retainers, totalBytes: [...kinds.values()].reduce((a, k) => a + k.bytes, 0) };
}

function delta(before, after, sockets) {
  const rows = [];
  for (const [kind, a] of after.kinds) {
    const b = before.kinds.get(kind) ?? { count: 0, bytes: 0 };
    const bytes = a.bytes - b.bytes;
    if (bytes <= 0) continue;
    const retainedBy = [...(after.retainers.get(kind) ?? new Map()).entries()]
      .map(([holder, n]) => [holder, n - (before.retainers.get(kind)?.get(holder) ?? 0)])
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([holder, n]) => `${holder} (${round(n / sockets, 2)}/socket)`);
    rows.push({
      kind,
      perSocketObjects: round((a.count - b.count) / sockets, 2),
      perSocketBytes: round(bytes / sockets, 0),
      retainedBy,
    });
  }
  rows.sort((x, y) => y.perSocketBytes - x.perSocketBytes);
  return {
    sockets,
    perSocketKB: round((after.totalBytes - before.totalBytes) / sockets / 1024, 2),
    top: rows.slice(0, top),
  };
}

async function snapshotOf(api, probe) {
  const file = `${probe.file}.heapsnapshot`;
  rmSync(probe.file, { force: true });
  rmSync(file, { force: true });
  api.kill('SIGUSR2');
  await waitFor(() => existsSync(probe.file), {
    timeoutMs: 300_000,
    intervalMs: 250,
    what: 'a heap snapshot',
  });
  const heapUsed = JSON.parse(readFileSync(probe.file, 'utf8')).heapUsed;
  const summary = summarise(readSnapshot(file));
  rmSync(file, { force: true });
  return { heapUsed, summary };
}

async function main() {
  const started = new Date();
  const server = await pgServer(log);
  const name = `atergang_heap_${process.pid}`;
  let api;
  const result = { startedAt: started.toISOString(), loadAverageAtStart: loadavg(), steps: [] };
  try {
    buildApi();
    const url = await createDatabase(server.url, name, log);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seed(client, S, log);
    await client.end();
    const probe = heapProbe();
    api = await startApi({
      databaseUrl: url,
      jwtSecret: secret,
      name: 'api-heap',
      nodeArgs: probe.nodeArgs,
      extraEnv: { ...probe.env, BENCH_HEAP_SNAPSHOT: 'true' },
    });
    // Warm the paths a join takes (access read, audit, event log), then measure from there.
    const warm = await connectAll('ours', api.url, secret, clientPlan(50, S - 20), () => {});
    for (const c of warm) c.close();
    await sleep(1000);
    let previous = await snapshotOf(api, probe);
    const zero = previous;
    let connected = [];
    let done = 0;
    for (const N of steps) {
      const plan = clientPlan(N).slice(done);
      log(`connecting ${plan.length} more clients (${N} in all)`);
      connected = connected.concat(await connectAll('ours', api.url, secret, plan, () => {}));
      done = N;
      await sleep(1500);
      const now = await snapshotOf(api, probe);
      const step = {
        clients: N,
        heapUsedPerSocketKB_fromZero: round((now.heapUsed - zero.heapUsed) / N / 1024, 2),
        sinceZero: delta(zero.summary, now.summary, N),
        sincePreviousStep: delta(previous.summary, now.summary, plan.length),
      };
      log(
        `  ${N} sockets: heapUsed ${step.heapUsedPerSocketKB_fromZero} KB/socket; snapshot ${step.sinceZero.perSocketKB} KB/socket`,
      );
      for (const row of step.sinceZero.top.slice(0, 12)) {
        log(
          `    ${row.perSocketBytes} B  ${row.perSocketObjects}×  ${row.kind}  <- ${row.retainedBy[0] ?? ''}`,
        );
      }
      result.steps.push(step);
      previous = now;
    }
    for (const c of connected) c.close();
  } finally {
    await stopChild(api);
    killAllChildren();
    await dropDatabase(server.url, name);
    await server.stop();
  }
  result.finishedAt = new Date().toISOString();
  const dir = join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  const out =
    process.env.HEAP_OUT ??
    `heap-sockets-${started.toISOString().replace(/[:]/g, '-').slice(0, 19)}`;
  writeFileSync(join(dir, `${out}.json`), `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${join(dir, `${out}.json`)}`);
}

main().catch((error) => {
  process.stderr.write(`[heap] failed: ${error.stack ?? error}\n`);
  killAllChildren();
  process.exit(1);
});
