import { createHash } from 'node:crypto';

/**
 * A stable UUID for a FHIR resource that has no row of its own (the plan's Goal, a
 * certificate's Condition, an access-log entry): a name-based UUID (RFC 9562 version 5,
 * SHA-1) of our own id and what is derived from it, so the same case read twice gives the
 * same fullUrl and a receiver can match resources across downloads.
 */
export function derivedUuid(...parts: readonly string[]): string {
  const hash = createHash('sha1').update(parts.join('|')).digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
