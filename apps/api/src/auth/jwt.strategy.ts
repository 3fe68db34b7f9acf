import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { userFromClaims } from './access-token.verifier';
import type { AccessTokenClaims, AuthenticatedUser } from './auth.types';
import { unauthenticated } from './auth.errors';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A prebuilt key object: given a string, jsonwebtoken derives one on every verification
      // (≈7 % of the API's CPU under load, bench/results). jsonwebtoken 9 takes a KeyObject;
      // passport-jwt's type declarations predate that, hence the cast.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
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
