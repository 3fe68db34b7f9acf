import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import { tooManyAttempts } from './auth.errors';

export interface ThrottleRule {
  readonly maxFailures: number;
  readonly windowMs: number;
}

// Five wrong passwords per account, or twenty per client address, within 15 minutes.
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000 };

/**
 * Seconds until another attempt is allowed, or 0 when it is allowed now: once the limit
 * is reached, the oldest failure in the window has to age out first.
 */
export function retryAfterSeconds(
  failures: readonly Date[],
  rule: ThrottleRule,
  now: Date,
): number {
  const windowStart = now.getTime() - rule.windowMs;
  const recent = failures.filter((at) => at.getTime() > windowStart);
  if (recent.length < rule.maxFailures) {
    return 0;
  }
  const unlockingFailure = recent[recent.length - rule.maxFailures];
  if (!unlockingFailure) {
    return 0;
  }
  return Math.max(
    1,
    Math.ceil((unlockingFailure.getTime() + rule.windowMs - now.getTime()) / 1000),
  );
}

const accountKey = (email: string): string =>
  `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
const addressKey = (ip: string | null): string => `address:${ip ?? 'unknown'}`;

/** Failed-login limits kept in PostgreSQL, so every API instance enforces the same count. */
@Injectable()
export class LoginThrottle {
  constructor(private readonly repository: AuthRepository) {}

  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const now = new Date();
    const since = new Date(now.getTime() - ACCOUNT_RULE.windowMs);
    const [account, address] = await Promise.all([
      this.repository.loginFailuresSince(accountKey(email), since),
      this.repository.loginFailuresSince(addressKey(ip), since),
    ]);
    const wait = Math.max(
      retryAfterSeconds(account, ACCOUNT_RULE, now),
      retryAfterSeconds(address, ADDRESS_RULE, now),
    );
    if (wait > 0) {
      throw tooManyAttempts(wait);
    }
  }

  recordFailure(email: string, ip: string | null): Promise<void> {
    return this.repository.recordLoginFailure([accountKey(email), addressKey(ip)]);
  }

  recordSuccess(email: string): Promise<void> {
    return this.repository.clearLoginFailures(accountKey(email));
  }
}
