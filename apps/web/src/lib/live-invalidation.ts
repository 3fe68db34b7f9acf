import type { EventType } from '@atergang/contracts';
import { keys } from './queries';

/**
 * Which views an event makes stale, by its type: the query keys to refetch in its
 * workspace (the access log always, since every event is something someone did). Exhaustive
 * over the contract's event types: a new type fails the type check here until someone
 * decides what it touches. Unit-tested in apps/web/unit/live-invalidation.spec.ts.
 */
export function staleKeys(type: EventType, workspaceId: string): (readonly unknown[])[] {
  const stale: (readonly unknown[])[] = [];
  const refetch = (key: readonly unknown[]) => {
    stale.push(key);
  };
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
  return stale;
}

function unhandled(type: never): void {
  console.warn(`Unknown event type: ${String(type)}`);
}
