import type { Party } from '@atergang/contracts';

// Pure rules about meetings, without I/O.

/**
 * The parties an avstämningsmöte lacks. Such a meeting is held by the person on sick leave,
 * Försäkringskassan and at least one more party, typically the doctor or the employer
 * (domain.md, "Meetings"; FK's avstämningsmöte, SFB 30 kap.): the patient, FK, and care
 * or the employer. Returned in that order; an empty list means the meeting may be held.
 */
export function missingAvstamningsmoteParties(present: Iterable<Party>): Party[] {
  const parties = new Set(present);
  const missing: Party[] = [];
  if (!parties.has('PATIENT')) missing.push('PATIENT');
  if (!parties.has('FK')) missing.push('FK');
  if (!parties.has('CARE') && !parties.has('EMPLOYER')) missing.push('CARE', 'EMPLOYER');
  return missing;
}

const PARTY_NAMES: Readonly<Record<Party, string>> = {
  PATIENT: 'the patient (PATIENT)',
  EMPLOYER: 'the employer (EMPLOYER)',
  CARE: 'care (CARE)',
  FK: 'Försäkringskassan (FK)',
  AF: 'Arbetsförmedlingen (AF)',
  OCCUPATIONAL_HEALTH: 'occupational health (OCCUPATIONAL_HEALTH)',
};

/** "the patient (PATIENT) and care (CARE) or the employer (EMPLOYER)". */
export function describeParties(missing: readonly Party[]): string {
  const eitherCareOrEmployer = missing.includes('CARE') && missing.includes('EMPLOYER');
  const single = missing
    .filter((party) => !eitherCareOrEmployer || (party !== 'CARE' && party !== 'EMPLOYER'))
    .map((party) => PARTY_NAMES[party]);
  if (eitherCareOrEmployer) {
    single.push(`${PARTY_NAMES.CARE} or ${PARTY_NAMES.EMPLOYER}`);
  }
  return single.join(' and ');
}
