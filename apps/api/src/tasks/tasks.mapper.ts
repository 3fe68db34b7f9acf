import type { TaskView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { TaskRow } from './tasks.repository';

/** A task row as the API shows it; `today` is Sweden's date ('YYYY-MM-DD'), for `overdue`. */
export function toTaskView(row: TaskRow, today: string): TaskView {
  const dueDate = row.dueDate ? toIsoDate(row.dueDate) : null;
  if (row.category !== 'TASKS' && row.category !== 'MEDICAL') {
    // The database refuses other categories (CHECK tasks_category); this keeps the type honest.
    throw new Error(`task ${row.id} has category ${row.category}`);
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    category: row.category,
    assigneeParty: row.assigneeParty,
    assignee: row.assigneeParticipant
      ? {
          participantId: row.assigneeParticipant.id,
          name: row.assigneeParticipant.user.name,
          party: row.assigneeParticipant.party,
        }
      : null,
    dueDate,
    overdue:
      dueDate !== null && dueDate < today && row.status !== 'DONE' && row.status !== 'CANCELLED',
    measureId: row.measureId,
    meetingId: row.meetingId,
    noteId: row.noteId,
    deadlineKey: row.deadlineKey,
    createdBy: row.createdBy ? { userId: row.createdBy.id, name: row.createdBy.name } : null,
    createdByParty: row.createdByParty,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    version: row.version,
  };
}
