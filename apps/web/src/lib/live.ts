import type { Category, EventType, WorkspaceEventView } from '@atergang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { session } from './api';
import { staleKeys } from './live-invalidation';
import { useLiveSocket } from './live-socket';
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
 * A workspace's live events (contract.md, "Live") on the app's one connection
 * (lib/live-socket.tsx): joins with the last seq seen, so a reconnect first replays what was
 * missed, in order; every event refetches the affected views through the same
 * consent-filtered REST routes. Leaving the case leaves its room.
 */
export function useLive(
  workspaceId: string,
  onRevoked: () => void,
): { status: LiveStatus; notices: LiveNotice[] } {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [notices, setNotices] = useState<LiveNotice[]>([]);
  const socket = useLiveSocket();
  const revoked = useRef(onRevoked);
  revoked.current = onRevoked;

  useEffect(() => {
    let disposed = false;
    let noticeId = 0;

    // Every event refetches the views it makes stale (live-invalidation.ts).
    const invalidate = (type: EventType) => {
      for (const key of staleKeys(type, workspaceId)) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    };

    if (!socket) {
      setStatus(session.token ? 'connecting' : 'off');
      return undefined;
    }
    // Where this view is in the case's event log; a reconnect rejoins after it, so the
    // server first replays what was missed, in order.
    let lastSeq: number | undefined;
    setStatus('connecting');
    setNotices([]);

    const join = () => {
      const payload: { workspaceId: string; afterSeq?: number } = { workspaceId };
      if (lastSeq !== undefined) payload.afterSeq = lastSeq;
      socket.emit('workspace:join', payload, (ack: JoinAck) => {
        if (disposed) return;
        if (ack.ok) {
          if (lastSeq === undefined && typeof ack.seq === 'number') lastSeq = ack.seq;
          setStatus('live');
          // Anything that changed while the connection was down is refetched.
          void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
        } else {
          setStatus('lost');
        }
      });
    };
    const onDisconnect = () => {
      if (!disposed) setStatus('lost');
    };
    const onEvent = (event: WorkspaceEventView) => {
      if (event.workspaceId !== workspaceId) return;
      if (lastSeq !== undefined && event.seq <= lastSeq) return;
      lastSeq = event.seq;
      invalidate(event.type);
      const mine = event.actor.userId !== null && event.actor.userId === session.value?.user.id;
      if (!mine) {
        noticeId += 1;
        const notice = { id: noticeId, event };
        setNotices((list) => [...list.slice(-4), notice]);
      }
    };
    const onAccessChanged = (payload: { workspaceId: string; categories: Category[] }) => {
      if (payload.workspaceId !== workspaceId) return;
      void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
    };
    const onAccessRevoked = (payload: { workspaceId: string }) => {
      if (payload.workspaceId !== workspaceId) return;
      void queryClient.invalidateQueries({ queryKey: keys.workspaces });
      revoked.current();
    };

    // Every (re)connection joins again: a new connection is in no workspace's room.
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onDisconnect);
    socket.on('workspace:event', onEvent);
    socket.on('workspace:access-changed', onAccessChanged);
    socket.on('workspace:access-revoked', onAccessRevoked);
    if (socket.connected) join();

    return () => {
      disposed = true;
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onDisconnect);
      socket.off('workspace:event', onEvent);
      socket.off('workspace:access-changed', onAccessChanged);
      socket.off('workspace:access-revoked', onAccessRevoked);
      // The connection stays for the rest of the app; this case's events stop.
      if (socket.connected) socket.emit('workspace:leave', { workspaceId });
    };
  }, [socket, workspaceId, queryClient]);

  return { status, notices };
}

/** Exhaustiveness at compile time: an event type no case above handles is not `never`. */
