import { Injectable } from '@nestjs/common';
import {
  type Category,
  type CreateTaskRequest,
  type Party,
  TASK_UPDATE_FIELDS,
  type TaskList,
  type TasksQuery,
  type TaskView,
  type UpdateTaskRequest,
} from '@atergang/contracts';
import { type CaseFacts, reconcileDeadlineTasks } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { allows, Authorization } from '../access/authorization';
import { taskCategory } from '../access/classification';
import { AuditService } from '../audit/audit.service';
import { fromIsoDate, stockholmToday, toIsoDate } from '../common/calendar';
import { type ChangeActor, ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
import {
  assigneeMayNotRead,
  assigneePartyMismatch,
  measureNotInWorkspace,
  medicalTaskNotAllowed,
  meetingNotInWorkspace,
  participantNotInWorkspace,
  taskFieldNotYours,
  taskNotFound,
  taskVersionConflict,
} from './tasks.errors';
import { toTaskCategory, toTaskView } from './tasks.mapper';
import { type TaskChanges, type TaskRow, TasksRepository } from './tasks.repository';
import { withheldOf } from '../access/consent-rules';

export interface DeadlineReconciling {
  /** Which new deadlines to create (the demo case's earlier ones were met before). */
  readonly keep?: (key: string) => boolean;
  /** The case is being opened: its facts held from the start of the period. */
  readonly opening?: boolean;
}

/** What another feature (meeting notes) hands over to create a task in its transaction. */
export interface NewTask {
  /** Pre-allocated id, so the caller can record it before the task exists. */
  readonly id?: string;
  readonly title: string;
  readonly description?: string | null;
  readonly dueDate?: string | null;
  readonly assigneeParticipantId?: string | null;
  readonly assigneeParty?: Party | null;
  readonly measureId?: string | null;
  readonly meetingId?: string | null;
  /** The note whose next step this is, with its category (a medical note makes a medical task). */
  readonly note?: { readonly id: string; readonly category: Category } | null;
  /** The author marked the task as revealing medical information. */
  readonly markedMedical?: boolean;
}

export interface NewTaskOptions {
  /** Prefix of the field paths in errors, e.g. 'nextSteps.2.' for a note's next step. */
  readonly fieldPrefix?: string;
}

/** A task as it would be stored, before it is: enough for the policy to judge it. */
export interface TaskCandidate {
  readonly category: 'TASKS' | 'MEDICAL';
  /** Null for the tasks the system creates. */
  readonly createdByParty: Party | null;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly noteId: string | null;
}

/** The fields a PATCH may change, as the policy's field rules name them. */
const UPDATABLE_FIELDS = TASK_UPDATE_FIELDS;

/**
 * Tasks: concrete actions with an owner (a participant or a whole party, the patient
 * included) and a due date. This feature owns the tasks table: other features (notes, the
 * plan, a new case) create, unlink and close tasks through this service, so each of those
 * changes is judged and recorded like any other.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
  ) {}

  async list(access: WorkspaceAccess, query: TasksQuery): Promise<TaskList> {
    const today = stockholmToday();
    const rows = await this.repository.list(access.workspaceId, access.ability, {
      ...(query.mine ? { mine: { participantId: access.participantId, party: access.party } } : {}),
      ...(query.overdue ? { overdueBefore: fromIsoDate(today) } : {}),
      ...(query.status ? { statuses: query.status } : {}),
    });
    const withheld = withheldOf(access, ['TASKS', 'MEETING_NOTES', 'MEDICAL']);
    await this.audit.record(access, {
      // An empty list because the tasks were not shared was not a read of them.
      action: rows.length === 0 && withheld.includes('TASKS') ? 'task.read-withheld' : 'task.read',
      resourceType: 'Task',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return { tasks: rows.map((row) => toTaskView(row, today, access.ability)), withheld };
  }

  async get(access: WorkspaceAccess, taskId: string): Promise<TaskView> {
    const row = await this.readable(access, taskId, 'task.read');
    await this.audit.record(access, {
      action: 'task.read',
      resourceType: 'Task',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return toTaskView(row, stockholmToday(), access.ability);
  }

  create(access: WorkspaceAccess, request: CreateTaskRequest): Promise<TaskView> {
    return this.transactions.run((unit) =>
      this.createInTransaction(unit, access, {
        title: request.title,
        description: request.description ?? null,
        dueDate: request.dueDate ?? null,
        assigneeParticipantId: request.assigneeParticipantId ?? null,
        assigneeParty: request.assigneeParty ?? null,
        measureId: request.measureId ?? null,
        meetingId: request.meetingId ?? null,
        markedMedical: request.medical === true,
      }),
    );
  }

  /**
   * Creates a task inside the caller's unit, with its event and audit row, so a feature
   * (meeting notes) can make tasks that commit or roll back with its own change. Links are
   * checked against this workspace and the caller's reading first, so a foreign or hidden
   * id answers 422 naming the field (the composite foreign keys would refuse a foreign one
   * too, but only as a 500).
   */
  async createInTransaction(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    input: NewTask,
    options: NewTaskOptions = {},
  ): Promise<TaskView> {
    const prefix = options.fieldPrefix ?? '';
    const { tx } = unit;
    const assignee = await this.resolveAssignee(
      unit,
      access.workspaceId,
      input.assigneeParticipantId ?? null,
      input.assigneeParty ?? null,
      prefix,
    );
    const measure = input.measureId
      ? await this.repository.linkedMeasure(tx, access.workspaceId, input.measureId)
      : null;
    // A measure the caller may not read is, to them, no measure of this workspace.
    if (input.measureId && (!measure || !allows(access.ability, 'read', 'PlanMeasure', measure))) {
      throw measureNotInWorkspace(`${prefix}measureId`);
    }
    if (input.meetingId) {
      const meeting = await this.repository.linkedMeeting(tx, access.workspaceId, input.meetingId);
      if (!meeting || !allows(access.ability, 'read', 'Meeting', meeting)) {
        throw meetingNotInWorkspace(`${prefix}meetingId`);
      }
    }
    const candidate: TaskCandidate = {
      category: taskCategory({
        markedMedical: input.markedMedical === true,
        measureCategory: measure?.category ?? null,
        noteCategory: input.note?.category ?? null,
      }),
      createdByParty: access.party,
      ...assignee,
      noteId: input.note?.id ?? null,
    };
    await this.authorization.require(access, 'create', 'Task', candidate, {
      audit: 'task.created',
      resourceType: 'Task',
      error: () =>
        candidate.category === 'MEDICAL'
          ? medicalTaskNotAllowed(`${prefix}${medicalBecauseOf(input, measure?.category)}`)
          : taskFieldNotYours(`${prefix}title`),
    });
    await this.requireAssigneeMayRead(unit, access, candidate, prefix, 'task.created');
    const row = await this.repository.create(tx, {
      ...(input.id ? { id: input.id } : {}),
      workspaceId: access.workspaceId,
      title: input.title,
      description: input.description ?? null,
      dueDate: input.dueDate ? fromIsoDate(input.dueDate) : null,
      category: candidate.category,
      assigneeParty: candidate.assigneeParty,
      assigneeParticipantId: candidate.assigneeParticipantId,
      measureId: measure?.id ?? null,
      meetingId: input.meetingId ?? null,
      noteId: candidate.noteId,
      createdById: access.userId,
      createdByParty: access.party,
    });
    await this.recordTaskChange(unit, access, 'task.created', row);
    return toTaskView(row, stockholmToday(), access.ability);
  }

  update(access: WorkspaceAccess, taskId: string, request: UpdateTaskRequest): Promise<TaskView> {
    return this.transactions.run((unit) => this.updateInUnit(unit, access, taskId, request));
  }

  /** Changes a task in the caller's unit (the demo case is built this way too). */
  async updateInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    taskId: string,
    request: UpdateTaskRequest,
  ): Promise<TaskView> {
    const current = await this.readable(access, taskId, 'task.updated', unit);
    // Only what differs from the stored task is a change; sending back what GET gave is not.
    const requested = changedFields(current, request);
    for (const field of requested) {
      await this.authorization.require(
        access,
        'update',
        'Task',
        current,
        {
          audit: 'task.updated',
          resourceType: 'Task',
          resourceId: current.id,
          error: () => taskFieldNotYours(field),
        },
        field,
      );
    }
    if (request.version !== current.version) {
      throw taskVersionConflict(current.version);
    }
    const reassigned =
      requested.includes('assigneeParticipantId') || requested.includes('assigneeParty');
    const assignee = reassigned
      ? await this.resolveAssignee(
          unit,
          access.workspaceId,
          request.assigneeParticipantId === undefined
            ? current.assigneeParticipantId
            : request.assigneeParticipantId,
          request.assigneeParty ??
            (request.assigneeParticipantId === null ? current.assigneeParty : null),
          '',
        )
      : null;
    if (assignee) {
      await this.requireAssigneeMayRead(
        unit,
        access,
        { ...candidateOf(current), ...assignee },
        '',
        'task.updated',
      );
    }
    const changes: TaskChanges = {
      ...(requested.includes('title') && request.title !== undefined
        ? { title: request.title }
        : {}),
      ...(requested.includes('description') && request.description !== undefined
        ? { description: request.description }
        : {}),
      ...(requested.includes('dueDate') && request.dueDate !== undefined
        ? { dueDate: request.dueDate === null ? null : fromIsoDate(request.dueDate) }
        : {}),
      ...(requested.includes('status') && request.status !== undefined
        ? {
            status: request.status,
            completedAt: request.status === 'DONE' ? new Date() : null,
          }
        : {}),
      ...(assignee ?? {}),
    };
    const today = stockholmToday();
    if (Object.keys(changes).length === 0) {
      // Nothing differs from what is stored: no new version, no event.
      return toTaskView(current, today, access.ability);
    }
    const updated = await this.repository.update(
      unit.tx,
      access.workspaceId,
      current.id,
      request.version,
      changes,
    );
    if (!updated) {
      const fresh = await this.repository.findInWorkspace(access.workspaceId, current.id, unit.tx);
      throw taskVersionConflict(fresh?.version ?? current.version);
    }
    await this.recordTaskChange(unit, access, 'task.updated', updated);
    return toTaskView(updated, today, access.ability);
  }

  /**
   * Brings the case's deadline tasks in step with its facts (libs/domain
   * reconcileDeadlineTasks): created by the system (no party authored them), moved,
   * reopened or closed with the reason, each a recorded change. Called whenever a fact the
   * chain depends on changes, and when the case opens. `keep` narrows which new deadlines
   * are created (the demo case's earlier ones were met before it came to Återgång).
   */
  async reconcileDeadlines(
    unit: UnitOfWork,
    actor: ChangeActor,
    facts: CaseFacts,
    { keep = () => true, opening = false }: DeadlineReconciling = {},
  ): Promise<void> {
    const stored = await this.repository.deadlineTasks(unit.tx, actor.workspaceId);
    const changes = reconcileDeadlineTasks(
      facts,
      stockholmToday(),
      stored.map((task) => ({ ...task, dueDate: task.dueDate ? toIsoDate(task.dueDate) : null })),
      { atOpening: opening },
    );
    for (const change of changes) {
      if (change.action === 'create' && !keep(change.task.key)) continue;
      const row = await this.repository.applyDeadlineChange(unit.tx, actor.workspaceId, change);
      await this.recordTaskChange(
        unit,
        actor,
        change.action === 'create' ? 'task.created' : 'task.updated',
        row,
      );
    }
  }

  /** Before measures are deleted: their tasks stay, unlinked, each a recorded change. */
  async unlinkMeasures(
    unit: UnitOfWork,
    actor: ChangeActor,
    measureIds: readonly string[],
  ): Promise<void> {
    const rows = await this.repository.unlinkMeasures(unit.tx, actor.workspaceId, measureIds);
    for (const row of rows) {
      await this.recordTaskChange(unit, actor, 'task.updated', row);
    }
  }

  /**
   * Marks a task done in the caller's unit, as the caller (its assignee party answering what
   * it was asked: the employer's hand-over answering FK's request for the plan). A task
   * already done or cancelled is left as it is; the policy judges the change like a PATCH.
   */
  async completeInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    taskId: string,
  ): Promise<TaskView | null> {
    const current = await this.repository.findInWorkspace(access.workspaceId, taskId, unit.tx);
    if (!current || (current.status !== 'OPEN' && current.status !== 'IN_PROGRESS')) return null;
    return this.updateInUnit(unit, access, taskId, { version: current.version, status: 'DONE' });
  }

  /** Closes the case's deadline task with this key (the plan or its "not needed" settled it). */
  async completeDeadline(
    unit: UnitOfWork,
    actor: ChangeActor,
    deadlineKey: string,
  ): Promise<TaskRow | null> {
    const { changed, task } = await this.repository.completeDeadline(
      unit.tx,
      actor.workspaceId,
      deadlineKey,
    );
    if (changed && task) {
      await this.recordTaskChange(unit, actor, 'task.updated', task);
    }
    return task;
  }

  /** The case's deadline task with this key, if the caller may read it. */
  async deadlineTask(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    deadlineKey: string,
  ): Promise<TaskView | null> {
    const row = await this.repository.deadlineTask(unit.tx, access.workspaceId, deadlineKey);
    return row && allows(access.ability, 'read', 'Task', row)
      ? toTaskView(row, stockholmToday(), access.ability)
      : null;
  }

  /** The parties of the case that may read a task with these facets (a next step's reach). */
  partiesReached(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    parties: readonly Party[],
    task: TaskCandidate,
  ): Promise<Party[]> {
    return this.authorization.partiesThatMayRead(
      unit.tx,
      access.workspaceId,
      parties,
      'Task',
      task,
    );
  }

  /** Whether the task's assignee (if any) may read it: else it cannot be given to them. */
  async assigneeMayRead(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    task: TaskCandidate,
  ): Promise<boolean> {
    if (!task.assigneeParty) return true;
    return this.authorization.recipientMayRead(
      unit.tx,
      access.workspaceId,
      { party: task.assigneeParty, participantId: task.assigneeParticipantId },
      'Task',
      task,
    );
  }

  private recordTaskChange(
    unit: UnitOfWork,
    actor: ChangeActor,
    type: 'task.created' | 'task.updated',
    row: TaskRow,
  ): Promise<void> {
    return this.changes.record(unit, actor, {
      type,
      resource: { type: 'Task', id: row.id, version: row.version },
      visibleAs: [{ subject: 'Task', row }],
    });
  }

  /** A task of this workspace the caller may read: 404 if not here, 403 if not shared. */
  private async readable(
    access: WorkspaceAccess,
    taskId: string,
    action: 'task.read' | 'task.updated',
    unit?: UnitOfWork,
  ): Promise<TaskRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, taskId, unit?.tx);
    if (!row) {
      throw taskNotFound();
    }
    await this.authorization.requireReadable(access, 'Task', row, action);
    return row;
  }

  /** Nothing is handed to a party or person the patient has not let read it. */
  private async requireAssigneeMayRead(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    task: TaskCandidate,
    prefix: string,
    action: 'task.created' | 'task.updated',
  ): Promise<void> {
    if (!(await this.assigneeMayRead(unit, access, task))) {
      throw await this.authorization.deny(access, {
        audit: action,
        resourceType: 'Task',
        error: () =>
          assigneeMayNotRead(
            `${prefix}${task.assigneeParticipantId ? 'assigneeParticipantId' : 'assigneeParty'}`,
          ),
      });
    }
  }

  /**
   * The assignee as stored: a participant (whose party becomes the task's party) or a
   * party alone. A participant must take part in this workspace.
   */
  private async resolveAssignee(
    unit: UnitOfWork,
    workspaceId: string,
    participantId: string | null,
    party: Party | null,
    prefix: string,
  ): Promise<{ assigneeParticipantId: string | null; assigneeParty: Party | null }> {
    if (!participantId) {
      return { assigneeParticipantId: null, assigneeParty: party };
    }
    const participant = await this.repository.activeParticipant(
      unit.tx,
      workspaceId,
      participantId,
    );
    if (!participant) {
      throw participantNotInWorkspace(`${prefix}assigneeParticipantId`);
    }
    // A party given alongside the person must be the person's own.
    if (party && party !== participant.party) {
      throw assigneePartyMismatch(`${prefix}assigneeParty`);
    }
    return { assigneeParticipantId: participant.id, assigneeParty: participant.party };
  }
}

