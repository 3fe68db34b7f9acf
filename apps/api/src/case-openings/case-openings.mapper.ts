import type { CaseOpeningLookup, CaseOpeningView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { CaseOpeningRow } from './case-openings.repository';

/** The opener's view: what they typed and where it stands, nothing of the person's record. */
export function toCaseOpening(row: CaseOpeningRow): CaseOpeningView {
  return {
    id: row.id,
    status: row.status,
    patientName: row.patientName,
    actingOrganisation: row.actingOrganisation,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    workspaceId: row.status === 'ACCEPTED' ? row.id : null,
    previousCaseId: row.previousWorkspaceId,
  };
}

/** The person's view of the request she was sent. */
export function toLookup(row: CaseOpeningRow, accountExists: boolean): CaseOpeningLookup {
  return {
    id: row.id,
    status: row.status,
    opener: { name: row.createdBy.name },
    organisation: { name: row.actingOrganisation.name, kind: row.actingOrganisation.kind },
    employer: row.employer ? { name: row.employer.name } : null,
    sickPeriodStart: toIsoDate(row.sickPeriodStart),
    followsEarlierCase: row.previousWorkspaceId !== null,
    expiresAt: row.expiresAt.toISOString(),
    accountExists,
  };
}
