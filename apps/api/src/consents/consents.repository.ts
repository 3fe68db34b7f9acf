import { Injectable } from '@nestjs/common';
import type { Category, Party } from '@prisma/client';
import { readableWhere, type WorkspaceAbility } from '../access/workspace-ability';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const consentSelect = {
  id: true,
  party: true,
  categories: true,
  kind: true,
  grantedAt: true,
  expiresAt: true,
  revokedAt: true,
  grantedBy: { select: { id: true, name: true } },
} as const;

@Injectable()
export class ConsentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The consents the caller may see (the patient all; a party its own), newest first. */
  list(workspaceId: string, ability: WorkspaceAbility) {
    return this.prisma.consent.findMany({
      where: { AND: [{ workspaceId }, readableWhere(ability, 'Consent')] },
      orderBy: { grantedAt: 'desc' },
      select: consentSelect,
    });
  }

  create(
    tx: Tx,
    data: {
      workspaceId: string;
      party: Party;
      categories: Category[];
      expiresAt: Date | null;
      medicalToEmployerConfirmed: boolean;
      grantedById: string;
    },
  ) {
    return tx.consent.create({ data, select: consentSelect });
  }

  findForUpdate(tx: Tx, workspaceId: string, consentId: string) {
    return tx.consent.findFirst({
      where: { id: consentId, workspaceId },
      select: { id: true, revokedAt: true, party: true, categories: true },
    });
  }

  revoke(tx: Tx, consentId: string, revokedById: string) {
    return tx.consent.update({
      where: { id: consentId },
      data: { revokedAt: new Date(), revokedById },
      select: consentSelect,
    });
  }
}
