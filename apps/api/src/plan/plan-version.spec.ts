import { expectedVersion } from './plan-version';

// A save says which version it read, so it never silently overwrites a newer one.

describe('the version a save is based on', () => {
  it('comes from If-Match ("3", W/"3" or 3) or the body', () => {
    expect(expectedVersion(undefined, '"3"')).toEqual({ ok: true, version: 3 });
    expect(expectedVersion(undefined, 'W/"3"')).toEqual({ ok: true, version: 3 });
    expect(expectedVersion(undefined, '3')).toEqual({ ok: true, version: 3 });
    expect(expectedVersion(0, undefined)).toEqual({ ok: true, version: 0 });
    expect(expectedVersion(4, '"4"')).toEqual({ ok: true, version: 4 });
  });

  it('is required, must be one version, and must agree when given twice', () => {
    expect(expectedVersion(undefined, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(expectedVersion(undefined, '*')).toEqual({ ok: false, reason: 'missing' });
    expect(expectedVersion(undefined, '"1", "2"')).toEqual({ ok: false, reason: 'invalid' });
    expect(expectedVersion(undefined, '"abc"')).toEqual({ ok: false, reason: 'invalid' });
    expect(expectedVersion(undefined, '"99999999999"')).toEqual({ ok: false, reason: 'invalid' });
    expect(expectedVersion(2, '"3"')).toEqual({ ok: false, reason: 'mismatch' });
  });
});
