import { attemptKeys, attemptWait, THROTTLE_RULES, WINDOW_MS } from './login-limits';

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const times = (count: number, secondsAgo = 1) =>
  Array.from({ length: count }, () => ago(secondsAgo));
const none = { pair: [], address: [], accountFromUnknown: [], addressKnown: false };

describe('sign-in limits', () => {
  it('lets the first failures of an account from one address through, then doubles the wait', () => {
    const free = THROTTLE_RULES.pairFreeFailures;
    expect(attemptWait({ ...none, pair: times(free - 1) }, NOW)).toBe(0);
    // The free ones are used up: 2 s after the last failure, then 4, 8, …
    expect(attemptWait({ ...none, pair: times(free, 0) }, NOW)).toBe(2);
    expect(attemptWait({ ...none, pair: times(free + 1, 0) }, NOW)).toBe(4);
    expect(attemptWait({ ...none, pair: times(free + 3, 0) }, NOW)).toBe(16);
    // Once waited, the next attempt may go.
    expect(attemptWait({ ...none, pair: times(free + 1, 5) }, NOW)).toBe(0);
    // Never longer than the window.
    expect(attemptWait({ ...none, pair: times(free + 30, 0) }, NOW)).toBe(WINDOW_MS / 1000);
  });

  it('gives one address a budget across accounts (password spraying)', () => {
    const max = THROTTLE_RULES.addressMaxFailures;
    expect(attemptWait({ ...none, address: times(max - 1) }, NOW)).toBe(0);
    const wait = attemptWait({ ...none, address: [ago(60), ...times(max - 1)] }, NOW);
    expect(wait).toBe(WINDOW_MS / 1000 - 60);
  });

  it('slows attempts on an account from unknown addresses, never from one it signed in from', () => {
    const many = times(THROTTLE_RULES.accountFreeFailures + 4, 0);
    expect(attemptWait({ ...none, accountFromUnknown: many }, NOW)).toBeGreaterThan(0);
    expect(attemptWait({ ...none, accountFromUnknown: many, addressKnown: true }, NOW)).toBe(0);
  });

  it('counts an account by its e-mail in any case, and keeps no e-mail in a key', () => {
    const a = attemptKeys(' Lakare@Atergang.test ', '10.0.0.1');
    const b = attemptKeys('lakare@atergang.test', '10.0.0.2');
    expect(a.account).toBe(b.account);
    expect(a.pair).not.toBe(b.pair);
    expect(JSON.stringify(a)).not.toContain('lakare');
  });
});
