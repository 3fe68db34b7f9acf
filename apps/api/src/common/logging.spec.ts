import { clientRequestId } from './logging.module';

describe('a client’s own request id', () => {
  it('is kept for the log only when it is a short plain token', () => {
    expect(clientRequestId('abc-123')).toBe('abc-123');
    expect(clientRequestId(['trace:42', 'other'])).toBe('trace:42');
    expect(clientRequestId('<script>alert(1)</script>')).toBeUndefined();
    expect(clientRequestId('x'.repeat(65))).toBeUndefined();
    expect(clientRequestId(undefined)).toBeUndefined();
  });
});
