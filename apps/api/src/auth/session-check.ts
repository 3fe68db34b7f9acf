import { Injectable } from '@nestjs/common';
import { databaseUnavailable, isDatabaseUnavailable } from '../prisma/persistence-errors';
import { AuthRepository } from './auth.repository';
import type { AccessTokenClaims, SessionUser } from './auth.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A caller and the refresh token their access token was issued with. */
export interface NamedSession {
  readonly user: SessionUser;
  readonly tokenId: string;
}

/** The session verified claims name, or null when they do not name one (an old token). */
export function sessionClaims(claims: Partial<AccessTokenClaims>): NamedSession | null {
  if (
    !isUuid(claims.sub) ||
    typeof claims.name !== 'string' ||
    typeof claims.email !== 'string' ||
    !isUuid(claims.sid) ||
    !isUuid(claims.rid)
  ) {
    return null;
  }
  return {
    user: { id: claims.sub, name: claims.name, email: claims.email, sessionId: claims.sid },
    tokenId: claims.rid,
  };
}

/**
 * The step after a signature check, on HTTP (jwt.strategy.ts) and on sockets
 * (access-token.verifier.ts) alike: an access token is good only while its session is. A
 * signed, unexpired token of a session that was ended (logout, "sign out everywhere", a
 * password change or reset) or of a disabled account is refused on its next use, not 15
 * minutes later. One indexed statement per request (AuthRepository.isSessionLive).
 */
@Injectable()
export class SessionCheck {
  constructor(private readonly repository: AuthRepository) {}

  /**
   * The caller, or null when the claims name no live session. A database that cannot be
   * reached is a 503 (ApiError), not a refusal: the session may well be live.
   */
  async caller(claims: Partial<AccessTokenClaims>): Promise<NamedSession | null> {
    const named = sessionClaims(claims);
    return named && (await this.isLive(named)) ? named : null;
  }

  /** Whether the named session is still live (a socket checks again before a join). */
  async isLive(named: NamedSession): Promise<boolean> {
    try {
      return await this.repository.isSessionLive({
        userId: named.user.id,
        sessionId: named.user.sessionId,
        tokenId: named.tokenId,
      });
    } catch (error: unknown) {
      if (isDatabaseUnavailable(error)) throw databaseUnavailable();
      throw error;
    }
  }

  /** Of the sessions given, those still live (open sockets' periodic check). */
  liveSessions(sessionIds: readonly string[]): Promise<Set<string>> {
    return this.repository.liveSessions(sessionIds);
  }
}