/**
 * The field that made a new task medical, for the error when its author may not record
 * medical information: the marking, else the linked medical measure, else the note.
 */
function medicalBecauseOf(
  input: NewTask,
  measureCategory: string | undefined,
): 'medical' | 'measureId' | 'title' {
  if (input.markedMedical === true) return 'medical';
  if (measureCategory === 'MEDICAL') return 'measureId';
  return input.note ? 'title' : 'medical';
}

/** A stored task as the policy judges it. */
function candidateOf(row: TaskRow): TaskCandidate {
  return {
    category: toTaskCategory(row.category),
    createdByParty: row.createdByParty,
    assigneeParty: row.assigneeParty,
    assigneeParticipantId: row.assigneeParticipantId,
    noteId: row.noteId,
  };
}

/** The fields of a PATCH whose value differs from the stored task. */
function changedFields(current: TaskRow, request: UpdateTaskRequest): string[] {
  const stored: Readonly<Record<(typeof UPDATABLE_FIELDS)[number], unknown>> = {
    title: current.title,
    description: current.description,
    dueDate: current.dueDate ? current.dueDate.toISOString().slice(0, 10) : null,
    status: current.status,
    assigneeParticipantId: current.assigneeParticipantId,
    assigneeParty: current.assigneeParty,
  };
  return UPDATABLE_FIELDS.filter(
    (field) => request[field] !== undefined && request[field] !== stored[field],
  );
}
