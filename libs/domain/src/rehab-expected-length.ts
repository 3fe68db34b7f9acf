// How a new certificate changes what is known of the expected length of reduced work
// capacity, the fact the plan duty hangs on (SFB 30 kap. 6 §: at least 60 days).

import { daysBetween, type IsoDate } from './iso-date';
import { RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS } from './rehab-rulesets';

export interface CertificateLengthInput {
  readonly sickPeriodStart: IsoDate;
  readonly earlierSickDays: number;
  /** What the case holds now; null when nobody has said. */
  readonly currentExpectedDays: number | null;
  /** The last day the certificate covers. */
  readonly certificateTo: IsoDate;
  /** The doctor's own estimate of the whole length, when the certificate gives one. */
  readonly statedExpectedDays: number | null;
}

/**
 * The expected length after a certificate: the doctor's stated estimate when there is one;
 * otherwise the chain day the certificate reaches is a lower bound, so the length grows to
 * it. A certificate that reaches less far than 60 days does not make an unknown length
 * known: it cannot tell whether the plan will be needed.
 */
export function expectedLengthAfterCertificate(input: CertificateLengthInput): number | null {
  if (input.statedExpectedDays !== null) return input.statedExpectedDays;
  const coveredDays =
    input.earlierSickDays + daysBetween(input.sickPeriodStart, input.certificateTo) + 1;
  if (input.currentExpectedDays !== null) return Math.max(input.currentExpectedDays, coveredDays);
  return coveredDays >= RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS ? coveredDays : null;
}
