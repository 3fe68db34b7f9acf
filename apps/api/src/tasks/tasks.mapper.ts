import { TASK_UPDATE_FIELDS, type TaskView } from '@atergang/contracts';
import { allows } from '../access/authorization';
import type { WorkspaceAbility } from '../access/workspace-ability';
import { toIsoDate } from '../common/calendar';
import type { TaskRow } from './tasks.repository';

/** The stored category (the database CHECK allows TASKS and MEDICAL only). */
export function toTaskCategory(category: string): 'TASKS' | 'MEDICAL' {
  if (category !== 'TASKS' && category !== 'MEDICAL') {
    throw new Error(`a task has category ${category}`);
  }
  return category;
}

/**
 * A task row as the API shows it to the holder of `ability`; `today` is Sweden's date
 * ('YYYY-MM-DD'), for `overdue`. `editableFields` asks the policy field by field, the same
 * question the PATCH asks, so the client never writes the rule itself.
 */
export function toTaskView(row: TaskRow, today: string, ability: WorkspaceAbility): TaskView {
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
    editableFields: TASK_UPDATE_FIELDS.filter((field) =>
      allows(ability, 'update', 'Task', row, field),
    ),
  };
}
