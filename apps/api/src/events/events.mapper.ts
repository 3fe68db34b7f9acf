import type { WorkspaceEventView } from '@atergang/contracts';
import type { CommittedEvent } from './committed-events';
import type { EventsRepository } from './events.repository';

type EventRow = Awaited<ReturnType<EventsRepository['visibleAfter']>>[number];
type RangeRow = Awaited<ReturnType<EventsRepository['range']>>[number];

export function toEventView(row: EventRow): WorkspaceEventView {
  const payload = row.payload;
  return {
    workspaceId: row.workspaceId,
    seq: row.seq,
    type: row.type,
    category: row.category,
    at: row.at.toISOString(),
    actor: { userId: row.actorUserId, name: row.actor?.name ?? null, party: row.actorParty },
    data: payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload : {},
  };
}

/** The same view as REST, plus the fields the ability's WorkspaceEvent rules look at. */
export function toCommittedEvent(row: RangeRow): CommittedEvent {
  return {
    view: toEventView(row),
    visibility: {
      workspaceId: row.workspaceId,
      category: row.category,
      actorParty: row.actorParty,
      authorParty: row.authorParty,
      assigneeParty: row.assigneeParty,
      assigneeParticipantId: row.assigneeParticipantId,
    },
  };
}
