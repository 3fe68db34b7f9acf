import type { NewWorkspaceEvent } from '../events/events.repository';

/** The fields of a task row that its events carry (who may see it is decided from them). */
export interface TaskEventSubject {
  readonly id: string;
  readonly version: number;
  readonly category: NewWorkspaceEvent['category'];
  readonly createdByParty: NewWorkspaceEvent['actorParty'];
  readonly assigneeParty: NewWorkspaceEvent['assigneeParty'];
  readonly assigneeParticipantId: string | null;
}

/**
 * The event of a task's creation or change. One builder, because every route that touches
 * tasks (tasks, plan measures that unlink them, the plan-not-needed deadline) must give the
 * event the same author and assignee fields the live and REST visibility rules read.
 */
export function taskEvent(
  type: 'task.created' | 'task.updated',
  actor: {
    readonly workspaceId: string;
    readonly userId: string;
    readonly party: NewWorkspaceEvent['actorParty'];
  },
  task: TaskEventSubject,
): NewWorkspaceEvent {
  return {
    workspaceId: actor.workspaceId,
    type,
    category: task.category,
    actorUserId: actor.userId,
    actorParty: actor.party,
    subjectType: 'Task',
    subjectId: task.id,
    authorParty: task.createdByParty,
    assigneeParty: task.assigneeParty,
    assigneeParticipantId: task.assigneeParticipantId,
    payload: { id: task.id, version: task.version },
  };
}
