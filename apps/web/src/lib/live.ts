import type { Category, WorkspaceEventView } from '@atergang/contracts';
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

    const invalidate = (type: string) => {
      const kind = type.split('.')[0] ?? '';
      const prefix = ['ws', workspaceId];
      switch (kind) {
        case 'plan':
          void queryClient.invalidateQueries({ queryKey: keys.plan(workspaceId) });
          break;
        case 'task':
          void queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
          break;
        case 'meeting':
        case 'note':
          void queryClient.invalidateQueries({ queryKey: keys.meetings(workspaceId) });
          void queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
          break;
        case 'document':
          void queryClient.invalidateQueries({ queryKey: keys.documents(workspaceId) });
          break;
        default:
          void queryClient.invalidateQueries({ queryKey: prefix });
      }
      void queryClient.invalidateQueries({ queryKey: keys.accessLog(workspaceId) });
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
