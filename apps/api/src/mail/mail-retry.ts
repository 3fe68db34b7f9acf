/**
 * When a message is tried again. Each failed attempt doubles the wait (30 s, 1 min, 2 min, …)
 * up to an hour; after the tenth failure the message is given up (FAILED), about three hours
 * after the first try: long enough to ride out an SMTP server's restart or a relay's
 * greylisting, short enough that an invitation's link is still worth having.
 */
export const MAIL_RETRY = {
  maxAttempts: 10,
  firstDelaySeconds: 30,
  maxDelaySeconds: 60 * 60,
} as const;
// How long a claimed message is kept from other workers while one sends it is MAIL_LEASE_SECONDS
// (default 300): well above the longest a send may take (MAIL_SMTP_TIMEOUTS together), so a
// slow send is never doubled; when the worker died, the message is claimed again after it.

/** The SMTP client's limits (nodemailer), so a hung server cannot hold a claim forever. */
export const MAIL_SMTP_TIMEOUTS = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
} as const;

/**
 * Seconds until the next attempt after `attemptsMade` attempts have failed, or undefined
 * when the message is given up.
 */
export function retryDelaySeconds(attemptsMade: number): number | undefined {
  if (attemptsMade >= MAIL_RETRY.maxAttempts) return undefined;
  const exponent = Math.max(0, attemptsMade - 1);
  return Math.min(MAIL_RETRY.firstDelaySeconds * 2 ** exponent, MAIL_RETRY.maxDelaySeconds);
}
