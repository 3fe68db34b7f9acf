import { isClientAbort } from './problem-details.filter';

describe('a client that hangs up', () => {
  const open = { raw: { aborted: false } };

  it('is told from a failure of ours, so it is logged at info, not as a 500', () => {
    expect(isClientAbort(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), open)).toBe(
      true,
    );
    expect(
      isClientAbort(Object.assign(new Error('x'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }), open),
    ).toBe(true);
    expect(isClientAbort(new Error('x'), { raw: { aborted: true } })).toBe(true);
    expect(isClientAbort(new Error('database down'), open)).toBe(false);
    expect(isClientAbort(Object.assign(new Error('x'), { code: 'P1001' }), open)).toBe(false);
  });
});
