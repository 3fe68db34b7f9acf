import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import type {
  Category,
  CreateTaskRequest,
  Party,
  TaskCategory,
  TaskList,
  TasksQuery,
  TaskView,
  UpdateTaskRequest,
} from '@atergang/contracts';
import { consentRequired, forbidden } from '../access/access.errors';
import type { WorkspaceAccess } from '../access/access.types';
import { hasPermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { fromIsoDate, stockholmToday } from '../common/calendar';
import type { ApiError } from '../common/api-error';
import { EventsService } from '../events/events.service';
import { taskEvent } from './task-event';
import { TransactionRunner, type Tx } from '../prisma/transaction';
import {
  assigneePartyMismatch,
  measureNotInWorkspace,
  meetingNotInWorkspace,
  participantNotInWorkspace,
  taskNotFound,
  taskVersionConflict,
} from './tasks.errors';
import { toTaskView } from './tasks.mapper';
import {
  type TaskChanges,
  type TaskRow,
  type TaskViewer,
  TasksRepository,
} from './tasks.repository';

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
  readonly noteId?: string | null;
  readonly category: TaskCategory;
}

export interface NewTaskOptions {
  /** Prefix of the field paths in errors, e.g. 'nextSteps.2.' for a note's next step. */
  readonly fieldPrefix?: string;
}

// Medical tasks reveal health information: only care (who holds it) and the patient
// (whose it is) create them directly.
const MAY_CREATE_MEDICAL: readonly Party[] = ['CARE', 'PATIENT'];

