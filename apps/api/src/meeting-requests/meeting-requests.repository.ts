import { Injectable } from '@nestjs/common';
import type { MeetingRequestDecision, Party, Prisma } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const requestInclude = {
  requestedBy: { select: { name: true } },
  answeredBy: { select: { name: true } },
} as const satisfies Prisma.MeetingRequestInclude;

export type MeetingRequestRow = Prisma.MeetingRequestGetPayload<{
  include: typeof requestInclude;
}>;

export interface NewMeetingRequest {
  readonly workspaceId: string;
  readonly requestedById: string;
  readonly requestedByParty: Party;
  readonly reason: string;
  readonly topics: string | null;
  readonly preferredFrom: Date | null;
  readonly preferredTo: Date | null;
  readonly taskId: string;
  readonly dueDate: Date;
}

export interface MeetingRequestAnswer {
  readonly decision: MeetingRequestDecision;
  readonly answerMessage: string | null;
  readonly answeredById: string;
  readonly answeredAt: Date;
  readonly meetingId: string | null;
}

/** The requests for an avstämningsmöte: the only place that touches their table. */
@Injectable()
export class MeetingRequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Whether someone of FK takes part in the case (there is somebody to ask). */
  async fkTakesPart(workspaceId: string, db: Tx = this.prisma): Promise<boolean> {
    const count = await db.participant.count({
      where: { workspaceId, party: 'FK', removedAt: null },
    });
    return count > 0;
  }

  /**
   * Serialises the asks of one party in one case for this unit, so that two at once cannot
   * both find no open request (the partial unique index would refuse the second anyway, but
   * as a bare conflict).
   */
  async lockAsking(tx: Tx, workspaceId: string, party: Party): Promise<void> {
    const key = `meeting-request:${workspaceId}:${party}`;
    await tx.$queryRaw`
      SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS held`;
  }

  /** The party's open request in the case, if it has one. */
  findOpen(
    workspaceId: string,
    party: Party,
    db: Tx = this.prisma,
  ): Promise<MeetingRequestRow | null> {
    return db.meetingRequest.findFirst({
      where: { workspaceId, requestedByParty: party, decision: null },
      include: requestInclude,
    });
  }

  create(tx: Tx, data: NewMeetingRequest): Promise<MeetingRequestRow> {
    return tx.meetingRequest.create({ data, include: requestInclude });
  }

  find(workspaceId: string, id: string, db: Tx = this.prisma): Promise<MeetingRequestRow | null> {
    return db.meetingRequest.findFirst({ where: { id, workspaceId }, include: requestInclude });
  }

  /** Locks the request's row for this unit: two answers at once cannot both be recorded. */
  async lock(tx: Tx, workspaceId: string, id: string): Promise<MeetingRequestRow | null> {
    await tx.$queryRaw`
      SELECT id::text AS id FROM meeting_requests
      WHERE id = ${id}::uuid AND workspace_id = ${workspaceId}::uuid
      FOR UPDATE`;
    return this.find(workspaceId, id, tx);
  }

  /** Records the answer unless one is already there; null when another came first. */
  async answer(
    tx: Tx,
    workspaceId: string,
    id: string,
    answer: MeetingRequestAnswer,
  ): Promise<MeetingRequestRow | null> {
    const { count } = await tx.meetingRequest.updateMany({
      where: { id, workspaceId, decision: null },
      data: { ...answer, version: { increment: 1 } },
    });
    return count === 1 ? this.find(workspaceId, id, tx) : null;
  }

  /** The requests the caller may read, newest first (scoped in the database). */
  listReadable(workspaceId: string, ability: WorkspaceAbility): Promise<MeetingRequestRow[]> {
    return this.prisma.meetingRequest.findMany({
      where: { AND: [{ workspaceId }, readableWhere(ability, 'MeetingRequest')] },
      include: requestInclude,
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    });
  }
}
