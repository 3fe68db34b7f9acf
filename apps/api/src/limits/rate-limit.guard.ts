import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError } from '../common/api-error';
import { RATE_LIMIT_KIND } from './rate-limits';

/** Over a budget: 429 problem with Retry-After. */
export const rateLimited = (retryAfterSeconds: number): ApiError =>
  new ApiError(
    429,
    'RATE_LIMITED',
    `Too many requests of this kind. Try again in ${retryAfterSeconds} seconds.`,
    {
      headers: { 'retry-after': String(retryAfterSeconds) },
      extensions: { retryAfter: retryAfterSeconds },
    },
  );

/**
 * The throttler, only on routes that name a rate-limit kind (`@RateLimit`): other routes pay
 * no counter. Runs after the authentication guard, so the user is known when there is one.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const kind: unknown = this.reflector.getAllAndOverride(RATE_LIMIT_KIND, [
      context.getHandler(),
      context.getClass(),
    ]);
    return kind === undefined || (await super.shouldSkip(context));
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw rateLimited(Math.max(1, detail.timeToBlockExpire));
  }
}
