import { createHash } from 'node:crypto';

// The pure part of the sign-in limits (login-throttle.ts): the rules, the keys attempts are
// counted under, and how long an attempt must wait given the recent failures.

const MINUTE = 60_000;
export const WINDOW_MS = 15 * MINUTE;
/** How long an address that signed in to an account counts as known to it. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE;

export interface ThrottleRules {
  /** Free failures of one account from one address before delays start. */
  readonly pairFreeFailures: number;
  /** Failures from one address across all accounts within the window. */
  readonly addressMaxFailures: number;
  /** Free failures of one account from unknown addresses before delays start. */
  readonly accountFreeFailures: number;
}

export const THROTTLE_RULES: ThrottleRules = {
  pairFreeFailures: 5,
  addressMaxFailures: 20,
  accountFreeFailures: 10,
};

/** The recent failures (oldest first) an attempt is judged by, and whether its address is known. */
export interface AttemptHistory {
  readonly pair: readonly Date[];
  readonly address: readonly Date[];
  readonly accountFromUnknown: readonly Date[];
  readonly addressKnown: boolean;
}

/** Seconds to wait after `failures` (the last one at the end): 2, 4, 8, … past the free ones. */
function growingDelay(failures: readonly Date[], free: number, now: Date): number {
  const beyond = failures.length - free;
  const last = failures.at(-1);
  if (beyond < 0 || !last) return 0;
  const delayMs = Math.min(WINDOW_MS, 1000 * 2 ** (beyond + 1));
  const waited = now.getTime() - last.getTime();
  return waited >= delayMs ? 0 : Math.ceil((delayMs - waited) / 1000);
}

/** Seconds until the oldest failure of a full budget ages out of the window, or 0. */
function budgetWait(failures: readonly Date[], max: number, now: Date): number {
  if (failures.length < max) return 0;
  const unlocking = failures[failures.length - max];
  if (!unlocking) return 0;
  return Math.max(1, Math.ceil((unlocking.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

/** Seconds before this attempt may be verified (0: now), from the recent failures. */
export function attemptWait(history: AttemptHistory, now: Date, rules = THROTTLE_RULES): number {
  return Math.max(
    growingDelay(history.pair, rules.pairFreeFailures, now),
    budgetWait(history.address, rules.addressMaxFailures, now),
    history.addressKnown
      ? 0
      : growingDelay(history.accountFromUnknown, rules.accountFreeFailures, now),
  );
}

const hash = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The keys an attempt is counted under; e-mail addresses are stored hashed. */
export function attemptKeys(email: string, ip: string | null) {
  const account = hash(email.trim().toLowerCase());
  const address = ip ?? 'unknown';
  return {
    lock: account,
    pair: `pair:${account}:${hash(address)}`,
    address: `address:${address}`,
    account: `account:${account}`,
    known: `known:${account}:${hash(address)}`,
  };
}
