import type { Category, EventType, WorkspaceEventView } from '@atergang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { session } from './api';
import { keys } from './queries';

export type LiveStatus = 'connecting' | 'live' | 'lost' | 'off';

export interface LiveNotice {
  id: number;
  event: WorkspaceEventView;
}

interface JoinAck {
  ok: boolean;
  seq?: number;
  error?: unknown;
}

/**
 * The workspace's live connection (contract.md, "Live"): joins with the last seq seen, so a
 * reconnect first replays what was missed, in order; every event refetches the affected
 * views through the same consent-filtered REST routes.
 */
export function useLive(
  workspaceId: string,
  onRevoked: () => void,
): { status: LiveStatus; notices: LiveNotice[] } {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [notices, setNotices] = useState<LiveNotice[]>([]);
  const lastSeq = useRef<number | undefined>(undefined);
  const revoked = useRef(onRevoked);
  revoked.current = onRevoked;

  useEffect(() => {
    let socket: Socket | null = null;
    let disposed = false;
    let noticeId = 0;

    const refetch = (key: readonly unknown[]) => {
      void queryClient.invalidateQueries({ queryKey: key });
    };
    // Which views an event makes stale, by its type. Exhaustive over the contract's event
    // types: a new type fails the type check here until someone decides what it touches.
    const invalidate = (type: EventType) => {
      switch (type) {
        case 'workspace.created':
        case 'participant.invited':
        case 'participant.added':
        case 'participant.removed':
        case 'participant.handed-over':
        case 'invitation.approved':
        case 'invitation.withdrawn':
          // Who takes part: the overview (participants, permissions) and the lists that
          // name people.
          refetch(keys.overview(workspaceId));
          refetch(keys.meetings(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'plan.updated':
        case 'plan.not-needed.recorded':
          // A removed measure unlinks its tasks; "not needed" closes the deadline task.
          refetch(keys.plan(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'plan.signed':
          refetch(keys.plan(workspaceId));
          break;
        case 'task.created':
        case 'task.updated':
          refetch(keys.tasks(workspaceId));
          break;
        case 'meeting.created':
        case 'meeting.response.recorded':
        case 'meeting.scheduled':
        case 'meeting.cancelled':
          refetch(keys.meetings(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'note.created':
          // The notes live under the meetings' key; their next steps may have become tasks.
          refetch(keys.meetings(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'document.uploaded':
        case 'document.deleted':
          refetch(keys.documents(workspaceId));
          break;
        default: {
          // A type this build does not know (a newer server): refetch the whole workspace.
          unhandled(type);
          refetch(['ws', workspaceId]);
        }
      }
      refetch(keys.accessLog(workspaceId));
    };

    const connect = () => {
      if (disposed) return;
      socket = io({
        path: '/socket.io',
        // A fresh token on every (re)connection attempt.
        auth: (callback) => {
          callback({ token: session.token ?? '' });
        },
        transports: ['websocket', 'polling'],
        reconnectionDelay: 500,
        reconnectionDelayMax: 3000,
      });
      socket.on('connect', () => {
        const payload: { workspaceId: string; afterSeq?: number } = { workspaceId };
        if (lastSeq.current !== undefined) payload.afterSeq = lastSeq.current;
        socket?.emit('workspace:join', payload, (ack: JoinAck) => {
          if (ack.ok) {
            if (lastSeq.current === undefined && typeof ack.seq === 'number') {
              lastSeq.current = ack.seq;
            }
            setStatus('live');
            // Anything that changed while the connection was down is refetched.
            void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
          } else {
            setStatus('lost');
          }
        });
      });
      socket.on('disconnect', () => {
        if (!disposed) setStatus('lost');
      });
      socket.on('connect_error', () => {
        setStatus('lost');
        // An expired access token: refresh it; the next attempt sends the new one.
        void session.refresh();
      });
      socket.on('workspace:event', (event: WorkspaceEventView) => {
        if (event.workspaceId !== workspaceId) return;
        if (lastSeq.current !== undefined && event.seq <= lastSeq.current) return;
        lastSeq.current = event.seq;
        invalidate(event.type);
        const mine = event.actor.userId !== null && event.actor.userId === session.value?.user.id;
        if (!mine) {
          noticeId += 1;
          const notice = { id: noticeId, event };
          setNotices((list) => [...list.slice(-4), notice]);
        }
      });
      socket.on(
        'workspace:access-changed',
        (payload: { workspaceId: string; categories: Category[] }) => {
          if (payload.workspaceId !== workspaceId) return;
          void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
        },
      );
      socket.on('workspace:access-revoked', (payload: { workspaceId: string }) => {
        if (payload.workspaceId !== workspaceId) return;
        void queryClient.invalidateQueries({ queryKey: keys.workspaces });
        revoked.current();
      });
    };

    if (session.token) {
      connect();
    } else {
      setStatus('off');
    }
    return () => {
      disposed = true;
      socket?.disconnect();
    };
  }, [workspaceId, queryClient]);

  return { status, notices };
}

/** Exhaustiveness at compile time: an event type no case above handles is not `never`. */
function unhandled(type: never): void {
  console.warn(`Unknown event type: ${String(type)}`);
}
