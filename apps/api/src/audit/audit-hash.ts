import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers, in a fixed order. */
export interface HashedAuditFields {
  readonly at: Date;
  readonly requestId: string | null;
  readonly actorUserId: string | null;
  readonly actorParty: string | null;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly workspaceId: string | null;
  readonly outcome: string;
  readonly reason: string | null;
  readonly ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * hash = SHA-256(prevHash ‖ canonical fields). Changing, inserting or removing any row
 * breaks every later link, which `npm run audit:verify` reports.
 */
export function auditRowHash(prevHash: string, row: HashedAuditFields): string {
  const canonical = JSON.stringify([
    row.at.toISOString(),
    row.requestId,
    row.actorUserId,
    row.actorParty,
    row.actorOrganisationId,
    row.action,
    row.resourceType,
    row.resourceId,
    row.workspaceId,
    row.outcome,
    row.reason,
    row.ip,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
