import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
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

/** Verifies an access token outside an HTTP request (the socket handshake). */
@Injectable()
export class AccessTokenVerifier {
  constructor(private readonly jwt: JwtService) {}

  async verify(token: string): Promise<AuthenticatedUser | null> {
    try {
      return userFromClaims(await this.jwt.verifyAsync<AccessTokenClaims>(token));
    } catch {
      return null;
    }
  }
}
