import type { TaskView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { TaskRow } from './tasks.repository';

/** The stored category (the database CHECK allows TASKS and MEDICAL only). */
export function toTaskCategory(category: string): 'TASKS' | 'MEDICAL' {
  if (category !== 'TASKS' && category !== 'MEDICAL') {
    throw new Error(`a task has category ${category}`);
  }
  return category;
}

/** A task row as the API shows it; `today` is Sweden's date ('YYYY-MM-DD'), for `overdue`. */
export function toTaskView(row: TaskRow, today: string): TaskView {
  const dueDate = row.dueDate ? toIsoDate(row.dueDate) : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    category: toTaskCategory(row.category),
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
    closedReason: row.closedReason,
    version: row.version,
  };
}
