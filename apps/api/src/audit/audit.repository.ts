import { Injectable } from '@nestjs/common';
import type { AuditOutcome, Party } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import { auditRowHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

export interface AuditRow extends HashedAuditFields {
  readonly id: bigint;
  readonly prevHash: string;
  readonly hash: string;
}

// One chain for the whole table. A transaction-scoped advisory lock serialises appends
// so two writers never link to the same predecessor; it is released at commit/rollback.
const AUDIT_CHAIN_LOCK = 7_411_001;

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Appends one row, linked to the previous one. Must run inside a transaction. */
  async append(tx: Tx, fields: HashedAuditFields): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.auditLog.create({
      data: {
        ...fields,
        actorParty: fields.actorParty as Party | null,
        outcome: fields.outcome as AuditOutcome,
        prevHash,
        hash: auditRowHash(prevHash, fields),
      },
    });
  }

  /** Rows in chain order, in pages, for verification. */
  async page(afterId: bigint, size: number): Promise<AuditRow[]> {
    return this.prisma.auditLog.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: size,
    });
  }

  /** The patient's view: allowed accesses by others to one workspace, newest first. */
  othersInWorkspace(workspaceId: string, patientUserId: string, take: number) {
    return this.prisma.auditLog.findMany({
      where: { workspaceId, outcome: 'ALLOWED', NOT: { actorUserId: patientUserId } },
      orderBy: { id: 'desc' },
      take,
      select: {
        at: true,
        actorUserId: true,
        actorParty: true,
        actorOrganisationId: true,
        action: true,
      },
    });
  }

  async names(
    userIds: readonly string[],
    organisationIds: readonly string[],
  ): Promise<{ users: Map<string, string>; organisations: Map<string, string> }> {
    const [users, organisations] = await Promise.all([
      this.prisma.user.findMany({
        where: { id: { in: [...new Set(userIds)] } },
        select: { id: true, name: true },
      }),
      this.prisma.organisation.findMany({
        where: { id: { in: [...new Set(organisationIds)] } },
        select: { id: true, name: true },
      }),
    ]);
    return {
      users: new Map(users.map((user) => [user.id, user.name])),
      organisations: new Map(
        organisations.map((organisation) => [organisation.id, organisation.name]),
      ),
    };
  }
}
