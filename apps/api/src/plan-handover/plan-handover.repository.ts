import { Injectable } from '@nestjs/common';
import type { Party, Prisma } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const handoverInclude = {
  sentBy: { select: { name: true } },
  acknowledgedBy: { select: { name: true } },
  recipientOrganisation: { select: { id: true, name: true } },
  _count: { select: { answers: true } },
} as const satisfies Prisma.PlanHandoverInclude;

export type HandoverRow = Prisma.PlanHandoverGetPayload<{ include: typeof handoverInclude }>;

const requestInclude = {
  requestedBy: { select: { name: true } },
} as const satisfies Prisma.PlanRequestInclude;

export type RequestRow = Prisma.PlanRequestGetPayload<{ include: typeof requestInclude }>;

export interface NewHandover {
  readonly workspaceId: string;
  readonly planId: string;
  readonly version: number;
  readonly revisionNumber: number;
  readonly content: Prisma.InputJsonValue;
  readonly sentById: string;
  readonly senderParty: Party;
  readonly recipientParty: Party;
  readonly recipientOrganisationId: string | null;
}

export interface NewRequest {
  readonly workspaceId: string;
  readonly requestedById: string;
  readonly requestedByParty: Party;
  readonly askedParty: Party;
  readonly taskId: string;
  readonly dueDate: Date;
}

/** The plan's hand-overs and FK's requests for it: the only place that touches their tables. */
@Injectable()
export class PlanHandoverRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The organisations of a party's active participants (FK's office, the care unit). */
  async recipientsOf(
    tx: Tx,
    workspaceId: string,
    party: Party,
  ): Promise<{ organisationId: string | null }[]> {
    return tx.participant.findMany({
      where: { workspaceId, party, removedAt: null },
      select: { organisationId: true },
      orderBy: { joinedAt: 'asc' },
    });
  }

  /** The plan's row id, or null before the plan's first save. */
  async planId(tx: Tx, workspaceId: string): Promise<string | null> {
    const plan = await tx.plan.findUnique({ where: { workspaceId }, select: { id: true } });
    return plan?.id ?? null;
  }

  create(tx: Tx, data: NewHandover): Promise<HandoverRow> {
    return tx.planHandover.create({ data, include: handoverInclude });
  }

  find(workspaceId: string, id: string, db: Tx = this.prisma): Promise<HandoverRow | null> {
    return db.planHandover.findFirst({ where: { id, workspaceId }, include: handoverInclude });
  }

  /** Sets the acknowledgement unless one is already there; false when another came first. */
  async acknowledge(
    tx: Tx,
    workspaceId: string,
    id: string,
    userId: string,
    at: Date,
  ): Promise<boolean> {
    const { count } = await tx.planHandover.updateMany({
      where: { id, workspaceId, acknowledgedAt: null },
      data: { acknowledgedById: userId, acknowledgedAt: at },
    });
    return count === 1;
  }

  /** The hand-overs the caller may read, newest first (scoped in the database). */
  listReadable(workspaceId: string, ability: WorkspaceAbility): Promise<HandoverRow[]> {
    return this.prisma.planHandover.findMany({
      where: { AND: [{ workspaceId }, readableWhere(ability, 'PlanHandover')] },
      include: handoverInclude,
      orderBy: [{ sentAt: 'desc' }, { id: 'asc' }],
    });
  }

  listReadableRequests(workspaceId: string, ability: WorkspaceAbility): Promise<RequestRow[]> {
    return this.prisma.planRequest.findMany({
      where: { AND: [{ workspaceId }, readableWhere(ability, 'PlanRequest')] },
      include: requestInclude,
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    });
  }

  /**
   * The open requests addressed to a party, locked for this unit: two hand-overs at once
   * cannot both answer the same request, and a request cannot slip in between.
   */
  async lockOpenRequests(tx: Tx, workspaceId: string, askedParty: Party): Promise<RequestRow[]> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM plan_requests
      WHERE workspace_id = ${workspaceId}::uuid AND asked_party = ${askedParty}::party
        AND handover_id IS NULL
      ORDER BY requested_at
      FOR UPDATE`;
    if (locked.length === 0) return [];
    return tx.planRequest.findMany({
      where: { id: { in: locked.map((row) => row.id) } },
      include: requestInclude,
      orderBy: { requestedAt: 'asc' },
    });
  }

  async answer(
    tx: Tx,
    workspaceId: string,
    ids: readonly string[],
    handoverId: string,
    at: Date,
  ): Promise<void> {
    await tx.planRequest.updateMany({
      where: { workspaceId, id: { in: [...ids] }, handoverId: null },
      data: { handoverId, answeredAt: at },
    });
  }

  createRequest(tx: Tx, data: NewRequest): Promise<RequestRow> {
    return tx.planRequest.create({ data, include: requestInclude });
  }
}
