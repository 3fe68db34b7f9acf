import { z } from 'zod';
import type { Category, NotificationsChanged, WorkspaceEventView } from '@atergang/contracts';

// The socket protocol of contract.md "Live". Client → server: `workspace:join` (with an
// ack) and `workspace:leave`. Server → client: the events below.

export const LIVE_PATH = '/socket.io';

export const LIVE_EVENTS = {
  join: 'workspace:join',
  leave: 'workspace:leave',
  event: 'workspace:event',
  accessChanged: 'workspace:access-changed',
  accessRevoked: 'workspace:access-revoked',
} as const;

export const joinRequestSchema = z.strictObject({
  workspaceId: z.uuid(),
  afterSeq: z.number().int().min(0).max(2_147_483_647).optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const leaveRequestSchema = z.strictObject({ workspaceId: z.uuid() });

/** Error codes a join ack can carry. */
export type JoinError =
  | 'BAD_REQUEST'
  | 'WORKSPACE_NOT_FOUND'
  | 'TOO_MANY_WORKSPACES'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  /** The socket's session has ended (logout, disabled account): the socket is closed. */
  | 'UNAUTHENTICATED';

/**
 * `seq`: the position the client is now at. Events up to it that it may see were sent
 * before this ack; every later one follows live. Keep it and rejoin with `afterSeq`.
 */
export type JoinAck = { ok: true; seq: number } | { ok: false; error: JoinError };

export interface AccessChangedPayload {
  readonly workspaceId: string;
  /** Categories the member's party is granted now (all of them for the patient). */
  readonly categories: readonly Category[];
}

export interface AccessRevokedPayload {
  readonly workspaceId: string;
}

export interface ServerToClientEvents {
  'workspace:event': (event: WorkspaceEventView) => void;
  'workspace:access-changed': (payload: AccessChangedPayload) => void;
  'workspace:access-revoked': (payload: AccessRevokedPayload) => void;
  /** To every socket of a user: their notifications changed (NOTIFICATIONS_CHANGED_EVENT). */
  'notifications:changed': (payload: NotificationsChanged) => void;
}

export interface ClientToServerEvents {
  'workspace:join': (request: unknown, ack: (answer: JoinAck) => void) => void;
  'workspace:leave': (request: unknown, ack?: (answer: { ok: boolean }) => void) => void;
}
