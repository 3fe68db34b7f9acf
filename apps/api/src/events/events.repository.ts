import { Injectable } from '@nestjs/common';
import type { Category, Party, Prisma } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export interface NewWorkspaceEvent {
  readonly workspaceId: string;
  /** Dotted past tense: 'plan.updated', 'task.created'. */
  readonly type: string;
  /** Null: visible to every participant. */
  readonly category: Category | null;
  readonly actorUserId: string | null;
  readonly actorParty: Party | null;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly authorParty?: Party | null;
  readonly assigneeParty?: Party | null;
  readonly assigneeParticipantId?: string | null;
  readonly payload: Prisma.InputJsonValue;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The caller's visible events after `after`, in seq order, scoped in SQL by the ability. */
  visibleAfter(workspaceId: string, ability: WorkspaceAbility, after: number, take: number) {
    return this.prisma.workspaceEvent.findMany({
      where: {
        AND: [{ workspaceId, seq: { gt: after } }, readableWhere(ability, 'WorkspaceEvent')],
      },
      orderBy: { seq: 'asc' },
      take,
      select: {
        workspaceId: true,
        seq: true,
        type: true,
        category: true,
        at: true,
        actorUserId: true,
        actorParty: true,
        payload: true,
        actor: { select: { name: true } },
      },
    });
  }

  /**
   * Every event of a workspace in (after, upTo], unscoped, with the fields the ability's
   * WorkspaceEvent rules look at. Only for live fan-out, which checks each recipient's
   * ability against these rows in memory (the same CASL rules `visibleAfter` turns into SQL).
   */
  range(workspaceId: string, after: number, upTo: number) {
    return this.prisma.workspaceEvent.findMany({
      where: { workspaceId, seq: { gt: after, lte: upTo } },
      orderBy: { seq: 'asc' },
      select: {
        workspaceId: true,
        seq: true,
        type: true,
        category: true,
        at: true,
        actorUserId: true,
        actorParty: true,
        authorParty: true,
        assigneeParty: true,
        assigneeParticipantId: true,
        payload: true,
        actor: { select: { name: true } },
      },
    });
  }

  /** The workspace's last appended seq (committed), or null when it does not exist. */
  async lastSeq(workspaceId: string): Promise<number | null> {
    const row = await this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: { lastEventSeq: true },
    });
    return row?.lastEventSeq ?? null;
  }

  /** The last committed seq of each of these workspaces. */
  async lastSeqs(workspaceIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.workspace.findMany({
      where: { id: { in: [...workspaceIds] } },
      select: { id: true, lastEventSeq: true },
    });
    return new Map(rows.map((row) => [row.id, row.lastEventSeq]));
  }

  /**
   * Appends an event with the workspace's next seq. The UPDATE takes the workspace row's
   * lock until commit, so writers of one workspace are serialised and seq has no gaps: a
   * rolled-back transaction gives its number back with everything else.
   */
  async append(tx: Tx, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    const [row] = await tx.$queryRaw<{ last_event_seq: number }[]>`
      UPDATE workspaces SET last_event_seq = last_event_seq + 1
      WHERE id = ${event.workspaceId}::uuid
      RETURNING last_event_seq`;
    if (!row) {
      throw new Error(`workspace ${event.workspaceId} vanished inside its own transaction`);
    }
    const created = await tx.workspaceEvent.create({
      data: {
        workspaceId: event.workspaceId,
        seq: row.last_event_seq,
        type: event.type,
        category: event.category,
        actorUserId: event.actorUserId,
        actorParty: event.actorParty,
        subjectType: event.subjectType ?? null,
        subjectId: event.subjectId ?? null,
        authorParty: event.authorParty ?? null,
        assigneeParty: event.assigneeParty ?? null,
        assigneeParticipantId: event.assigneeParticipantId ?? null,
        payload: event.payload,
      },
      select: { seq: true, at: true },
    });
    return created;
  }
}
