import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { type AttemptHistory, type attemptKeys, KNOWN_ADDRESS_MS, WINDOW_MS } from './login-limits';

type AttemptKeys = ReturnType<typeof attemptKeys>;
import type { Tx } from '../prisma/transaction';

export interface StoredRefreshToken {
  readonly id: string;
  readonly userId: string;
  readonly familyId: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly replacedById: string | null;
}

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  findLoginUser(email: string) {
    return this.prisma.user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true, name: true, email: true, passwordHash: true, disabledAt: true },
    });
  }

  findActiveUser(id: string) {
    return this.prisma.user.findFirst({
      where: { id, disabledAt: null },
      select: { id: true, name: true, email: true },
    });
  }

  /** The user with organisations, roles and the parties they act for in workspaces. */
  findProfile(id: string) {
    return this.prisma.user.findUnique({
      where: { id },
      select: {
        id: true,
        name: true,
        email: true,
        memberships: {
          select: { role: true, organisation: { select: { id: true, name: true, kind: true } } },
          orderBy: { createdAt: 'asc' },
        },
        participations: {
          where: { removedAt: null },
          select: { workspaceId: true, party: true },
          orderBy: { joinedAt: 'asc' },
        },
      },
    });
  }

  // --- e-ID (OIDC) identities ---

  findUserByIdentity(issuer: string, subject: string) {
    return this.prisma.userIdentity.findUnique({
      where: { issuer_subject: { issuer, subject } },
      select: { user: { select: { id: true, name: true, email: true, disabledAt: true } } },
    });
  }

  findUserByPersonnummer(personnummer: string) {
    return this.prisma.user.findUnique({
      where: { personnummer },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
  }

  findUserByHsaId(hsaId: string) {
    return this.prisma.user.findUnique({
      where: { hsaId },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
  }

  async linkIdentity(userId: string, issuer: string, subject: string): Promise<void> {
    await this.prisma.userIdentity.upsert({
      where: { issuer_subject: { issuer, subject } },
      create: { userId, issuer, subject, lastLoginAt: new Date() },
      update: { lastLoginAt: new Date() },
    });
  }

  // --- refresh tokens ---

  async createRefreshToken(
    tx: Tx,
    token: {
      userId: string;
      tokenHash: string;
      familyId: string;
      expiresAt: Date;
      userAgent: string | null;
    },
  ): Promise<{ id: string }> {
    return tx.refreshToken.create({ data: token, select: { id: true } });
  }

  /** Locks the row so two concurrent refreshes of one token cannot both rotate it. */
  async findRefreshTokenForUpdate(tx: Tx, tokenHash: string): Promise<StoredRefreshToken | null> {
    const rows = await tx.$queryRaw<
      {
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        revoked_at: Date | null;
        replaced_by_id: string | null;
      }[]
    >`SELECT id, user_id, family_id, expires_at, revoked_at, replaced_by_id
      FROM refresh_tokens WHERE token_hash = ${tokenHash} FOR UPDATE`;
    const row = rows[0];
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          familyId: row.family_id,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
          replacedById: row.replaced_by_id,
        }
      : null;
  }

  async markRotated(tx: Tx, id: string, replacedById: string): Promise<void> {
    await tx.refreshToken.update({ where: { id }, data: { revokedAt: new Date(), replacedById } });
  }

  async revokeFamily(tx: Tx, familyId: string): Promise<void> {
    await tx.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  // --- failed logins (shared by all instances, so the limit holds behind a load balancer) ---

  /**
   * Judges and counts one sign-in attempt in a single step serialised per account (an
   * advisory lock until commit): the recent failures are read, `decide` says how long the
   * attempt must wait, and an attempt that may go on is counted as a failure at once, before
   * its password is checked (settleSuccess takes it back). Returns the wait and the rows.
   */
  async countAttempt(
    keys: AttemptKeys,
    now: Date,
    decide: (history: AttemptHistory) => number,
  ): Promise<{ wait: number; failureIds: bigint[] }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${keys.lock}, 0))`;
      const since = new Date(now.getTime() - WINDOW_MS);
      const times = async (key: string): Promise<Date[]> =>
        (
          await tx.loginFailure.findMany({
            where: { key, at: { gt: since } },
            orderBy: { at: 'asc' },
            select: { at: true },
          })
        ).map((row) => row.at);
      const addressKnown =
        (await tx.loginFailure.count({
          where: { key: keys.known, at: { gt: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
        })) > 0;
      const history: AttemptHistory = {
        pair: await times(keys.pair),
        address: await times(keys.address),
        accountFromUnknown: await times(keys.account),
        addressKnown,
      };
      const wait = decide(history);
      if (wait > 0) return { wait, failureIds: [] };
      const counted = [keys.pair, keys.address, ...(addressKnown ? [] : [keys.account])];
      const rows = await tx.loginFailure.createManyAndReturn({
        data: counted.map((key) => ({ key, at: now })),
        select: { id: true },
      });
      return { wait: 0, failureIds: rows.map((row) => row.id) };
    });
  }

  /** A right password: the attempt was no failure, the pair starts over, the address is known. */
  async settleSuccess(keys: AttemptKeys, failureIds: readonly bigint[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.loginFailure.deleteMany({
        where: { OR: [{ id: { in: [...failureIds] } }, { key: { in: [keys.pair, keys.known] } }] },
      }),
      this.prisma.loginFailure.create({ data: { key: keys.known } }),
    ]);
  }
}
