import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { passwordNotAcceptable } from './auth.errors';

/**
 * What a new password must meet, in one place: invitation acceptance, change and reset all
 * call `assertAcceptablePassword`. The rule follows NIST SP 800-63B §3.1.1.2: a minimum
 * length, a generous maximum, no composition rules, and a check against guessable
 * passwords. zxcvbn estimates guessability from common passwords, names, keyboard
 * patterns, dates and l33t; score 3 ("safely unguessable", ~10^8 guesses) is the bar, as
 * zxcvbn's authors recommend for accounts protected by online rate limits.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length, but an unbounded input is a cheap denial of service. */
export const PASSWORD_MAX_LENGTH = 256;
const MIN_SCORE = 3;
/** zxcvbn's cost grows with length; past this the length alone makes it unguessable. */
const SCORED_PREFIX = 100;

// Built once: the common dictionaries are large, and the factory is stateless per check.
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/**
 * Throws a 422 problem (ApiError, code PASSWORD_NOT_ACCEPTABLE, `errors: [{path, message}]`)
 * when `password` is not acceptable. `context` holds what the account owner's password must
 * not lean on (their name and e-mail), so "AnnaAndersson" does not pass for Anna.
 */
export function assertAcceptablePassword(
  password: string,
  path: string,
  context: readonly string[],
): void {
  const message = passwordProblem(password, context);
  if (message !== null) {
    throw passwordNotAcceptable(path, message);
  }
}

/** The reason a password is refused, or null. Exported for tests and for a strength meter. */
export function passwordProblem(password: string, context: readonly string[]): string | null {
  // Counted in code points so a password of emoji is not measured in UTF-16 halves.
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  const result = estimator.check(password.slice(0, SCORED_PREFIX), userInputs(context));
  return result.score < MIN_SCORE ? 'is too easy to guess' : null;
}

/** The context words as zxcvbn matches them: whole values plus their name and e-mail parts. */
function userInputs(context: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of context) {
    const trimmed = value.trim().toLowerCase();
    if (trimmed === '') continue;
    words.add(trimmed);
    for (const part of trimmed.split(/[\s@._+-]+/u)) {
      if (part.length >= 3) words.add(part);
    }
  }
  return [...words];
}
