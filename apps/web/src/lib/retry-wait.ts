/**
 * How long to wait before trying again, as a phrase for "Du kan försöka igen …": from a
 * problem's `retryAfter` (seconds, as in its Retry-After header). Whole minutes from 90
 * seconds on, rounded up, so the wait said is never shorter than the real one.
 */
export function retryWaitPhrase(retryAfterSeconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language === 'en' ? 'en' : 'sv', {
    numeric: 'always',
  });
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return seconds < 90
    ? format.format(seconds, 'second')
    : format.format(Math.ceil(seconds / 60), 'minute');
}

/** The problem's `retryAfter` when it has a usable one. */
export function retryAfterOf(problem: Record<string, unknown> | null | undefined): number | null {
  const value = problem?.['retryAfter'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
