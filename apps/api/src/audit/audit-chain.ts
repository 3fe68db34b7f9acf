import { auditRowHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

export interface ChainRow extends HashedAuditFields {
  readonly id: bigint;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainVerdict =
  | { readonly ok: true; readonly rows: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly rows: number;
      readonly brokenAt: bigint;
      readonly reason: string;
    };

/**
 * Verifies a chain incrementally, page by page: each row must link to its predecessor's
 * hash and its own hash must match its content.
 */
export class AuditChainVerifier {
  private previous = GENESIS_HASH;
  private count = 0;

  check(rows: readonly ChainRow[]): ChainVerdict | undefined {
    for (const row of rows) {
      if (row.prevHash !== this.previous) {
        return {
          ok: false,
          rows: this.count,
          brokenAt: row.id,
          reason: 'does not link to the previous row',
        };
      }
      if (auditRowHash(row.prevHash, row) !== row.hash) {
        return {
          ok: false,
          rows: this.count,
          brokenAt: row.id,
          reason: 'its content does not match its hash',
        };
      }
      this.previous = row.hash;
      this.count += 1;
    }
    return undefined;
  }

  result(): ChainVerdict {
    return { ok: true, rows: this.count, lastHash: this.previous };
  }
}
