import type { WorkspaceEventView } from '@atergang/contracts';
import type { CommittedEvent } from './committed-events';
import type { RangeRow, VisibleEventRow } from './events.repository';

export function toEventView(row: VisibleEventRow): WorkspaceEventView {
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
      authorParty: row.authorParty,
      assigneeParty: row.assigneeParty,
      assigneeParticipantId: row.assigneeParticipantId,
      inviteeParticipantIds: row.inviteeParticipantIds,
      viaNote: row.viaNote,
    },
  };
}
