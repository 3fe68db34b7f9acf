import type { Category, EventType, WorkspaceEventView } from '@atergang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { session } from './api';
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
        case 'plan.handed-over':
        case 'plan.handover-acknowledged':
        case 'plan.requested':
          // A request gives the employer a task; a send answers it and closes the task.
          refetch(keys.handovers(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'task.created':
        case 'task.updated':
          refetch(keys.tasks(workspaceId));
          break;
        case 'meeting.created':
        case 'meeting.response.recorded':
        case 'meeting.scheduled':
        case 'meeting.cancelled':
        case 'meeting.moved':
        case 'meeting.reopened':
          refetch(keys.meetings(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'meeting.requested':
        case 'meeting.request-answered':
          // A request for an avstämningsmöte is FK's task; the answer closes it.
          refetch(keys.meetingRequests(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'note.created':
        case 'note.corrected':
          // The notes (and a note's history) live under the meetings' key; their next steps
          // may have become tasks (a correction may add steps that do).
          refetch(keys.meetings(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'document.uploaded':
        case 'document.deleted':
          refetch(keys.documents(workspaceId));
          break;
        case 'certificate.added':
          // A certificate is a fact of the case (degree, perhaps the expected length) and
          // its periods are the plan's sick-leave steps.
          refetch(keys.certificates(workspaceId));
          refetch(keys.overview(workspaceId));
          refetch(keys.timeline(workspaceId));
          refetch(keys.plan(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        case 'case.facts-changed':
        case 'case.closed':
        case 'case.reopened':
          // The facts move the case's day and its deadline tasks; closing and reopening
          // change what may be edited everywhere (the overview's permissions and closing).
          refetch(keys.overview(workspaceId));
          refetch(keys.timeline(workspaceId));
          refetch(keys.plan(workspaceId));
          refetch(keys.tasks(workspaceId));
          break;
        default: {
          // A type this build does not know (a newer server): refetch the whole workspace.
          unhandled(type);
          refetch(['ws', workspaceId]);
        }
      }
      refetch(keys.accessLog(workspaceId));
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
function unhandled(type: never): void {
  console.warn(`Unknown event type: ${String(type)}`);
}
