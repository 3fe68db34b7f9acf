import { Injectable } from '@nestjs/common';
import type { Category, Party, Prisma } from '@prisma/client';
import type { EventType } from '@atergang/contracts';
import type { Facets } from '../access/facets';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export interface NewWorkspaceEvent {
  readonly workspaceId: string;
  readonly type: EventType;
  /** The facets of the item the event describes: who may see the event. */
  readonly facets: Facets;
  readonly actorUserId: string | null;
  readonly actorParty: Party | null;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payload: Prisma.InputJsonValue;
}

/** An event with its facet columns, which the ability's WorkspaceEvent rules look at. */
export interface RangeRow {
  readonly workspaceId: string;
  readonly seq: number;
  readonly type: EventType;
  readonly category: Category | null;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly actorParty: Party | null;
  readonly authorParty: Party | null;
  readonly assigneeParty: Party | null;
  readonly assigneeParticipantId: string | null;
  readonly inviteeParticipantIds: string[];
  readonly viaNote: boolean;
  readonly payload: Prisma.JsonValue;
  readonly actor: { readonly name: string } | null;
}

export interface VisibleEventRow {
  readonly workspaceId: string;
  readonly seq: number;
  readonly type: EventType;
  readonly category: Category | null;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly actorParty: Party | null;
  readonly payload: Prisma.JsonValue;
  readonly actor: { readonly name: string } | null;
}

interface RawRangeRow extends Omit<RangeRow, 'actor'> {
  readonly hasActor: boolean;
  readonly actorName: string | null;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The caller's visible events after `after`, in seq order, scoped in SQL by the ability. */
  async visibleAfter(
    workspaceId: string,
    ability: WorkspaceAbility,
    after: number,
    take: number,
  ): Promise<VisibleEventRow[]> {
    const rows = await this.prisma.workspaceEvent.findMany({
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
    // The column holds only the contract's event types: the change writer appends no other.
    return rows.map((row) => ({ ...row, type: row.type as EventType }));
  }

  /**
   * The seq of the caller's last visible event at or before `upTo`, or 0: where a live
   * member stands, without counting what it may not see.
   */
  async lastVisibleSeq(
    workspaceId: string,
    ability: WorkspaceAbility,
    upTo: number,
  ): Promise<number> {
    const row = await this.prisma.workspaceEvent.findFirst({
      where: {
        AND: [{ workspaceId, seq: { lte: upTo } }, readableWhere(ability, 'WorkspaceEvent')],
      },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    return row?.seq ?? 0;
  }

  /**
   * Every event of a workspace in (after, upTo], unscoped, with the fields the ability's
   * WorkspaceEvent rules look at. Only for live fan-out, which checks each recipient's
   * ability against these rows in memory (the same CASL rules `visibleAfter` turns into SQL).
   */
  async range(workspaceId: string, after: number, upTo: number): Promise<RangeRow[]> {
    // One typed statement with the actor's name joined (a relation select costs two).
    const rows = await this.prisma.$queryRaw<RawRangeRow[]>`
      SELECT e.workspace_id::text AS "workspaceId",
             e.seq,
             e.type,
             e.category::text AS category,
             e.at,
             e.actor_user_id::text AS "actorUserId",
             e.actor_party::text AS "actorParty",
             e.author_party::text AS "authorParty",
             e.assignee_party::text AS "assigneeParty",
             e.assignee_participant_id::text AS "assigneeParticipantId",
             e.invitee_participant_ids::text[] AS "inviteeParticipantIds",
             e.via_note AS "viaNote",
             e.payload,
             u.id IS NOT NULL AS "hasActor",
             u.name AS "actorName"
      FROM workspace_events e
      LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.workspace_id = ${workspaceId}::uuid AND e.seq > ${after} AND e.seq <= ${upTo}
      ORDER BY e.seq`;
    return rows.map(({ hasActor, actorName, ...row }) => ({
      ...row,
      actor: hasActor && actorName !== null ? { name: actorName } : null,
    }));
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
   * rolled-back transaction gives its number back with everything else. The increment and
   * the insert are one statement (a data-modifying CTE).
   */
  async append(tx: Tx, event: NewWorkspaceEvent): Promise<{ seq: number; at: Date }> {
    const { facets } = event;
    // `at` from the application's clock, as Prisma's @default(now()) filled it in.
    const [row] = await tx.$queryRaw<{ seq: number; at: Date }[]>`
      WITH next AS (
        UPDATE workspaces SET last_event_seq = last_event_seq + 1
        WHERE id = ${event.workspaceId}::uuid
        RETURNING id, last_event_seq
      )
      INSERT INTO workspace_events (
        workspace_id, seq, type, category, actor_user_id, actor_party, subject_type,
        subject_id, author_party, assignee_party, assignee_participant_id,
        invitee_participant_ids, via_note, payload, at
      )
      SELECT next.id, next.last_event_seq, ${event.type}, ${facets.category}::category,
             ${event.actorUserId}::uuid, ${event.actorParty}::party, ${event.subjectType},
             ${event.subjectId}::uuid, ${facets.authorParty}::party,
             ${facets.assigneeParty}::party, ${facets.assigneeParticipantId}::uuid,
             ${[...facets.inviteeParticipantIds]}::uuid[], ${facets.viaNote},
             ${JSON.stringify(event.payload)}::jsonb, ${new Date()}::timestamptz
      FROM next
      RETURNING seq, at`;
    if (!row) {
      throw new Error(`workspace ${event.workspaceId} vanished inside its own transaction`);
    }
    return row;
  }
}
