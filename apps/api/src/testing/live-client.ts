import type { NotificationsChanged, WorkspaceEventView } from '@atergang/contracts';
import { io, type Socket } from 'socket.io-client';

// A real socket.io client for tests of the live gateway (contract.md "Live").

export type LiveJoinAck = { ok: true; seq: number } | { ok: false; error: string };

export interface LiveClient {
  readonly socket: Socket;
  /** Every `workspace:event` received, in arrival order. */
  readonly events: WorkspaceEventView[];
  readonly accessChanged: { workspaceId: string; categories: string[] }[];
  readonly accessRevoked: { workspaceId: string }[];
  /** Every `notifications:changed` received (the bell). */
  readonly notifications: NotificationsChanged[];
  join(workspaceId: string, afterSeq?: number): Promise<LiveJoinAck>;
  /** Resolves once `done()` holds, re-checking on every message; rejects after `timeoutMs`. */
  until(done: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Connects with the access token; rejects with the `connect_error` message. */
export function connectLive(
  url: string,
  token: string | undefined,
  transports: ('websocket' | 'polling')[] = ['websocket'],
): Promise<LiveClient> {
  const socket = io(url, {
    path: '/socket.io',
    transports,
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
  });
  const events: WorkspaceEventView[] = [];
  const accessChanged: LiveClient['accessChanged'] = [];
  const accessRevoked: LiveClient['accessRevoked'] = [];
  const notifications: NotificationsChanged[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  socket.on('workspace:event', (event: WorkspaceEventView) => {
    events.push(event);
    notify();
  });
  socket.on('workspace:access-changed', (payload: LiveClient['accessChanged'][number]) => {
    accessChanged.push(payload);
    notify();
  });
  socket.on('workspace:access-revoked', (payload: LiveClient['accessRevoked'][number]) => {
    accessRevoked.push(payload);
    notify();
  });
  socket.on('notifications:changed', (payload: NotificationsChanged) => {
    notifications.push(payload);
    notify();
  });
  const client: LiveClient = {
    socket,
    events,
    accessChanged,
    accessRevoked,
    notifications,
    join: (workspaceId, afterSeq) =>
      socket
        .timeout(10_000)
        .emitWithAck(
          'workspace:join',
          afterSeq === undefined ? { workspaceId } : { workspaceId, afterSeq },
        ) as Promise<LiveJoinAck>,
    until: (done, what, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (done()) {
          resolve();
          return;
        }
        const check = (): void => {
          if (done()) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
      }),
    close: () => {
      socket.close();
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve(client);
    });
    socket.once('connect_error', (error: Error) => {
      socket.close();
      reject(error);
    });
  });
}
