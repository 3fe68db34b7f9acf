import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ACCESS_TOKEN_ALGORITHMS, accessTokenKey } from './access-token.key';
import { userFromClaims } from './access-token.verifier';
import type { AccessTokenClaims, AuthenticatedUser } from './auth.types';
import { unauthenticated } from './auth.errors';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // The shared prebuilt key (access-token.key.ts). jsonwebtoken 9 takes a KeyObject;
      // passport-jwt's type declarations predate that, hence the cast.
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      ignoreExpiration: false,
    });
  }

  validate(claims: Partial<AccessTokenClaims>): AuthenticatedUser {
    const user = userFromClaims(claims);
    if (!user) {
      throw unauthenticated();
    }
    return user;
  }
}
