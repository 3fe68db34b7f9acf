import { Injectable } from '@nestjs/common';
import type { Category, Party, Role } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

export interface Participation {
  readonly participantId: string;
  readonly party: Party;
  readonly role: Role | null;
  readonly organisationId: string | null;
  readonly isPatient: boolean;
  /** Categories granted to the participant's party by consents in force right now. */
  readonly grantedCategories: Category[];
}

@Injectable()
export class AccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The caller's active participation and the consents in force for their party, in one
   * round trip. Consent expiry is decided by the database clock at the time of the
   * request, so a revoked or expired consent stops access on the very next request.
   */
  async participation(workspaceId: string, userId: string): Promise<Participation | null> {
    const participant = await this.prisma.participant.findFirst({
      where: { workspaceId, userId, removedAt: null },
      select: {
        id: true,
        party: true,
        role: true,
        organisationId: true,
        workspace: { select: { patientUserId: true, status: true } },
      },
    });
    if (!participant) {
      return null;
    }
    const isPatient =
      participant.party === 'PATIENT' && participant.workspace.patientUserId === userId;
    const consents = isPatient
      ? []
      : await this.prisma.consent.findMany({
          where: {
            workspaceId,
            party: participant.party,
            revokedAt: null,
            OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
          },
          select: { categories: true },
        });
    return {
      participantId: participant.id,
      party: participant.party,
      role: participant.role,
      organisationId: participant.organisationId,
      isPatient,
      grantedCategories: [...new Set(consents.flatMap((consent) => consent.categories))],
    };
  }
}
