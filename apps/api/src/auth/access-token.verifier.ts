import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ACCESS_TOKEN_ALGORITHMS, accessTokenKey } from './access-token.key';
import type { AccessTokenClaims } from './auth.types';
import { type NamedSession, SessionCheck } from './session-check';

/**
 * Verifies an access token outside an HTTP request (the socket handshake), with the same
 * prebuilt key and algorithms as the HTTP strategy (access-token.key.ts) and the same
 * session check (session-check.ts).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionCheck,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The caller, or null for a bad, expired or foreign token and for an ended session.
   * Throws (ApiError 503) only when the database cannot be reached to check the session.
   */
  async verify(token: string): Promise<NamedSession | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        // jsonwebtoken 9 takes a KeyObject; @nestjs/jwt's types say string or Buffer.
        secret: accessTokenKey(this.config.jwtSecret) as unknown as string,
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      });
    } catch {
      return null;
    }
    return this.sessions.caller(claims);
  }

  /** Whether the session is still live (a socket's later requests). */
  isLive(session: NamedSession): Promise<boolean> {
    return this.sessions.isLive(session);
  }

  /** Of the sessions given, those still live (open sockets' periodic check). */
  liveSessions(sessionIds: readonly string[]): Promise<Set<string>> {
    return this.sessions.liveSessions(sessionIds);
  }
}
