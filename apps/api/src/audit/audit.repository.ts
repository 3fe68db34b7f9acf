import { Injectable } from '@nestjs/common';
import type { AccessLogPosition, ConsentParty } from '@atergang/contracts';
import { type AuditOutcome, type Party, Prisma } from '@prisma/client';
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
  /** Several rows in one INSERT (the trigger links each in turn, under the same lock). */
  async appendMany(rows: readonly HashedAuditFields[]): Promise<void> {
    if (rows.length === 0) return;
    await this.prisma.auditLog.createMany({
      data: rows.map((fields) => ({
        ...fields,
        actorParty: fields.actorParty as Party | null,
        outcome: fields.outcome as AuditOutcome,
      })),
    });
  }

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

  /**
   * The patient's view: what others did in one workspace (allowed and refused), newest
   * first by (at, id), one page after `before`. One more row than asked tells whether an
   * older page follows. Served by the (workspace_id, at) index.
   */
  othersInWorkspace(workspaceId: string, patientUserId: string, page: OthersPage) {
    return this.prisma.auditLog.findMany({
      where: {
        workspaceId,
        actorUserId: { not: null },
        NOT: { actorUserId: patientUserId },
        ...(page.party ? { actorParty: page.party } : {}),
        ...(page.before
          ? {
              OR: [
                { at: { lt: page.before.at } },
                { at: page.before.at, id: { lt: page.before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: page.take,
      select: {
        id: true,
        at: true,
        actorUserId: true,
        actorParty: true,
        actorOrganisationId: true,
        action: true,
        outcome: true,
        resourceType: true,
        resourceId: true,
      },
    });
  }

  /**
   * The same rows grouped by person, party, organisation, action, outcome and calendar day
   * in Sweden, newest group first by its last (at, id); a page holds the groups whose last
   * row is older than `before`. Every row is in exactly one group and every group has one
   * last id, so the pages neither repeat nor skip a group.
   */
  async othersGrouped(
    workspaceId: string,
    patientUserId: string,
    page: OthersPage,
  ): Promise<AccessLogGroupRow[]> {
    const party = page.party ? Prisma.sql`AND actor_party = ${page.party}::party` : Prisma.empty;
    const before = page.before
      ? Prisma.sql`HAVING (max(at), max(id)) < (${page.before.at}::timestamptz, ${page.before.id})`
      : Prisma.empty;
    return this.prisma.$queryRaw<AccessLogGroupRow[]>`
      SELECT actor_user_id::text AS "userId",
             actor_party::text AS party,
             actor_organisation_id::text AS "organisationId",
             action,
             outcome::text AS outcome,
             to_char((at AT TIME ZONE 'Europe/Stockholm')::date, 'YYYY-MM-DD') AS day,
             count(*)::int AS count,
             min(at) AS "firstAt",
             max(at) AS "lastAt",
             max(id) AS "lastId"
        FROM audit_log
       WHERE workspace_id = ${workspaceId}::uuid
         AND actor_user_id IS NOT NULL
         AND actor_user_id <> ${patientUserId}::uuid
         ${party}
       GROUP BY actor_user_id, actor_party, actor_organisation_id, action, outcome, day
       ${before}
       ORDER BY max(at) DESC, max(id) DESC
       LIMIT ${page.take}`;
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

export interface OthersPage {
  readonly before: AccessLogPosition | undefined;
  readonly party: ConsentParty | undefined;
  readonly take: number;
}

export interface AccessLogGroupRow {
  readonly userId: string;
  readonly party: Party | null;
  readonly organisationId: string | null;
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly day: string;
  readonly count: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly lastId: bigint;
}
