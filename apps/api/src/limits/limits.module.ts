import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth/auth.types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { PrismaService } from '../prisma/prisma.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitRepository } from './rate-limit.repository';

type Request = FastifyRequest & { user?: AuthenticatedUser };

/**
 * Rate limits shared by every instance (PostgreSQL). Two throttlers count each limited
 * request: by the signed-in user (by address when there is none) and by the client address
 * (the peer, or what a trusted proxy forwards). Imported after AuthModule, so its guard runs
 * after authentication.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [PrismaService, APP_CONFIG],
      useFactory: (prisma: PrismaService, config: AppConfig) => ({
        storage: new RateLimitRepository(prisma, config.rateLimitFactor),
        setHeaders: false,
        // The defaults are placeholders: every limited route names its kind's budget.
        throttlers: [
          {
            name: 'user',
            limit: 1,
            ttl: 1,
            getTracker: (request: Record<string, unknown>) => {
              const req = request as unknown as Request;
              return req.user ? `user:${req.user.id}` : `ip:${req.ip}`;
            },
          },
          {
            name: 'address',
            limit: 1,
            ttl: 1,
            getTracker: (request: Record<string, unknown>) =>
              `ip:${(request as unknown as Request).ip}`,
          },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class LimitsModule {}
