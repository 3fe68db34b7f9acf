import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A witness of the audit chain's head kept outside the database: "at this time the log had
 * `rows` rows and ended with row `lastId`, whose hash was `hash`". The chain alone proves
 * only that its rows link; someone able to write the database could delete its last rows,
 * or delete and re-hash a stretch, and still leave a chain that links. An anchor written
 * before that names a row or a row count the altered log no longer has.
 *
 * Anchors are signed (HMAC-SHA256) with a key the database never holds, so they cannot be
 * forged from inside it.
 */
export interface AuditAnchor {
  readonly at: string;
  readonly lastId: bigint;
  readonly hash: string;
  readonly rows: number;
}

const VERSION = 1;

function mac(anchor: AuditAnchor, key: string): string {
  const canonical = [VERSION, anchor.at, anchor.lastId.toString(), anchor.hash, anchor.rows];
  return createHmac('sha256', key).update(canonical.join('|')).digest('hex');
}

/** One line of the anchor file (JSON, newline-terminated). */
export function anchorLine(anchor: AuditAnchor, key: string): string {
  return (
    JSON.stringify({
      v: VERSION,
      at: anchor.at,
      lastId: anchor.lastId.toString(),
      hash: anchor.hash,
      rows: anchor.rows,
      mac: mac(anchor, key),
    }) + '\n'
  );
}

export interface AnchorFileProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedAnchors {
  /** The genuine anchors, in lastId order. */
  readonly anchors: readonly AuditAnchor[];
  /** Lines that are not genuine anchors: a file that has any was tampered with. */
  readonly problems: readonly AnchorFileProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLine(text: string, key: string): AuditAnchor | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  if (!isRecord(value) || value.v !== VERSION) return 'is not an anchor of this version';
  const { at, lastId, hash, rows, mac: claimed } = value;
  if (
    typeof at !== 'string' ||
    typeof lastId !== 'string' ||
    !/^\d{1,19}$/.test(lastId) ||
    typeof hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(hash) ||
    typeof rows !== 'number' ||
    !Number.isSafeInteger(rows) ||
    rows < 1 ||
    typeof claimed !== 'string'
  ) {
    return 'lacks a field or has one of the wrong form';
  }
  const anchor: AuditAnchor = { at, lastId: BigInt(lastId), hash, rows };
  const expected = Buffer.from(mac(anchor, key), 'hex');
  const given = Buffer.from(claimed, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'has a signature that does not match (another key, or an edited line)';
  }
  return anchor;
}

/** Reads an anchor file's text; blank lines are ignored. */
export function parseAnchors(text: string, key: string): ParsedAnchors {
  const anchors: AuditAnchor[] = [];
  const problems: AnchorFileProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const parsed = parseLine(line, key);
    if (typeof parsed === 'string') problems.push({ line: index + 1, reason: parsed });
    else anchors.push(parsed);
  });
  anchors.sort((a, b) => (a.lastId < b.lastId ? -1 : a.lastId > b.lastId ? 1 : 0));
  return { anchors, problems };
}
