import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '../common/api-error';
import { IS_PUBLIC_KEY } from '../common/public.decorator';
import { unauthenticated } from './auth.errors';

/**
 * The global, default-deny guard: every route needs a valid access token unless it is
 * explicitly marked @Public(). It fails closed: any error in verification is a 401 (but an
 * unreachable database, which is a 503). The strategy checks the token's session too.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) {
      return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // The one failure that is no refusal: the session could not be checked because the
    // database is unreachable (503, retry). Anything else fails closed.
    if (error instanceof ApiError && error.code === 'DATABASE_UNAVAILABLE') {
      throw error;
    }
    if (error || !user) {
      throw unauthenticated();
    }
    return user;
  }
}
