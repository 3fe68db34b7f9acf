import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ACCESS_TOKEN_ALGORITHMS, accessTokenKey } from './access-token.key';
import type { AccessTokenClaims, AuthenticatedUser } from './auth.types';

/** Maps verified access-token claims to the caller; HTTP (passport-jwt) and sockets share it. */
export function userFromClaims(claims: Partial<AccessTokenClaims>): AuthenticatedUser | null {
  if (
    typeof claims.sub !== 'string' ||
    typeof claims.name !== 'string' ||
    typeof claims.email !== 'string'
  ) {
    return null;
  }
  return { id: claims.sub, name: claims.name, email: claims.email };
}

/**
 * Verifies an access token outside an HTTP request (the socket handshake), with the same
 * prebuilt key and algorithms as the HTTP strategy (access-token.key.ts).
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(token: string): Promise<AuthenticatedUser | null> {
    try {
      return userFromClaims(
        await this.jwt.verifyAsync<AccessTokenClaims>(token, {
          // jsonwebtoken 9 takes a KeyObject; @nestjs/jwt's types say string or Buffer.
          secret: accessTokenKey(this.config.jwtSecret) as unknown as string,
          algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        }),
      );
    } catch {
      return null;
    }
  }
}
