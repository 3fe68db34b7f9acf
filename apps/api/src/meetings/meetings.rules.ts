import type { Party } from '@atergang/contracts';

// Pure rules about meetings, without I/O.

/** The parties of which at least one must join the patient and FK at an avstämningsmöte. */
const THIRD_PARTIES: readonly Party[] = ['CARE', 'EMPLOYER', 'AF', 'OCCUPATIONAL_HEALTH'];

/**
 * What an avstämningsmöte lacks. It is held by the person on sick leave, Försäkringskassan
 * and at least one more party, "till exempel läkaren eller arbetsgivaren" (seed 002; FK's
 * avstämningsmöte, SFB 30 kap.): care, the employer, AF or occupational health. Returned as
 * the patient, FK, then the third parties (any one of which would do); empty: it may be held.
 */
export function missingAvstamningsmoteParties(present: Iterable<Party>): Party[] {
  const parties = new Set(present);
  const missing: Party[] = [];
  if (!parties.has('PATIENT')) missing.push('PATIENT');
  if (!parties.has('FK')) missing.push('FK');
  if (!THIRD_PARTIES.some((party) => parties.has(party))) missing.push(...THIRD_PARTIES);
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

/** "the patient (PATIENT) and one of care (CARE), the employer (EMPLOYER), …". */
export function describeParties(missing: readonly Party[]): string {
  const anyThird = THIRD_PARTIES.every((party) => missing.includes(party));
  const single = missing
    .filter((party) => !anyThird || !THIRD_PARTIES.includes(party))
    .map((party) => PARTY_NAMES[party]);
  if (anyThird) {
    single.push(`one of ${THIRD_PARTIES.map((party) => PARTY_NAMES[party]).join(', ')}`);
  }
  return single.join(' and ');
}

/**
 * Whether moving a meeting needs a reason: once it is booked (a time fixed and sent out),
 * everyone has planned for it, so they are told why it moves. A proposal still being
 * answered may get new times without one.
 */
export function moveNeedsReason(
  status: 'PROPOSED' | 'SCHEDULED' | 'CANCELLED',
  reason: string | null | undefined,
): boolean {
  return status === 'SCHEDULED' && (reason ?? '').trim().length === 0;
}
