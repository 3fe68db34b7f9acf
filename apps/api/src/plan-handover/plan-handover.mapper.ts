import type { PlanHandoverView, PlanRequestView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { HandoverRow, RequestRow } from './plan-handover.repository';

/** The recipients a hand-over may have: the table's CHECK holds it to these. */
function recipientOf(row: HandoverRow): PlanHandoverView['recipient'] {
  if (row.recipientParty === 'FK' || row.recipientParty === 'CARE') return row.recipientParty;
  throw new Error(`a plan hand-over to ${row.recipientParty}`);
}

export function toHandoverView(row: HandoverRow, mayAcknowledge: boolean): PlanHandoverView {
  return {
    id: row.id,
    version: row.version,
    recipient: recipientOf(row),
    recipientOrganisation: row.recipientOrganisation,
    sentAt: row.sentAt.toISOString(),
    sentBy: { name: row.sentBy.name, party: row.senderParty },
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy
      ? { name: row.acknowledgedBy.name, party: row.recipientParty }
      : null,
    answeredRequest: row._count.answers > 0,
    mayAcknowledge: mayAcknowledge && row.acknowledgedAt === null,
  };
}

export function toRequestView(row: RequestRow): PlanRequestView {
  return {
    id: row.id,
    requestedAt: row.requestedAt.toISOString(),
    requestedBy: { name: row.requestedBy.name, party: row.requestedByParty },
    askedParty: row.askedParty,
    dueDate: toIsoDate(row.dueDate),
    taskId: row.taskId,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    handoverId: row.handoverId,
  };
}