/**
 * Tasks: concrete actions with an owner (a participant or a whole party, the patient
 * included) and a due date. Visibility: a party sees tasks it created or is assigned, and
 * every task when the patient granted TASKS (medical ones only with MEDICAL).
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  async list(access: WorkspaceAccess, query: TasksQuery): Promise<TaskList> {
    const today = stockholmToday();
    const rows = await this.repository.list(access.workspaceId, access.ability, viewerOf(access), {
      ...(query.mine ? { mine: { participantId: access.participantId, party: access.party } } : {}),
      ...(query.overdue ? { overdueBefore: fromIsoDate(today) } : {}),
      ...(query.status ? { statuses: query.status } : {}),
    });
    await this.audit.record(access, {
      action: 'task.read',
      resourceType: 'Task',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const withheld: Category[] = access.isPatient
      ? []
      : (['TASKS', 'MEDICAL'] as const).filter(
          (category) => !access.grantedCategories.has(category),
        );
    return { tasks: rows.map((row) => toTaskView(row, today)), withheld };
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
    return toTaskView(row, stockholmToday());
  }

  async create(access: WorkspaceAccess, request: CreateTaskRequest): Promise<TaskView> {
    const medical = request.medical === true;
    if (medical && !MAY_CREATE_MEDICAL.includes(access.party)) {
      throw await this.deny(
        access,
        'task.created',
        null,
        forbidden('Only care and the patient create medical tasks.'),
      );
    }
    return this.transactions.run((tx) =>
      this.createInTransaction(tx, access, {
        title: request.title,
        description: request.description ?? null,
        dueDate: request.dueDate ?? null,
        assigneeParticipantId: request.assigneeParticipantId ?? null,
        assigneeParty: request.assigneeParty ?? null,
        measureId: request.measureId ?? null,
        meetingId: request.meetingId ?? null,
        category: medical ? 'MEDICAL' : 'TASKS',
      }),
    );
  }

  /**
   * Creates a task inside the caller's transaction, with its event and audit row, so a
   * feature (meeting notes) can make tasks that commit or roll back with its own change.
   * Links are checked against this workspace first, so a foreign id answers 422 naming
   * the field (the composite foreign keys would refuse it too, but only as a 500).
   */
  async createInTransaction(
    tx: Tx,
    access: WorkspaceAccess,
    input: NewTask,
    options: NewTaskOptions = {},
  ): Promise<TaskView> {
    const prefix = options.fieldPrefix ?? '';
    if (!hasPermission(access.party, 'task:create')) {
      throw await this.deny(
        access,
        'task.created',
        null,
        forbidden('Your party cannot create tasks.'),
      );
    }
    const assignee = await this.resolveAssignee(
      tx,
      access.workspaceId,
      input.assigneeParticipantId ?? null,
      input.assigneeParty ?? null,
      prefix,
    );
    if (
      input.measureId &&
      !(await this.repository.measureExists(tx, access.workspaceId, input.measureId))
    ) {
      throw measureNotInWorkspace(`${prefix}measureId`);
    }
    if (
      input.meetingId &&
      !(await this.repository.meetingExists(tx, access.workspaceId, input.meetingId))
    ) {
      throw meetingNotInWorkspace(`${prefix}meetingId`);
    }
    const row = await this.repository.create(tx, {
      ...(input.id ? { id: input.id } : {}),
      workspaceId: access.workspaceId,
      title: input.title,
      description: input.description ?? null,
      dueDate: input.dueDate ? fromIsoDate(input.dueDate) : null,
      category: input.category,
      ...assignee,
      measureId: input.measureId ?? null,
      meetingId: input.meetingId ?? null,
      noteId: input.noteId ?? null,
      createdById: access.userId,
      createdByParty: access.party,
    });
    await this.events.append(tx, taskEvent('task.created', access, row));
    await this.audit.record(
      access,
      {
        action: 'task.created',
        resourceType: 'Task',
        resourceId: row.id,
        workspaceId: access.workspaceId,
        outcome: 'ALLOWED',
      },
      tx,
    );
    return toTaskView(row, stockholmToday());
  }

  async update(
    access: WorkspaceAccess,
    taskId: string,
    request: UpdateTaskRequest,
  ): Promise<TaskView> {
    const current = await this.readable(access, taskId, 'task.updated');
    const isCreator = current.createdByParty !== null && current.createdByParty === access.party;
    const isAssignee =
      current.assigneeParticipantId === access.participantId ||
      current.assigneeParty === access.party;
    if (!isCreator && !isAssignee) {
      throw await this.deny(
        access,
        'task.updated',
        current.id,
        forbidden('Only the party that created the task and its assignee can change it.'),
      );
    }
    const changesMoreThanStatus = Object.keys(request).some(
      (key) => key !== 'version' && key !== 'status',
    );
    // The patient ticks off their own tasks; what others asked of them is not theirs to rewrite.
    if (access.isPatient && !isCreator && changesMoreThanStatus) {
      throw await this.deny(
        access,
        'task.updated',
        current.id,
        forbidden('You can change only the status of a task someone else gave you.'),
      );
    }
    if (request.version !== current.version) {
      throw taskVersionConflict(current.version);
    }

    const today = stockholmToday();
    const row = await this.transactions.run(async (tx) => {
      const changes: TaskChanges = {
        ...(request.title !== undefined ? { title: request.title } : {}),
        ...(request.description !== undefined ? { description: request.description } : {}),
        ...(request.dueDate !== undefined
          ? { dueDate: request.dueDate === null ? null : fromIsoDate(request.dueDate) }
          : {}),
        ...(request.status !== undefined && request.status !== current.status
          ? {
              status: request.status,
              completedAt: request.status === 'DONE' ? new Date() : null,
            }
          : {}),
        ...(request.assigneeParticipantId !== undefined || request.assigneeParty !== undefined
          ? await this.resolveAssignee(
              tx,
              access.workspaceId,
              request.assigneeParticipantId ?? null,
              request.assigneeParty ??
                (request.assigneeParticipantId === null ? current.assigneeParty : null),
              '',
            )
          : {}),
      };
      if (Object.keys(changes).length === 0) {
        // Nothing differs from what is stored: no new version, no event.
        return current;
      }
      const updated = await this.repository.update(
        tx,
        access.workspaceId,
        current.id,
        request.version,
        changes,
      );
      if (!updated) {
        const fresh = await this.repository.findInWorkspace(access.workspaceId, current.id, tx);
        throw taskVersionConflict(fresh?.version ?? current.version);
      }
      await this.events.append(tx, taskEvent('task.updated', access, updated));
      await this.audit.record(
        access,
        {
          action: 'task.updated',
          resourceType: 'Task',
          resourceId: updated.id,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return updated;
    });
    return toTaskView(row, today);
  }

  /** A task of this workspace the caller may read: 404 if not here, 403 if not shared. */
  private async readable(
    access: WorkspaceAccess,
    taskId: string,
    action: string,
  ): Promise<TaskRow> {
    const row = await this.repository.findInWorkspace(access.workspaceId, taskId);
    if (!row) {
      throw taskNotFound();
    }
    if (!mayRead(access, row)) {
      throw await this.deny(
        access,
        action,
        row.id,
        consentRequired([row.category === 'MEDICAL' ? 'MEDICAL' : 'TASKS']),
      );
    }
    return row;
  }

  /**
   * The assignee as stored: a participant (whose party becomes the task's party) or a
   * party alone. A participant must take part in this workspace.
   */
  private async resolveAssignee(
    tx: Tx,
    workspaceId: string,
    participantId: string | null,
    party: Party | null,
    prefix: string,
  ): Promise<{ assigneeParticipantId: string | null; assigneeParty: Party | null }> {
    if (!participantId) {
      return { assigneeParticipantId: null, assigneeParty: party };
    }
    const participant = await this.repository.activeParticipant(tx, workspaceId, participantId);
    if (!participant) {
      throw participantNotInWorkspace(`${prefix}assigneeParticipantId`);
    }
    if (party && party !== participant.party) {
      throw assigneePartyMismatch(`${prefix}assigneeParty`);
    }
    return { assigneeParticipantId: participant.id, assigneeParty: participant.party };
  }

  private async deny(
    access: WorkspaceAccess,
    action: string,
    resourceId: string | null,
    error: ApiError,
  ): Promise<ApiError> {
    await this.audit.record(access, {
      action,
      resourceType: 'Task',
      resourceId,
      workspaceId: access.workspaceId,
      outcome: 'DENIED',
      reason: error.code,
    });
    return error;
  }
}

function viewerOf(access: WorkspaceAccess): TaskViewer {
  return {
    participantId: access.participantId,
    party: access.party,
    seesMedical: access.isPatient || access.grantedCategories.has('MEDICAL'),
  };
}

/** The ability's rule for tasks, narrowed for MEDICAL ones like the list query. */
function mayRead(access: WorkspaceAccess, row: TaskRow): boolean {
  if (!access.ability.can('read', subject('Task', row))) {
    return false;
  }
  const viewer = viewerOf(access);
  return (
    viewer.seesMedical ||
    row.category === 'TASKS' ||
    row.assigneeParticipantId === viewer.participantId ||
    row.assigneeParty === viewer.party ||
    row.createdByParty === viewer.party
  );
}
