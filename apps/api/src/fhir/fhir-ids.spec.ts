import { createHash } from 'node:crypto';
import { derivedUuid } from './fhir-ids';

describe('derivedUuid', () => {
  it('is a version 5 UUID (RFC 9562) with the RFC variant', () => {
    expect(derivedUuid('7f0c2a52-0000-4000-8000-000000000001', 'goal')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same id for the same parts and another for other parts', () => {
    const id = '7f0c2a52-0000-4000-8000-000000000001';
    expect(derivedUuid(id, 'goal')).toBe(derivedUuid(id, 'goal'));
    expect(derivedUuid(id, 'goal')).not.toBe(derivedUuid(id, 'condition'));
    // Parts are joined with a separator, so ('a', 'bc') and ('ab', 'c') differ.
    expect(derivedUuid('a', 'bc')).not.toBe(derivedUuid('ab', 'c'));
  });

  it('is SHA-1 of the joined parts, truncated, with version and variant set', () => {
    // RFC 9562's construction computed by hand for the name "x|y" (no namespace prefix).
    const hex = createHash('sha1').update('x|y').digest('hex');
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${(
      (parseInt(hex.slice(16, 18), 16) & 0x3f) |
      0x80
    )
      .toString(16)
      .padStart(2, '0')}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
    expect(derivedUuid('x', 'y')).toBe(expected);
  });
});
