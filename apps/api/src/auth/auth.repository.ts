import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { type AttemptHistory, type attemptKeys, KNOWN_ADDRESS_MS, WINDOW_MS } from './login-limits';

import type { Tx } from '../prisma/transaction';

type AttemptKeys = ReturnType<typeof attemptKeys>;

/** Rotations followed from an access token's refresh token before it counts as ended. */
const MAX_ROTATIONS_PER_TOKEN = 32;

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

  // --- sessions (a session is a refresh-token family) ---

  /**
   * Whether the session an access token names is live, in one statement (it runs on every
   * authenticated request and socket handshake): the refresh token it was issued with,
   * followed along its rotations by primary key to the family's newest token, is neither
   * revoked nor expired, and the user is not disabled. A family has one row per rotation
   * (hundreds over a month of use); the walk from the token's own row takes one or two
   * index probes, as an access token outlives at most a few rotations. Rotation never
   * revokes the newest row, logout and "sign out everywhere" do (`revokeFamily`), so a
   * chain that ends in a revoked row is an ended session.
   */
  async isSessionLive(session: {
    readonly userId: string;
    readonly sessionId: string;
    readonly tokenId: string;
  }): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ live: boolean }[]>`
      WITH RECURSIVE chain AS (
        SELECT t.id, t.user_id, t.replaced_by_id, t.revoked_at, t.expires_at, 1 AS hops
        FROM refresh_tokens t
        WHERE t.id = ${session.tokenId}::uuid
          AND t.family_id = ${session.sessionId}::uuid
          AND t.user_id = ${session.userId}::uuid
        UNION ALL
        SELECT n.id, n.user_id, n.replaced_by_id, n.revoked_at, n.expires_at, c.hops + 1
        FROM chain c JOIN refresh_tokens n ON n.id = c.replaced_by_id
        WHERE c.hops < ${MAX_ROTATIONS_PER_TOKEN}
      )
      SELECT EXISTS (
        SELECT 1 FROM chain c JOIN users u ON u.id = c.user_id
        WHERE c.replaced_by_id IS NULL AND c.revoked_at IS NULL AND c.expires_at > now()
          AND u.disabled_at IS NULL
      ) AS live`;
    return rows[0]?.live === true;
  }

  /**
   * Of the given sessions, those still live (the periodic check of open sockets: one
   * statement for all of an instance's sockets, once a minute).
   */
  async liveSessions(sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.prisma.$queryRaw<{ family_id: string }[]>`
      SELECT DISTINCT t.family_id FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.family_id = ANY(${[...sessionIds]}::uuid[])
        AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL`;
    return new Set(rows.map((row) => row.family_id));
  }

  /** The session a refresh token belongs to, locked for its end, with its user's name. */
  async findSessionOfToken(
    tx: Tx,
    tokenHash: string,
  ): Promise<{ sessionId: string; userId: string; name: string } | null> {
    const rows = await tx.$queryRaw<{ family_id: string; user_id: string; name: string }[]>`
      SELECT t.family_id, t.user_id, u.name
      FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ${tokenHash} FOR UPDATE OF t`;
    const row = rows[0];
    return row ? { sessionId: row.family_id, userId: row.user_id, name: row.name } : null;
  }

  /** Ends every session of the user, or every one but `keepSessionId`. */
  async revokeSessionsOf(tx: Tx, userId: string, keepSessionId?: string): Promise<void> {
    await tx.refreshToken.updateMany({
      where: {
        userId,
        revokedAt: null,
        ...(keepSessionId === undefined ? {} : { familyId: { not: keepSessionId } }),
      },
      data: { revokedAt: new Date() },
    });
  }

  /** Disables the account (the first disabling time is kept). */
  async disableUser(tx: Tx, userId: string): Promise<void> {
    await tx.user.updateMany({
      where: { id: userId, disabledAt: null },
      data: { disabledAt: new Date() },
    });
  }

  // --- passwords ---

  /** What a password change or reset needs of the account. */
  findPasswordOwner(id: string) {
    return this.prisma.user.findUnique({
      where: { id },
      select: {
        id: true,
        name: true,
        email: true,
        language: true,
        passwordHash: true,
        disabledAt: true,
      },
    });
  }

  findPasswordOwnerByEmail(email: string) {
    return this.prisma.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, name: true, email: true, language: true, disabledAt: true },
    });
  }

  async setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
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
