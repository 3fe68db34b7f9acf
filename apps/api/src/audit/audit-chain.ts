import type { AuditAnchor } from './audit-anchor';
import { auditRowHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

export interface ChainRow extends HashedAuditFields {
  readonly id: bigint;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainVerdict =
  | {
      readonly ok: true;
      readonly rows: number;
      readonly lastHash: string;
      /** How many anchors the log was checked against, and the newest of them. */
      readonly anchors: number;
      readonly latestAnchor: AuditAnchor | undefined;
    }
  | {
      readonly ok: false;
      readonly rows: number;
      readonly brokenAt: bigint;
      readonly reason: string;
    };

type Broken = Extract<ChainVerdict, { ok: false }>;

/**
 * Verifies a chain incrementally, page by page: each row must link to its predecessor's
 * hash and its own hash must match its content. Given anchors (audit-anchor.ts), the row
 * each one names must still be there, with the anchored hash and as many rows up to it as
 * the anchor counted; rows removed from the end, or a stretch removed and re-hashed, are
 * found that way although the rest of the chain links.
 */
export class AuditChainVerifier {
  private previous = GENESIS_HASH;
  private count = 0;
  private lastId: bigint | undefined;
  private nextAnchor = 0;

  constructor(private readonly anchors: readonly AuditAnchor[] = []) {}

  check(rows: readonly ChainRow[]): Broken | undefined {
    for (const row of rows) {
      if (row.prevHash !== this.previous) {
        return this.broken(row.id, 'does not link to the previous row');
      }
      if (auditRowHash(row.prevHash, row) !== row.hash) {
        return this.broken(row.id, 'its content does not match its hash');
      }
      this.previous = row.hash;
      this.count += 1;
      this.lastId = row.id;
      const anchored = this.checkAnchorsUpTo(row);
      if (anchored) return anchored;
    }
    return undefined;
  }

  result(): ChainVerdict {
    const unmet = this.anchors[this.nextAnchor];
    if (unmet) {
      const end = this.lastId === undefined ? 'is empty' : `ends at row ${this.lastId.toString()}`;
      return this.broken(
        unmet.lastId,
        `the log ${end}, but the anchor of ${unmet.at} saw ${String(unmet.rows)} rows up to ` +
          `row ${unmet.lastId.toString()}: rows were removed from its end`,
      );
    }
    return {
      ok: true,
      rows: this.count,
      lastHash: this.previous,
      anchors: this.anchors.length,
      latestAnchor: this.anchors.at(-1),
    };
  }

  private checkAnchorsUpTo(row: ChainRow): Broken | undefined {
    for (let anchor = this.anchors[this.nextAnchor]; anchor && anchor.lastId <= row.id;) {
      if (anchor.lastId < row.id) {
        return this.broken(anchor.lastId, `this row, seen by the anchor of ${anchor.at}, is gone`);
      }
      if (anchor.hash !== row.hash) {
        return this.broken(row.id, `its hash is not the one the anchor of ${anchor.at} saw`);
      }
      if (anchor.rows !== this.count) {
        return this.broken(
          row.id,
          `the log has ${String(this.count)} rows up to it, the anchor of ${anchor.at} ` +
            `saw ${String(anchor.rows)}`,
        );
      }
      this.nextAnchor += 1;
      anchor = this.anchors[this.nextAnchor];
    }
    return undefined;
  }

  private broken(at: bigint, reason: string): Broken {
    return { ok: false, rows: this.count, brokenAt: at, reason };
  }
}
