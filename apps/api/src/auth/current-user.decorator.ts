import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser, SessionUser } from './auth.types';
import { unauthenticated } from './auth.errors';

/** The signed-in caller (set by the global JwtAuthGuard or the login guard). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    if (!request.user) {
      throw unauthenticated();
    }
    return request.user;
  },
);

/**
 * The signed-in caller with their session (for routes that end or keep sessions). Only the
 * JWT strategy sets a session on `request.user`; without one this is a 401.
 */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionUser => {
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: Partial<SessionUser> }>();
    const user = request.user;
    if (!user || typeof user.sessionId !== 'string') {
      throw unauthenticated();
    }
    return user as SessionUser;
  },
);
