import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';

// Where work is expensive or data is probed, each caller gets a budget per window, by user
// and by client address (issue 19, item 2). One table of budgets; routes name their kind.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Budget {
  readonly limit: number;
  readonly ttl: number;
}

export const RATE_LIMITS = {
  /** Opening a case creates a patient, a workspace and its deadline tasks. */
  caseOpening: { user: { limit: 20, ttl: HOUR }, address: { limit: 60, ttl: HOUR } },
  /** Uploads stream up to 20 MB each through the type check into storage. */
  upload: { user: { limit: 60, ttl: 10 * MINUTE }, address: { limit: 120, ttl: 10 * MINUTE } },
  /** Answering an e-mailed link (a case opening): a token is guessed only by trying. */
  linkAnswer: { user: { limit: 30, ttl: 10 * MINUTE }, address: { limit: 60, ttl: 10 * MINUTE } },
  /** Invitations bring people into a case. */
  invitation: { user: { limit: 30, ttl: HOUR }, address: { limit: 60, ttl: HOUR } },
  /** Session renewal (no user is known yet: counted by address in both). */
  sessionRefresh: {
    user: { limit: 60, ttl: 10 * MINUTE },
    address: { limit: 120, ttl: 10 * MINUTE },
  },
  /** A plan save merges, diffs and writes a revision. */
  planSave: { user: { limit: 120, ttl: 10 * MINUTE }, address: { limit: 240, ttl: 10 * MINUTE } },
  /** Reads that scan a case's history (events, access log, revisions). */
  largeRead: { user: { limit: 300, ttl: MINUTE }, address: { limit: 600, ttl: MINUTE } },
  /**
   * Asking for a password-reset link and using one: each request may send an e-mail, and
   * the answer must not become a way to probe addresses (no user yet: by address in both).
   */
  passwordReset: { user: { limit: 10, ttl: HOUR }, address: { limit: 10, ttl: HOUR } },
} as const satisfies Readonly<Record<string, { user: Budget; address: Budget }>>;

/**
 * Reset links one account may be sent per window, whoever asks (so nobody can flood an
 * inbox from many addresses). Over it the request is answered exactly as any other (202,
 * no enumeration) and no mail is sent.
 */
export const PASSWORD_RESETS_PER_ACCOUNT = { limit: 3, ttl: HOUR } as const satisfies Budget;

export type RateLimitKind = keyof typeof RATE_LIMITS;

export const RATE_LIMIT_KIND = 'atergang:rate-limit-kind';

/** Gives the route its kind's budget (routes without one are not rate limited here). */
export const RateLimit = (kind: RateLimitKind) =>
  applyDecorators(Throttle(RATE_LIMITS[kind]), SetMetadata(RATE_LIMIT_KIND, kind));
