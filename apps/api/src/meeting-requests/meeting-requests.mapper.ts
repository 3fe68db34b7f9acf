import type { MeetingRequestView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { MeetingRequestRow } from './meeting-requests.repository';

/** What the caller may do with a request and see of it, as the policy said. */
export interface MeetingRequestAccess {
  readonly mayAnswer: boolean;
  /** The caller may read FK's task (so its id is no news to them). */
  readonly mayReadTask: boolean;
}

export function toMeetingRequestView(
  row: MeetingRequestRow,
  access: MeetingRequestAccess,
): MeetingRequestView {
  const answer =
    row.decision && row.answeredAt && row.answeredBy
      ? {
          decision: row.decision,
          message: row.answerMessage,
          answeredAt: row.answeredAt.toISOString(),
          // Only FK answers (the policy's answer rule).
          answeredBy: { name: row.answeredBy.name, party: 'FK' as const },
          meetingId: row.meetingId,
        }
      : null;
  return {
    id: row.id,
    requestedAt: row.requestedAt.toISOString(),
    requestedBy: { name: row.requestedBy.name, party: row.requestedByParty },
    reason: row.reason,
    topics: row.topics,
    preferredFrom: row.preferredFrom ? toIsoDate(row.preferredFrom) : null,
    preferredTo: row.preferredTo ? toIsoDate(row.preferredTo) : null,
    dueDate: toIsoDate(row.dueDate),
    taskId: access.mayReadTask ? row.taskId : null,
    status: row.decision ?? 'OPEN',
    answer,
    may: { answer: access.mayAnswer && row.decision === null },
  };
}
