// Live: commit -> receipt latency with N connected clients (socket.io on the API vs raw ws
// on the baseline, the same writes and the same visibility rule), heap per idle socket, and
// cross-instance delivery (two API processes + a private Redis) vs same-instance.
import { performance } from 'node:perf_hooks';
import { heapOf, heapProbe, startApi, startBaseline, startRedis } from './api.mjs';
import { clientPlan, connectAll, ENTITLED_KS, readVersions, writeLoad } from './live-clients.mjs';
import { envInt, log, round, sleep, stopChild, summarize } from './util.mjs';

const liveSettings = () => ({
  rate: envInt('BENCH_LIVE_RATE', 10),
  seconds: envInt('BENCH_LIVE_SECONDS', 15),
  crossClients: envInt('BENCH_CROSS_CLIENTS', 100),
  crossRate: envInt('BENCH_CROSS_RATE', 10),
});

/**
 * a's latency over b's; none (null, so no goal passes on it) unless both phases delivered
 * every event they owed: a ratio of incomplete deliveries says nothing.
 */
function latencyRatio(a, b, key) {
  const complete = (r) =>
    r.deliveriesExpected > 0 && r.deliveriesReceived === r.deliveriesExpected && r[key] > 0;
  return complete(a) && complete(b) ? round(a[key] / b[key], 3) : null;
}

/** One measured phase: connect N clients, write, match deliveries, disconnect. */
async function phase({ kind, server, plan, secret, versions, rate, seconds, probe }) {
  const deliveries = [];
  const receipts = []; // [write, received at]
  let writes = new Map();
  const received = new Map(); // write key -> count
  const onEvent = (_client, event) => {
    const now = performance.now();
    const key = `${event.data?.id}:${event.data?.version}`;
    const write = writes.get(key);
    if (!write) return;
    deliveries.push(now - write.sent);
    receipts.push([write, now]);
    received.set(key, (received.get(key) ?? 0) + 1);
  };
  const heapBefore = probe ? await heapOf(server, probe) : null;
  const connectStart = performance.now();
  const clients = await connectAll(kind, server.url, secret, plan, onEvent);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await sleep(1000);
  const heapAfter = probe ? await heapOf(server, probe) : null;
  const workspaces = [...new Map(plan.map((p) => [p.ws.id, p.ws])).values()];
  const result = await writeLoad({
    url: server.url,
    secret,
    workspaces,
    rate,
    seconds,
    versions,
    onSent: (write) => writes.set(write.key, write),
  });
  writes = result.writes;
  await sleep(2000);
  for (const client of clients) client.close();
  // Every 200 write must reach every connected member entitled to it.
  const entitledPerWorkspace = new Map();
  for (const { ws, member } of plan) {
    if (ENTITLED_KS.has(member.k))
      entitledPerWorkspace.set(ws.id, (entitledPerWorkspace.get(ws.id) ?? 0) + 1);
  }
  let expected = 0;
  let ok = 0;
  for (const write of writes.values()) {
    if (write.status !== 200) continue;
    ok += 1;
    expected += entitledPerWorkspace.get(write.workspaceId) ?? 0;
  }
  const got = [...received.values()].reduce((a, b) => a + b, 0);
  const latency = summarize(deliveries);
  // Receipt relative to the writer getting its 200 (negative: the event came first).
  const afterResponse = receipts.filter(([w]) => w.responded).map(([w, at]) => at - w.responded);
  return {
    clients: plan.length,
    connectSeconds: round(connectSeconds, 1),
    writesOk: ok,
    writesNot200: writes.size - ok,
    deliveriesExpected: expected,
    deliveriesReceived: got,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    receiptMinusWriteResponse: summarize(afterResponse),
    eventBeforeWriteResponseShare: round(
      afterResponse.filter((x) => x < 0).length / Math.max(1, afterResponse.length),
      3,
    ),
    heapPerSocketKB:
      heapBefore !== null ? round((heapAfter - heapBefore) / plan.length / 1024, 2) : null,
  };
}

