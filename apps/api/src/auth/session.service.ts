import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TransactionRunner, type Tx } from '../prisma/transaction';
import { AuthRepository } from './auth.repository';
import { invalidRefreshToken } from './auth.errors';
import type { AccessTokenClaims, AuthenticatedUser } from './auth.types';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

export interface IssuedSession {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Short-lived JWT access tokens and rotating refresh tokens. Refresh tokens are opaque,
 * stored only as hashes, and single-use: presenting one that was already rotated or
 * revoked is treated as theft and ends the whole session family.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly repository: AuthRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async start(user: AuthenticatedUser, userAgent: string | null): Promise<IssuedSession> {
    return this.transactions.run(async ({ tx }) => {
      const refreshToken = randomBytes(32).toString('base64url');
      const refreshExpiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_MS);
      const familyId = randomUUID();
      const created = await this.repository.createRefreshToken(tx, {
        userId: user.id,
        tokenHash: sha256(refreshToken),
        familyId,
        expiresAt: refreshExpiresAt,
        userAgent,
      });
      return {
        ...(await this.accessTokenFor(user, familyId, created.id)),
        refreshToken,
        refreshExpiresAt,
      };
    });
  }

  async rotate(
    presented: string,
    userAgent: string | null,
  ): Promise<{ session: IssuedSession; user: AuthenticatedUser }> {
    const outcome = await this.transactions.run(async ({ tx }) => {
      const stored = await this.repository.findRefreshTokenForUpdate(tx, sha256(presented));
      if (!stored) {
        return { kind: 'invalid' as const };
      }
      if (stored.revokedAt || stored.replacedById) {
        await this.repository.revokeFamily(tx, stored.familyId);
        return { kind: 'reused' as const };
      }
      if (stored.expiresAt.getTime() <= Date.now()) {
        return { kind: 'invalid' as const };
      }
      const user = await this.repository.findActiveUser(stored.userId);
      if (!user) {
        await this.repository.revokeFamily(tx, stored.familyId);
        return { kind: 'invalid' as const };
      }
      const refreshToken = randomBytes(32).toString('base64url');
      const refreshExpiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_MS);
      const next = await this.repository.createRefreshToken(tx, {
        userId: stored.userId,
        tokenHash: sha256(refreshToken),
        familyId: stored.familyId,
        expiresAt: refreshExpiresAt,
        userAgent,
      });
      await this.repository.markRotated(tx, stored.id, next.id);
      return {
        kind: 'rotated' as const,
        user,
        refreshToken,
        refreshExpiresAt,
        familyId: stored.familyId,
        tokenId: next.id,
      };
    });
    // The family revocation above must commit, so the refusal is raised after the transaction.
    if (outcome.kind !== 'rotated') {
      throw invalidRefreshToken();
    }
    const { user, refreshToken, refreshExpiresAt, familyId, tokenId } = outcome;
    return {
      user,
      session: {
        ...(await this.accessTokenFor(user, familyId, tokenId)),
        refreshToken,
        refreshExpiresAt,
      },
    };
  }

  /**
   * The session (refresh-token family) a presented refresh token belongs to, locked in the
   * unit for its end, with the owner; null for a token we never issued.
   */
  sessionOf(
    tx: Tx,
    presented: string,
  ): Promise<{ sessionId: string; userId: string; name: string } | null> {
    return this.repository.findSessionOfToken(tx, sha256(presented));
  }

  /**
   * An access token names its session (`sid`, the refresh-token family) and the refresh
   * token it was issued with (`rid`): each use is checked against them (session-check.ts).
   */
  private async accessTokenFor(
    user: AuthenticatedUser,
    sessionId: string,
    tokenId: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      name: user.name,
      email: user.email,
      sid: sessionId,
      rid: tokenId,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
