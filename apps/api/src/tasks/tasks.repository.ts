import { Injectable } from '@nestjs/common';
import type { Party, Prisma, TaskStatus } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const taskSelect = {
  id: true,
  workspaceId: true,
  title: true,
  description: true,
  status: true,
  category: true,
  assigneeParty: true,
  assigneeParticipantId: true,
  dueDate: true,
  measureId: true,
  meetingId: true,
  noteId: true,
  deadlineKey: true,
  createdById: true,
  createdByParty: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
  version: true,
  assigneeParticipant: { select: { id: true, party: true, user: { select: { name: true } } } },
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.TaskSelect;

export type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

/** The caller, as far as "whose task is it" goes. */
export interface TaskViewer {
  readonly participantId: string;
  readonly party: Party;
  /** False: MEDICAL tasks only when the viewer's party created them or is assigned them. */
  readonly seesMedical: boolean;
}

export interface TaskFilters {
  /** Assigned to this participant or their party. */
  readonly mine?: { readonly participantId: string; readonly party: Party };
  /** Due before this day and not DONE/CANCELLED. */
  readonly overdueBefore?: Date;
  readonly statuses?: readonly TaskStatus[];
}

export interface NewTaskRow {
  readonly id?: string;
  readonly workspaceId: string;
  readonly title: string;
  readonly description: string | null;
  readonly dueDate: Date | null;
  readonly category: 'TASKS' | 'MEDICAL';
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly measureId: string | null;
  readonly meetingId: string | null;
  readonly noteId: string | null;
  readonly createdById: string;
  readonly createdByParty: Party;
}

export interface TaskChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly status?: TaskStatus;
  readonly dueDate?: Date | null;
  readonly assigneeParty?: Party | null;
  readonly assigneeParticipantId?: string | null;
  readonly completedAt?: Date | null;
}

@Injectable()
export class TasksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The tasks the caller may read (scoped in SQL by the ability), by due date. */
  list(workspaceId: string, ability: WorkspaceAbility, viewer: TaskViewer, filters: TaskFilters) {
    const and: Prisma.TaskWhereInput[] = [
      { workspaceId },
      readableWhere(ability, 'Task'),
      medicalScope(viewer),
    ];
    if (filters.mine) {
      and.push({
        OR: [
          { assigneeParticipantId: filters.mine.participantId },
          { assigneeParty: filters.mine.party },
        ],
      });
    }
    if (filters.overdueBefore) {
      and.push({
        dueDate: { lt: filters.overdueBefore },
        status: { notIn: ['DONE', 'CANCELLED'] },
      });
    }
    if (filters.statuses) {
      and.push({ status: { in: [...filters.statuses] } });
    }
    return this.prisma.task.findMany({
      where: { AND: and },
      orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
      select: taskSelect,
    });
  }

  /** A task of this workspace, whoever may read it (the service checks that). */
  findInWorkspace(workspaceId: string, taskId: string, client: Tx = this.prisma) {
    return client.task.findFirst({ where: { id: taskId, workspaceId }, select: taskSelect });
  }

  /** An active (not removed) participant of this workspace. */
  activeParticipant(client: Tx, workspaceId: string, participantId: string) {
    return client.participant.findFirst({
      where: { id: participantId, workspaceId, removedAt: null },
      select: { id: true, party: true },
    });
  }

  async measureExists(client: Tx, workspaceId: string, measureId: string): Promise<boolean> {
    return (await client.planMeasure.count({ where: { id: measureId, workspaceId } })) > 0;
  }

  async meetingExists(client: Tx, workspaceId: string, meetingId: string): Promise<boolean> {
    return (await client.meeting.count({ where: { id: meetingId, workspaceId } })) > 0;
  }

  create(tx: Tx, data: NewTaskRow) {
    return tx.task.create({ data, select: taskSelect });
  }

  /**
   * Applies the changes only if the task is still at `expectedVersion` (optimistic
   * concurrency); null when another write got there first.
   */
  async update(
    tx: Tx,
    workspaceId: string,
    taskId: string,
    expectedVersion: number,
    changes: TaskChanges,
  ): Promise<TaskRow | null> {
    const { count } = await tx.task.updateMany({
      where: { id: taskId, workspaceId, version: expectedVersion },
      data: { ...changes, version: { increment: 1 } },
    });
    if (count === 0) {
      return null;
    }
    return tx.task.findUniqueOrThrow({ where: { id: taskId }, select: taskSelect });
  }
}

/**
 * MEDICAL tasks for a party without MEDICAL consent: only those it created or is assigned.
 * (The ability's TASKS rule covers every task; this keeps medical ones from a party that
 * was granted TASKS but not MEDICAL, as domain.md requires.)
 */
function medicalScope(viewer: TaskViewer): Prisma.TaskWhereInput {
  if (viewer.seesMedical) {
    return {};
  }
  return {
    OR: [
      { category: 'TASKS' },
      { assigneeParticipantId: viewer.participantId },
      { assigneeParty: viewer.party },
      { createdByParty: viewer.party },
    ],
  };
}