export async function liveBench({ databaseUrl, S, secret, settings }) {
  const cfg = liveSettings();
  const out = {
    settings: {
      ...cfg,
      clients: settings.liveClients,
      measuredFrom: 'PATCH sent (commit precedes the event) to event received, same host clock',
    },
  };
  const probeOurs = heapProbe();
  const probeBase = heapProbe();
  let ours;
  let baseline;
  try {
    ours = await startApi({
      databaseUrl,
      jwtSecret: secret,
      name: 'api-live',
      nodeArgs: probeOurs.nodeArgs,
      extraEnv: probeOurs.env,
    });
    baseline = await startBaseline({
      databaseUrl,
      jwtSecret: secret,
      nodeArgs: probeBase.nodeArgs,
      extraEnv: probeBase.env,
    });
    const maxN = Math.max(...settings.liveClients);
    const allWorkspaces = [...new Map(clientPlan(maxN).map((p) => [p.ws.id, p.ws])).values()];
    const versions = await readVersions(ours.url, secret, allWorkspaces);
    for (const N of settings.liveClients) {
      const plan = clientPlan(N);
      const sides = N === settings.liveClients[0] ? ['ours', 'baseline'] : ['baseline', 'ours'];
      const r = {};
      for (const side of sides) {
        log(`live fan-out: ${N} ${side === 'ours' ? 'socket.io' : 'raw ws'} clients`);
        r[side] = await phase({
          kind: side,
          server: side === 'ours' ? ours : baseline,
          plan,
          secret,
          versions,
          rate: cfg.rate,
          seconds: cfg.seconds,
          probe: side === 'ours' ? probeOurs : probeBase,
        });
        log(
          `  ${side}: p50 ${r[side].p50} ms, p99 ${r[side].p99} ms, deliveries ${r[side].deliveriesReceived}/${r[side].deliveriesExpected}, heap/socket ${r[side].heapPerSocketKB} KB, connect ${r[side].connectSeconds} s`,
        );
      }
      out[`fanout${N}`] = {
        ours: r.ours,
        baseline: r.baseline,
        ratioP50: latencyRatio(r.ours, r.baseline, 'p50'),
        ratioP99: latencyRatio(r.ours, r.baseline, 'p99'),
      };
    }
    const largest = out[`fanout${maxN}`];
    out.heapPerSocketKB = largest?.ours.heapPerSocketKB ?? null;
    out.baselineHeapPerSocketKB = largest?.baseline.heapPerSocketKB ?? null;
    if (out.fanout1000 && out.fanout5000) {
      out.p99Ratio_5000_vs_1000 = latencyRatio(out.fanout5000.ours, out.fanout1000.ours, 'p99');
    }
  } finally {
    await stopChild(ours);
    await stopChild(baseline);
  }
  out.crossInstance = await crossInstance({
    databaseUrl,
    secret,
    cfg,
    first: Math.max(1, Math.min(2000, S - Math.ceil(cfg.crossClients / 5) - 2)),
  });
  return out;
}

/** Two API processes sharing a private Redis; members of each workspace alternate between them. */
async function crossInstance({ databaseUrl, secret, cfg, first }) {
  const redis = await startRedis();
  const apis = [];
  try {
    for (const name of ['api-a', 'api-b']) {
      apis.push(await startApi({ databaseUrl, jwtSecret: secret, redisUrl: redis.url, name }));
    }
    const plan = clientPlan(cfg.crossClients, first);
    const onA = plan.filter((_, j) => j % 2 === 0);
    const onB = plan.filter((_, j) => j % 2 === 1);
    const workspaces = [...new Map(plan.map((p) => [p.ws.id, p.ws])).values()];
    const versions = await readVersions(apis[0].url, secret, workspaces);
    const latency = { local: [], remote: [] };
    let writes = new Map();
    const handler = (where) => (_client, event) => {
      const write = writes.get(`${event.data?.id}:${event.data?.version}`);
      if (write) latency[where].push(performance.now() - write.sent);
    };
    log(`live cross-instance: ${plan.length} clients split over two instances + Redis`);
    const clients = [
      ...(await connectAll('ours', apis[0].url, secret, onA, handler('local'))),
      ...(await connectAll('ours', apis[1].url, secret, onB, handler('remote'))),
    ];
    await sleep(1000);
    const result = await writeLoad({
      url: apis[0].url,
      secret,
      workspaces,
      rate: cfg.crossRate,
      seconds: cfg.seconds,
      versions,
      onSent: (write) => writes.set(write.key, write),
    });
    writes = result.writes;
    await sleep(2000);
    for (const client of clients) client.close();
    const local = summarize(latency.local);
    const remote = summarize(latency.remote);
    log(
      `  same instance p50 ${local.p50} / p99 ${local.p99} ms; other instance p50 ${remote.p50} / p99 ${remote.p99} ms`,
    );
    return {
      clients: plan.length,
      writesPerSecond: cfg.crossRate,
      local,
      remote,
      p50DeltaMs: round(remote.p50 - local.p50, 2),
      p99Ratio: round(remote.p99 / local.p99, 3),
    };
  } finally {
    for (const api of apis) await stopChild(api);
    await stopChild(redis);
  }
}
