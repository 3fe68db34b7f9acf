// Live clients and the writer that drives them: socket.io clients for the API (contract.md
// "Live") and raw ws clients for the baseline, plus an open-loop PATCH writer whose events
// are matched to their deliveries by (task id, version).
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { workspaceOf } from './seed.mjs';
import { accessToken, sleep } from './util.mjs';

/** Members that may see an update of the employer's own task t0/t1 (TASKS): see seed.mjs. */
export const ENTITLED_KS = new Set([0, 1, 2, 3, 4, 6]);

/** The first workspaces' members, N clients in all (whole workspaces, 5-8 members each). */
export function clientPlan(N, firstWorkspace = 1) {
  const plan = [];
  for (let i = firstWorkspace; plan.length < N; i += 1) {
    const ws = workspaceOf(i);
    for (const member of ws.members) if (plan.length < N) plan.push({ ws, member });
  }
  return plan;
}

export function connectSocketIo(url, token, workspaceId, onEvent, options = {}) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      ...options,
    });
    socket.on('workspace:event', onEvent);
    socket.once('connect_error', (error) => reject(error));
    socket.once('connect', () => {
      socket.emit('workspace:join', { workspaceId }, (ack) => {
        if (ack?.ok) resolve({ socket, seq: ack.seq, close: () => socket.disconnect() });
        else reject(new Error(`join refused: ${JSON.stringify(ack)}`));
      });
    });
  });
}

export function connectWs(url, token, workspaceId, onEvent) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ws?token=${token}`);
    let joined = false;
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ join: workspaceId })));
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (!joined) {
        joined = true;
        if (message.ok) resolve({ socket, close: () => socket.close() });
        else reject(new Error(`join refused: ${raw}`));
        return;
      }
      onEvent(message);
    });
  });
}

/** Connects everyone in `plan`, `parallel` at a time. */
export async function connectAll(kind, url, secret, plan, onEvent, parallel = 50) {
  const clients = new Array(plan.length);
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next++;
      const { ws, member } = plan[index];
      const token = accessToken(secret, member);
      const handler = (event) => onEvent(index, event);
      clients[index] =
        kind === 'ours'
          ? await connectSocketIo(url, token, ws.id, handler)
          : await connectWs(url, token, ws.id, handler);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return clients;
}

/**
 * Open-loop writer: `rate` PATCHes per second for `seconds`, spread over the employer's
 * tasks of `workspaces`. Returns the writes (send time, response time, status) by key.
 */
export async function writeLoad({ url, secret, workspaces, rate, seconds, versions, onSent }) {
  const slots = workspaces.flatMap((ws) =>
    [0, 1].map((t) => ({
      ws,
      taskId: ws.taskIds[t],
      auth: `Bearer ${accessToken(secret, ws.members[1])}`,
      busy: false,
    })),
  );
  const writes = new Map();
  const pending = [];
  // A save that changes nothing is not a write (no new version, no event), so every title
  // must differ from any earlier phase's on the same task: each load gets its own tag.
  const tag = performance.now().toString(36);
  const interval = 1000 / rate;
  const start = performance.now();
  let n = 0;
  let skipped = 0;
  for (let k = 0; performance.now() - start < seconds * 1000; k += 1) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    let slot = null;
    for (let j = 0; j < slots.length; j += 1) {
      const candidate = slots[(n + j) % slots.length];
      if (!candidate.busy) {
        slot = candidate;
        n += j + 1;
        break;
      }
    }
    if (!slot) {
      skipped += 1;
      continue;
    }
    slot.busy = true;
    const version = versions.get(slot.taskId) ?? 1;
    const key = `${slot.taskId}:${version + 1}`;
    const write = {
      key,
      workspaceId: slot.ws.id,
      i: slot.ws.i,
      sent: performance.now(),
      status: null,
      responded: null,
    };
    writes.set(key, write);
    onSent?.(write);
    pending.push(
      fetch(`${url}/api/workspaces/${slot.ws.id}/tasks/${slot.taskId}`, {
        method: 'PATCH',
        headers: { authorization: slot.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ version, title: `Live ${tag} ${k}` }),
      })
        .then(async (response) => {
          write.status = response.status;
          write.responded = performance.now();
          const body = await response.json().catch(() => ({}));
          if (response.status === 200) versions.set(slot.taskId, body.version);
          else if (body.currentVersion) versions.set(slot.taskId, body.currentVersion);
        })
        .catch((error) => {
          write.status = `error: ${error.message}`;
        })
        .finally(() => {
          slot.busy = false;
        }),
    );
  }
  await Promise.all(pending);
  return { writes, skipped };
}

/** Current versions of the employer's tasks (read once through the API). */
export async function readVersions(url, secret, workspaces) {
  const versions = new Map();
  for (const ws of workspaces) {
    const auth = `Bearer ${accessToken(secret, ws.members[1])}`;
    for (const taskId of ws.taskIds.slice(0, 2)) {
      const response = await fetch(`${url}/api/workspaces/${ws.id}/tasks/${taskId}`, {
        headers: { authorization: auth },
      });
      versions.set(taskId, (await response.json()).version);
    }
  }
  return versions;
}
