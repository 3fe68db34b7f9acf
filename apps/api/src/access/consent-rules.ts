import type { Category, Party } from '@atergang/contracts';

/**
 * Whether a consent needs the patient's explicit confirmation of a warning: MEDICAL to the
 * employer. It mirrors the employer's copy of the medical certificate (AG7804), where the
 * patient chooses whether the diagnosis is shown (domain.md, "Consent").
 */
export function needsMedicalWarning(party: Party, categories: readonly Category[]): boolean {
  return party === 'EMPLOYER' && categories.includes('MEDICAL');
}
