import { unsafeTextErrors, unsafeTextReason } from './unsafe-text';

describe('text a person may send', () => {
  it.each([
    ['plain Swedish', 'Återgång på 50 %', null],
    ['an emoji (a proper surrogate pair)', 'Bra jobbat 👍', null],
    ['a lone high surrogate', 'a\uD800b', 'lone surrogate'],
    ['a lone low surrogate', '\uDC00', 'lone surrogate'],
    ['a right-to-left override', 'plan\u202Efdp.exe', 'bidirectional'],
    ['a first-strong isolate', '\u2068namn\u2069', 'bidirectional'],
  ])('judges %s', (_name, text, reason) => {
    const verdict = unsafeTextReason(text);
    if (reason === null) expect(verdict).toBeNull();
    else expect(verdict).toContain(reason);
  });

  it('names every refused string by its path, deep in a body', () => {
    expect(
      unsafeTextErrors(
        { title: 'ok', measures: [{ title: 'fine' }, { title: 'x\uD83D' }], notes: ['\u202A'] },
        '',
      ),
    ).toEqual([
      {
        path: 'measures.1.title',
        message: expect.stringContaining('lone surrogate'),
        code: 'unsafe_text',
      },
      { path: 'notes.0', message: expect.stringContaining('bidirectional'), code: 'unsafe_text' },
    ]);
    expect(unsafeTextErrors({ q: '\uDFFF' }, 'query')).toEqual([
      { path: 'query.q', message: expect.any(String), code: 'unsafe_text' },
    ]);
  });
});
