// HTTP load with autocannon: read-workspace (the overview, plan and tasks GETs, in turn, as
// a participant of a random seeded workspace) and update-task (PATCH with the version last
// read; every in-flight request owns its own task, so there are no version conflicts).
import autocannon from 'autocannon';
import { workspaceOf } from './seed.mjs';
import { accessToken, round } from './util.mjs';

// Readers: employer, care, FK, AF (no consent) and the patient, so every filter path runs.
const READER_KS = [1, 2, 3, 1, 2, 3, 0, 5];

export function readTargets(S, secret, count = 2000) {
  const targets = [];
  const n = Math.min(S, count);
  for (let j = 0; j < n; j += 1) {
    const i = 1 + Math.floor((j * S) / n);
    const ws = workspaceOf(i);
    const k = READER_KS[j % READER_KS.length];
    const member = ws.members[Math.min(k, ws.members.length - 1)];
    const auth = `Bearer ${accessToken(secret, member)}`;
    for (const path of ['', '/plan', '/tasks']) {
      targets.push({ path: `/api/workspaces/${ws.id}${path}`, auth });
    }
  }
  return targets;
}

/** Tasks the employer manager created and owns (t = 0, 1), one slot each. */
export function updateSlots(S, secret, count = 120) {
  const slots = [];
  const n = Math.min(S, Math.ceil(count / 2));
  for (let j = 0; j < n; j += 1) {
    const i = 1 + Math.floor((j * S) / n);
    const ws = workspaceOf(i);
    const auth = `Bearer ${accessToken(secret, ws.members[1])}`;
    for (const t of [0, 1]) {
      slots.push({ path: `/api/workspaces/${ws.id}/tasks/${ws.taskIds[t]}`, auth, version: null });
    }
  }
  return slots;
}

/** Reads the current version of every slot's task (the servers share the database). */
export async function refreshVersions(baseUrl, slots, parallel = 4) {
  let next = 0;
  const worker = async () => {
    while (next < slots.length) {
      const slot = slots[next++];
      const response = await fetch(`${baseUrl}${slot.path}`, {
        headers: { authorization: slot.auth },
      });
      if (!response.ok) throw new Error(`GET ${slot.path}: ${response.status}`);
      slot.version = (await response.json()).version;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

function summary(result, seconds) {
  return {
    rps: round(result.requests.total / seconds, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    ...(result.non2xx ? { statusCodes: result.statusCodeStats } : {}),
    errors: result.errors + result.timeouts,
  };
}

export function runRead(url, targets, { connections, duration }) {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const target = targets[next++ % targets.length];
              return { ...req, path: target.path, headers: { authorization: target.auth } };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(summary(result, duration))),
    );
  });
}

export function runUpdate(url, slots, { connections, duration }) {
  const free = [...slots];
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        requests: [
          {
            method: 'PATCH',
            setupRequest: (req, context) => {
              const slot = free.shift();
              context.slot = slot;
              n += 1;
              return {
                ...req,
                path: slot.path,
                headers: { authorization: slot.auth, 'content-type': 'application/json' },
                body: JSON.stringify({ version: slot.version, title: `Updated ${n}` }),
              };
            },
            onResponse: (status, body, context) => {
              const slot = context.slot;
              if (!slot) return;
              try {
                const parsed = JSON.parse(body);
                if (status === 200) slot.version = parsed.version;
                else if (parsed.currentVersion) slot.version = parsed.currentVersion;
              } catch {
                // keep the old version
              }
              free.push(slot);
              context.slot = undefined;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(summary(result, duration))),
    );
  });
}
