import { retryAfterOf, retryWaitPhrase } from '../src/lib/retry-wait';

// The lockout and rate-limit messages say how long to wait (the API's retryAfter), in the
// reader's language, never shorter than the real wait.

describe('the wait before trying again', () => {
  it('says seconds under a minute and a half, in Swedish and English', () => {
    expect(retryWaitPhrase(30, 'sv')).toBe('om 30 sekunder');
    expect(retryWaitPhrase(1, 'en')).toBe('in 1 second');
    expect(retryWaitPhrase(88.4, 'sv')).toBe('om 89 sekunder');
  });

  it('says whole minutes from 90 seconds on, rounded up', () => {
    expect(retryWaitPhrase(90, 'sv')).toBe('om 2 minuter');
    expect(retryWaitPhrase(900, 'sv')).toBe('om 15 minuter');
    expect(retryWaitPhrase(901, 'en')).toBe('in 16 minutes');
  });

  it('reads retryAfter only when it is a positive number', () => {
    expect(retryAfterOf({ retryAfter: 120 })).toBe(120);
    expect(retryAfterOf({ retryAfter: '120' })).toBeNull();
    expect(retryAfterOf({ retryAfter: 0 })).toBeNull();
    expect(retryAfterOf(null)).toBeNull();
  });
});
