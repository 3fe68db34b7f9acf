import type { ConsentView } from '@atergang/contracts';
import type { ConsentsRepository } from './consents.repository';

type ConsentRow = Awaited<ReturnType<ConsentsRepository['list']>>[number];

export function toConsent(row: ConsentRow, now: Date = new Date()): ConsentView {
  if (row.party === 'PATIENT') {
    // The database refuses consents to the patient (CHECK); this keeps the type honest.
    throw new Error('a consent cannot be granted to the patient');
  }
  return {
    id: row.id,
    party: row.party,
    categories: row.categories,
    kind: 'SECRECY_WAIVER',
    grantedBy: row.grantedBy,
    grantedAt: row.grantedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active: row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now),
  };
}
