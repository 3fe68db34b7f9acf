import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODES, type ProblemCode } from '@atergang/contracts';
import { en } from '../src/locales/en';
import { sv } from '../src/locales/sv';

// Every problem code the API can send has its own Swedish and English text in the client,
// so a refusal never reaches a Swedish page as the API's English `detail`. The locale
// types already make a missing code a compile error; this also catches an empty text or
// one copied from the API.

const API_SOURCES = join(__dirname, '../../api/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The English details the API writes for each code, read from its sources as text (the
 * web project may not import the API). A detail built from parts counts by its first
 * literal part.
 */
function apiDetails(): Map<string, string[]> {
  const details = new Map<string, string[]>();
  const call = /new ApiError\(\s*\d+,\s*'([A-Z0-9_]+)',\s*(['`])((?:\\.|(?!\2)[^\\])*)\2/g;
  for (const file of sourceFiles(API_SOURCES)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      const [, code = '', , text = ''] = match;
      const literal = text.split('${')[0] ?? '';
      details.set(code, [...(details.get(code) ?? []), literal]);
    }
  }
  return details;
}

const details = apiDetails();
const codes: readonly ProblemCode[] = PROBLEM_CODES;

describe('problem texts', () => {
  it('read the API’s details (so the comparison below means something)', () => {
    expect(details.get('WORKSPACE_NOT_FOUND')).toEqual([
      'There is no such workspace, or you do not take part in it.',
    ]);
    expect(details.get('CONSENT_REQUIRED')).toContain(
      'The patient has not shared this with your party.',
    );
    expect(details.size).toBeGreaterThan(50);
  });

  it('lists every code the API throws', () => {
    const unlisted = [...details.keys()].filter((code) => !codes.includes(code as ProblemCode));
    expect(unlisted).toEqual([]);
  });

  it.each([
    ['sv', sv.problems],
    ['en', en.problems],
  ] as const)('has a %s text of its own for every code', (_language, texts) => {
    expect(Object.keys(texts).sort()).toEqual([...codes].sort());
    const missing = codes.filter((code) => {
      const text = (texts as Readonly<Record<string, unknown>>)[code];
      if (typeof text !== 'string' || text.trim() === '') return true;
      return (details.get(code) ?? []).some(
        (detail) => text === detail || (detail.length > 0 && text.startsWith(detail)),
      );
    });
    expect(missing).toEqual([]);
  });
});
