import { Injectable } from '@nestjs/common';
import type { AuditOutcome, Party } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import type { HashedAuditFields } from './audit-hash';

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Appends one row with a single INSERT. The audit_log_chain trigger links it to the
   * previous row (prev_hash, hash) under a transaction-scoped lock, so rows written in the
   * caller's transaction commit or roll back with it, and a row written without one (`db`
   * omitted) needs no transaction at all.
   */
  async append(fields: HashedAuditFields, db: Tx = this.prisma): Promise<void> {
    await db.auditLog.create({
      data: {
        ...fields,
        actorParty: fields.actorParty as Party | null,
        outcome: fields.outcome as AuditOutcome,
      },
      select: { id: true },
    });
  }

  /**
   * The chain's last row and how many rows end with it, counting on from an earlier head
   * (rows before it cannot change: the log is append-only). One statement, one snapshot;
   * ids are drawn under the chain's lock, so no row below the head can still commit later.
   */
  async head(
    since: { readonly lastId: bigint; readonly rows: number } | undefined,
  ): Promise<{ lastId: bigint; hash: string; rows: number } | undefined> {
    const afterId = since?.lastId ?? 0n;
    const [head] = await this.prisma.$queryRaw<{ id: bigint; hash: string; added: bigint }[]>`
      SELECT last.id, last.hash,
             (SELECT count(*) FROM audit_log WHERE id > ${afterId} AND id <= last.id) AS added
        FROM (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last`;
    if (!head) return undefined;
    return { lastId: head.id, hash: head.hash, rows: (since?.rows ?? 0) + Number(head.added) };
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
