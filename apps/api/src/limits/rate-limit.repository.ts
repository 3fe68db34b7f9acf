import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { PrismaService } from '../prisma/prisma.service';

/**
 * The throttler's counters in PostgreSQL, so every instance counts the same hits: one
 * upsert per check, atomic under concurrency (the row lock of the key). A fixed window per
 * key; once over the limit the caller is blocked for `blockDuration`. Every limit is scaled
 * by the operator's RATE_LIMIT_FACTOR.
 */
export class RateLimitRepository implements ThrottlerStorage {
  constructor(
    private readonly prisma: PrismaService,
    private readonly factor: number,
  ) {}

  async increment(
    key: string,
    ttl: number,
    budget: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const limit = Math.max(1, Math.round(budget * this.factor));
    const [row] = await this.prisma.$queryRaw<
      { hits: number; windowEndsMs: number; blockedUntilMs: number | null; nowMs: number }[]
    >`
      WITH counted AS (
        INSERT INTO rate_limits AS r (key, hits, window_ends, blocked_until)
        VALUES (${key}, 1, now() + ${ttl} * interval '1 millisecond', NULL)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END,
          window_ends = CASE WHEN r.window_ends <= now()
                             THEN now() + ${ttl} * interval '1 millisecond'
                             ELSE r.window_ends END,
          blocked_until = CASE
            WHEN r.blocked_until > now() THEN r.blocked_until
            WHEN (CASE WHEN r.window_ends <= now() THEN 1 ELSE r.hits + 1 END) > ${limit}
              THEN now() + ${blockDuration} * interval '1 millisecond'
            ELSE NULL END
        RETURNING r.hits, r.window_ends, r.blocked_until
      )
      SELECT hits,
             (extract(epoch FROM window_ends) * 1000)::float8 AS "windowEndsMs",
             (extract(epoch FROM blocked_until) * 1000)::float8 AS "blockedUntilMs",
             (extract(epoch FROM now()) * 1000)::float8 AS "nowMs"
      FROM counted`;
    if (!row) throw new Error('the rate limit upsert returned no row');
    const seconds = (until: number) => Math.max(1, Math.ceil((until - row.nowMs) / 1000));
    const blocked = row.blockedUntilMs !== null && row.blockedUntilMs > row.nowMs;
    return {
      totalHits: row.hits,
      timeToExpire: seconds(row.windowEndsMs),
      isBlocked: blocked,
      timeToBlockExpire: blocked && row.blockedUntilMs !== null ? seconds(row.blockedUntilMs) : 0,
    };
  }
}
