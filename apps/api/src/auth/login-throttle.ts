import { Injectable } from '@nestjs/common';
import { AuthRepository } from './auth.repository';
import { tooManyAttempts } from './auth.errors';
import { attemptKeys, attemptWait } from './login-limits';

// Limits on guessing passwords, kept in PostgreSQL so every API instance enforces the same
// count. An attempt is counted BEFORE its password is verified, in one serialised step per
// account, so concurrent guesses cannot slip past the limit. Three throttles:
// - one account from one address: after a few failures, each further attempt waits twice as
//   long as the one before (the person who mistypes is slowed, a guesser is stopped);
// - one address across accounts (password spraying): a fixed budget per window;
// - one account from addresses that never signed in to it: also growing delays, so a
//   distributed attack is slowed — but these never apply to an address that has signed in to
//   the account before, so a stranger cannot lock the doctor out of her own computer.

/** A counted attempt, to settle once the password has been checked. */
export interface CountedAttempt {
  readonly keys: ReturnType<typeof attemptKeys>;
  readonly failureIds: readonly bigint[];
}

@Injectable()
export class LoginThrottle {
  constructor(private readonly repository: AuthRepository) {}

  /**
   * Counts the attempt as a failure before its password is checked (429 when it must wait),
   * serialised per account so that concurrent guesses are all counted.
   */
  async begin(email: string, ip: string | null): Promise<CountedAttempt> {
    const keys = attemptKeys(email, ip);
    const now = new Date();
    const outcome = await this.repository.countAttempt(keys, now, (history) =>
      attemptWait(history, now),
    );
    if (outcome.wait > 0) {
      throw tooManyAttempts(outcome.wait);
    }
    return { keys, failureIds: outcome.failureIds };
  }

  /** The password was right: the attempt was no failure, and the address is known now. */
  succeeded(attempt: CountedAttempt): Promise<void> {
    return this.repository.settleSuccess(attempt.keys, attempt.failureIds);
  }
}
