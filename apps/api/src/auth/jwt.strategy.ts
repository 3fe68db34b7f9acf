import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ACCESS_TOKEN_ALGORITHMS, accessTokenKey } from './access-token.key';
import type { AccessTokenClaims, SessionUser } from './auth.types';
import { unauthenticated } from './auth.errors';
import { SessionCheck } from './session-check';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionCheck,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // The shared prebuilt key (access-token.key.ts). jsonwebtoken 9 takes a KeyObject;
      // passport-jwt's type declarations predate that, hence the cast.
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      ignoreExpiration: false,
    });
  }

  /** A verified token is good only while its session is (session-check.ts): `request.user`. */
  async validate(claims: Partial<AccessTokenClaims>): Promise<SessionUser> {
    const session = await this.sessions.caller(claims);
    if (!session) {
      throw unauthenticated();
    }
    return session.user;
  }
}
