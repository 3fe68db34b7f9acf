import { Injectable } from '@nestjs/common';
import type { Role, WorkspaceStatus } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

/** One case a member takes part in for the organisation. */
export interface StaffParticipation {
  readonly participantId: string;
  readonly workspaceId: string;
  readonly role: Role | null;
  readonly workspaceStatus: WorkspaceStatus;
}

/**
 * The cases staff take part in for their organisation, as the organisation's records see
 * them: how many are open, and the role a participant row carries, which follows the
 * member's roles when the administrator changes them (participants are the workspaces
 * feature's table; handing a case over goes through InvitationsService.handOverInUnit).
 */
@Injectable()
export class StaffCasesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Open cases per member of the organisation (members without any are absent). */
  async openCaseCounts(organisationId: string): Promise<Map<string, number>> {
    const rows = await this.prisma.participant.groupBy({
      by: ['userId'],
      where: { organisationId, removedAt: null, workspace: { status: 'ACTIVE' } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.userId, row._count._all]));
  }

  /** The cases the member takes part in (not removed) for the organisation, locked. */
  async participationsOf(
    tx: Tx,
    organisationId: string,
    userId: string,
  ): Promise<StaffParticipation[]> {
    return tx.$queryRaw<StaffParticipation[]>`
      SELECT p.id::text AS "participantId", p.workspace_id::text AS "workspaceId",
             p.role::text AS role, w.status::text AS "workspaceStatus"
      FROM participants p
      JOIN workspaces w ON w.id = p.workspace_id
      WHERE p.organisation_id = ${organisationId}::uuid
        AND p.user_id = ${userId}::uuid
        AND p.removed_at IS NULL
      ORDER BY p.joined_at, p.id
      FOR UPDATE OF p`;
  }

  async setRole(tx: Tx, participantId: string, role: Role): Promise<void> {
    await tx.participant.update({ where: { id: participantId }, data: { role } });
  }
}
