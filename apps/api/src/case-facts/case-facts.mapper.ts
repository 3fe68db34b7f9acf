import type { CaseClosingReason, CaseFactRevisionView, CertificateView } from '@atergang/contracts';
import type { WorkspaceAbility } from '../access/workspace-ability';
import { allows } from '../access/authorization';
import { toIsoDate } from '../common/calendar';
import type { CertificateRow, RevisionRow } from './case-facts.repository';

const CLOSING_REASON_SV: Readonly<Record<CaseClosingReason, string>> = {
  BACK_AT_WORK_FULL: 'Tillbaka i arbete på heltid',
  SICK_LEAVE_ENDED: 'Sjukskrivningen har upphört',
  NEW_EMPLOYER: 'Ny arbetsgivare',
  BENEFIT_ENDED:
    'Sjukpenningen har upphört: nästa steg är ett omställningsmöte med Försäkringskassan och Arbetsförmedlingen',
  OTHER: 'Annat skäl',
};

/** The reason a closing revision records, in Swedish (the note after it). */
export function closingReasonText(reason: CaseClosingReason, note: string | undefined): string {
  const label = `Ärendet avslutat: ${CLOSING_REASON_SV[reason]}`;
  return note ? `${label}. ${note}` : label;
}

/**
 * A certificate as the caller may see it: the period and degree for every participant, the
 * medical content only where the policy lets the caller read the certificate (MEDICAL).
 */
export function toCertificateView(row: CertificateRow, ability: WorkspaceAbility): CertificateView {
  const medical = allows(ability, 'read', 'Certificate', row);
  return {
    id: row.id,
    periodFrom: toIsoDate(row.periodFrom),
    periodTo: toIsoDate(row.periodTo),
    degree: row.degree,
    createdAt: row.createdAt.toISOString(),
    createdBy: { name: row.createdBy.name, party: row.authorParty },
    source: row.source,
    medical: medical
      ? {
          diagnosisCode: row.diagnosisCode,
          diagnosisText: row.diagnosisText,
          activityLimitations: row.activityLimitations,
          remainingCapacity: row.remainingCapacity,
          prognosis: row.prognosis,
          recommendedMeasures: row.recommendedMeasures,
          expectedLengthDays: row.expectedLengthDays,
        }
      : null,
    withheld: medical ? [] : ['MEDICAL'],
  };
}

export function toRevisionView(row: RevisionRow): CaseFactRevisionView {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    author: { name: row.author.name, party: row.authorParty },
    reason: row.reason,
    changes: row.changes as CaseFactRevisionView['changes'],
    certificateId: row.certificateId,
  };
}
