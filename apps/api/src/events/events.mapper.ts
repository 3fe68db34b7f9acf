import type { WorkspaceEventView } from '@atergang/contracts';
import type { EventsRepository } from './events.repository';

type EventRow = Awaited<ReturnType<EventsRepository['visibleAfter']>>[number];

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
