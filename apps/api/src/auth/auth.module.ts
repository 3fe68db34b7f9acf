import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { DEFAULT_OIDC_OPTIONS, OIDC_OPTIONS } from './oidc-claims';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { PasswordHasher } from './password-hasher';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordsController } from './passwords.controller';
import { PasswordsService } from './passwords.service';
import { SessionCheck } from './session-check';
import { SessionRevocation } from './session-revocation';
import { SessionSockets } from './session-sockets';
import { SessionService } from './session.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, OidcController, PasswordsController],
  providers: [
    AuthService,
    AuthRepository,
    SessionService,
    SessionCheck,
    SessionSockets,
    SessionRevocation,
    PasswordHasher,
    PasswordsService,
    PasswordResetRepository,
    LoginThrottle,
    JwtStrategy,
    LocalStrategy,
    AccessTokenVerifier,
    OidcService,
    { provide: OIDC_OPTIONS, useValue: DEFAULT_OIDC_OPTIONS },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  // SessionRevocation: other features end sessions (an admin disabling a member);
  // SessionSockets: the live module plugs its socket closer in (live-sessions.ts).
  exports: [AccessTokenVerifier, PasswordHasher, SessionService, SessionRevocation, SessionSockets],
})
export class AuthModule {}
