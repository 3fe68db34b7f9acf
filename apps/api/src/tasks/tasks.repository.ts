import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { Category, Party, TaskStatus } from '@prisma/client';
import type { DeadlineTaskChange } from '@atergang/domain';
import { readableSql } from '../access/ability-sql';
import type { WorkspaceAbility } from '../access/workspace-ability';
import { fromIsoDate } from '../common/calendar';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export const taskSelect = {
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
  closedReason: true,
  version: true,
  assigneeParticipant: { select: { id: true, party: true, user: { select: { name: true } } } },
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.TaskSelect;

export type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

/** A task with its assignee's and creator's names, flat, as the typed raw queries read it. */
interface FlatTaskRow {
  readonly id: string;
  readonly workspaceId: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: TaskStatus;
  readonly category: Category;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly dueDate: Date | null;
  readonly measureId: string | null;
  readonly meetingId: string | null;
  readonly noteId: string | null;
  readonly deadlineKey: string | null;
  readonly createdById: string | null;
  readonly createdByParty: Party | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
  readonly closedReason: string | null;
  readonly version: number;
  readonly assigneeId: string | null;
  readonly assigneeParticipantParty: Party | null;
  readonly assigneeName: string | null;
  readonly creatorId: string | null;
  readonly creatorName: string | null;
}

/**
 * The columns of `taskSelect` from the task rows `t`, with the assignee and the creator
 * joined in the same statement (a Prisma relation select costs one query per level).
 */
const flatTaskColumns = Prisma.sql`
  t.id::text AS id,
  t.workspace_id::text AS "workspaceId",
  t.title,
  t.description,
  t.status::text AS status,
  t.category::text AS category,
  t.assignee_party::text AS "assigneeParty",
  t.assignee_participant_id::text AS "assigneeParticipantId",
  t.due_date AS "dueDate",
  t.measure_id::text AS "measureId",
  t.meeting_id::text AS "meetingId",
  t.note_id::text AS "noteId",
  t.deadline_key AS "deadlineKey",
  t.created_by_id::text AS "createdById",
  t.created_by_party::text AS "createdByParty",
  t.created_at AS "createdAt",
  t.updated_at AS "updatedAt",
  t.completed_at AS "completedAt",
  t.closed_reason AS "closedReason",
  t.version,
  ap.id::text AS "assigneeId",
  ap.party::text AS "assigneeParticipantParty",
  apu.name AS "assigneeName",
  cb.id::text AS "creatorId",
  cb.name AS "creatorName"`;

const flatTaskJoins = Prisma.sql`
  LEFT JOIN participants ap
    ON ap.id = t.assignee_participant_id AND ap.workspace_id = t.workspace_id
  LEFT JOIN users apu ON apu.id = ap.user_id
  LEFT JOIN users cb ON cb.id = t.created_by_id`;

function toTaskRow(row: FlatTaskRow): TaskRow {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    title: row.title,
    description: row.description,
    status: row.status,
    category: row.category,
    assigneeParty: row.assigneeParty,
    assigneeParticipantId: row.assigneeParticipantId,
    dueDate: row.dueDate,
    measureId: row.measureId,
    meetingId: row.meetingId,
    noteId: row.noteId,
    deadlineKey: row.deadlineKey,
    createdById: row.createdById,
    createdByParty: row.createdByParty,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    closedReason: row.closedReason,
    version: row.version,
    assigneeParticipant:
      row.assigneeId !== null && row.assigneeParticipantParty !== null && row.assigneeName !== null
        ? {
            id: row.assigneeId,
            party: row.assigneeParticipantParty,
            user: { name: row.assigneeName },
          }
        : null,
    createdBy:
      row.creatorId !== null && row.creatorName !== null
        ? { id: row.creatorId, name: row.creatorName }
        : null,
  };
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

  /**
   * The tasks the caller may read, by due date, in one statement: the ability's read rules
   * compiled to SQL (access/ability-sql.ts), the filters, and the assignee's and creator's
   * names joined in.
   */
  async list(
    workspaceId: string,
    ability: WorkspaceAbility,
    filters: TaskFilters,
  ): Promise<TaskRow[]> {
    const where: Prisma.Sql[] = [
      Prisma.sql`t.workspace_id = ${workspaceId}::uuid`,
      readableSql(ability, 'Task', 't'),
    ];
    if (filters.mine) {
      where.push(Prisma.sql`(t.assignee_participant_id = ${filters.mine.participantId}::uuid
        OR t.assignee_party = ${filters.mine.party}::party)`);
    }
    if (filters.overdueBefore) {
      // A calendar day ('YYYY-MM-DD', stored as UTC midnight), as Prisma sends a @db.Date.
      const day = filters.overdueBefore.toISOString().slice(0, 10);
      where.push(Prisma.sql`t.due_date < ${day}::date AND t.status NOT IN ('DONE', 'CANCELLED')`);
    }
    if (filters.statuses) {
      where.push(Prisma.sql`t.status = ANY(${[...filters.statuses]}::task_status[])`);
    }
    const rows = await this.prisma.$queryRaw<FlatTaskRow[]>`
      SELECT ${flatTaskColumns}
      FROM tasks t ${flatTaskJoins}
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY t.due_date ASC NULLS LAST, t.created_at ASC, t.id ASC`;
    return rows.map(toTaskRow);
  }

  /** A task of this workspace, whoever may read it (the service checks that). */
  async findInWorkspace(
    workspaceId: string,
    taskId: string,
    client: Tx = this.prisma,
  ): Promise<TaskRow | null> {
    const [row] = await client.$queryRaw<FlatTaskRow[]>`
      SELECT ${flatTaskColumns}
      FROM tasks t ${flatTaskJoins}
      WHERE t.id = ${taskId}::uuid AND t.workspace_id = ${workspaceId}::uuid`;
    return row ? toTaskRow(row) : null;
  }

  /** An active (not removed) participant of this workspace. */
  activeParticipant(client: Tx, workspaceId: string, participantId: string) {
    return client.participant.findFirst({
      where: { id: participantId, workspaceId, removedAt: null },
      select: { id: true, party: true },
    });
  }

  /** A plan measure of this workspace, with what decides who may read it. */
  linkedMeasure(client: Tx, workspaceId: string, measureId: string) {
    return client.planMeasure.findFirst({
      where: { id: measureId, workspaceId },
      select: { id: true, ownerParty: true, category: true },
    });
  }

  /** A meeting of this workspace, with what decides who may read it. */
  linkedMeeting(client: Tx, workspaceId: string, meetingId: string) {
    return client.meeting.findFirst({
      where: { id: meetingId, workspaceId },
      select: { id: true, organiserParty: true, invitees: { select: { participantId: true } } },
    });
  }

  create(tx: Tx, data: NewTaskRow) {
    return tx.task.create({ data, select: taskSelect });
  }

  /** The case's deadline tasks as the chain's reconciliation needs them. */
  async deadlineTasks(
    tx: Tx,
    workspaceId: string,
  ): Promise<{ key: string; status: TaskStatus; dueDate: Date | null }[]> {
    const rows = await tx.task.findMany({
      where: { workspaceId, deadlineKey: { not: null } },
      select: { deadlineKey: true, status: true, dueDate: true },
    });
    return rows.map((row) => ({
      key: row.deadlineKey ?? '',
      status: row.status,
      dueDate: row.dueDate,
    }));
  }

  /** One step of bringing the deadline tasks in step with the case's facts. */
  async applyDeadlineChange(
    tx: Tx,
    workspaceId: string,
    change: DeadlineTaskChange,
  ): Promise<TaskRow> {
    if (change.action === 'create') {
      return tx.task.create({
        data: {
          workspaceId,
          title: change.task.titleSv,
          description: `${change.task.titleEn}. ${change.task.legalSource}`,
          dueDate: fromIsoDate(change.task.dueDate),
          assigneeParty: change.task.ownerParty,
          deadlineKey: change.task.key,
          category: 'TASKS',
        },
        select: taskSelect,
      });
    }
    const now = new Date();
    const key = change.action === 'reopen' ? change.task.key : change.key;
    const data: Prisma.TaskUpdateManyMutationInput = { version: { increment: 1 } };
    switch (change.action) {
      case 'reopen':
        Object.assign(data, {
          status: 'OPEN',
          dueDate: fromIsoDate(change.task.dueDate),
          completedAt: null,
          closedReason: null,
        });
        break;
      case 'move':
        data.dueDate = fromIsoDate(change.dueDate);
        break;
      case 'complete':
      case 'cancel':
        Object.assign(data, {
          status: change.action === 'complete' ? 'DONE' : 'CANCELLED',
          completedAt: now,
          closedReason: change.reasonSv,
        });
        break;
    }
    return tx.task.update({
      where: { workspaceId_deadlineKey: { workspaceId, deadlineKey: key } },
      data,
      select: taskSelect,
    });
  }

  /**
   * Unlinks the tasks that carry out these measures (the measures are being deleted; the
   * task is still somebody's job). Each gets a new version; returned as they now stand.
   */
  async unlinkMeasures(
    tx: Tx,
    workspaceId: string,
    measureIds: readonly string[],
  ): Promise<TaskRow[]> {
    if (measureIds.length === 0) return [];
    const rows = await tx.$queryRaw<FlatTaskRow[]>`
      WITH t AS (
        UPDATE tasks SET measure_id = NULL, version = version + 1, updated_at = ${new Date()}::timestamptz
        WHERE workspace_id = ${workspaceId}::uuid AND measure_id = ANY(${[...measureIds]}::uuid[])
        RETURNING *
      )
      SELECT ${flatTaskColumns}
      FROM t ${flatTaskJoins}
      ORDER BY t.id`;
    return rows.map(toTaskRow);
  }

  /**
   * Marks the workspace's deadline task with `deadlineKey` done if it is still open.
   * `changed` says whether this call closed it; `task` is null when the case has none.
   */
  async completeDeadline(
    tx: Tx,
    workspaceId: string,
    deadlineKey: string,
  ): Promise<{ changed: boolean; task: TaskRow | null }> {
    const now = new Date();
    const [closed] = await tx.$queryRaw<FlatTaskRow[]>`
      WITH t AS (
        UPDATE tasks
        SET status = 'DONE'::task_status, completed_at = ${now}::timestamptz,
            updated_at = ${now}::timestamptz, version = version + 1
        WHERE workspace_id = ${workspaceId}::uuid AND deadline_key = ${deadlineKey}
          AND status IN ('OPEN', 'IN_PROGRESS')
        RETURNING *
      )
      SELECT ${flatTaskColumns}
      FROM t ${flatTaskJoins}`;
    if (closed) return { changed: true, task: toTaskRow(closed) };
    return { changed: false, task: await this.deadlineTask(tx, workspaceId, deadlineKey) };
  }

  /** The workspace's deadline task with this key, or null. */
  async deadlineTask(tx: Tx, workspaceId: string, deadlineKey: string): Promise<TaskRow | null> {
    const [task] = await tx.$queryRaw<FlatTaskRow[]>`
      SELECT ${flatTaskColumns}
      FROM tasks t ${flatTaskJoins}
      WHERE t.workspace_id = ${workspaceId}::uuid AND t.deadline_key = ${deadlineKey}`;
    return task ? toTaskRow(task) : null;
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
    // One statement: the conditional UPDATE and the row as it now stands, names included.
    const set: Prisma.Sql[] = [];
    if (changes.title !== undefined) set.push(Prisma.sql`title = ${changes.title}`);
    if (changes.description !== undefined) {
      set.push(Prisma.sql`description = ${changes.description}`);
    }
    if (changes.status !== undefined) set.push(Prisma.sql`status = ${changes.status}::task_status`);
    if (changes.dueDate !== undefined) {
      // A calendar day ('YYYY-MM-DD', stored as UTC midnight), whatever the session's zone.
      const day = changes.dueDate === null ? null : changes.dueDate.toISOString().slice(0, 10);
      set.push(Prisma.sql`due_date = ${day}::date`);
    }
    if (changes.assigneeParty !== undefined) {
      set.push(Prisma.sql`assignee_party = ${changes.assigneeParty}::party`);
    }
    if (changes.assigneeParticipantId !== undefined) {
      set.push(Prisma.sql`assignee_participant_id = ${changes.assigneeParticipantId}::uuid`);
    }
    if (changes.completedAt !== undefined) {
      set.push(Prisma.sql`completed_at = ${changes.completedAt}::timestamptz`);
    }
    // As Prisma's @updatedAt: the application's clock.
    set.push(Prisma.sql`updated_at = ${new Date()}::timestamptz`);
    set.push(Prisma.sql`version = version + 1`);
    const [row] = await tx.$queryRaw<FlatTaskRow[]>`
      WITH t AS (
        UPDATE tasks SET ${Prisma.join(set)}
        WHERE id = ${taskId}::uuid
          AND workspace_id = ${workspaceId}::uuid
          AND version = ${expectedVersion}
        RETURNING *
      )
      SELECT ${flatTaskColumns}
      FROM t ${flatTaskJoins}`;
    return row ? toTaskRow(row) : null;
  }
}
