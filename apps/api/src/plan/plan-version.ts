// Which version a save is based on: `If-Match: "<version>"` (the ETag GET /plan sent) or
// the body's `version`. One of them is required (428 otherwise): a save that does not say
// what it read could silently overwrite someone else's change.

const MAX_VERSION = 2_147_483_647;

export type VersionPrecondition =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'mismatch' };

/** `"3"`, `W/"3"` or a bare `3`; `*` names no version. */
function parseIfMatch(header: string): VersionPrecondition {
  const value = header.trim();
  if (value === '' || value === '*') return { ok: false, reason: 'missing' };
  const match = /^(?:W\/)?"(\d{1,10})"$|^(\d{1,10})$/.exec(value);
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) return { ok: false, reason: 'invalid' };
  const version = Number(digits);
  return version <= MAX_VERSION ? { ok: true, version } : { ok: false, reason: 'invalid' };
}

export function expectedVersion(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
): VersionPrecondition {
  const header = ifMatch === undefined ? undefined : parseIfMatch(ifMatch);
  if (header && !header.ok && header.reason === 'invalid') return header;
  const fromHeader = header?.ok ? header.version : undefined;
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    return { ok: false, reason: 'mismatch' };
  }
  const version = fromHeader ?? bodyVersion;
  return version === undefined ? { ok: false, reason: 'missing' } : { ok: true, version };
}
