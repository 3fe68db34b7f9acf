// The graded sick leave as the certificates state it. A certificate covers a period at one
// degree (LEGAL_SOURCES.sickLeaveDegrees); renewals follow each other, and a later
// certificate that covers days an earlier one did replaces it for those days (the doctor
// corrected the degree). The plan's working-time steps are these, never free-typed.

import { addDays, type IsoDate } from './iso-date';

export interface CertifiedPeriod {
  readonly from: IsoDate;
  /** The last day the certificate covers (inclusive). */
  readonly to: IsoDate;
  readonly degree: number;
}

export interface SickLeaveStep {
  readonly degree: number;
  readonly fromDate: IsoDate;
  readonly toDate: IsoDate;
}

/**
 * The steps of the sick leave from certificates given in the order they were entered:
 * oldest first, each later one winning for the days it covers. Adjacent days at the same
 * degree form one step; days no certificate covers are a gap between steps.
 */
export function sickLeaveStepsFromCertificates(
  certificates: readonly CertifiedPeriod[],
): SickLeaveStep[] {
  // Every day a certificate starts or the day after one ends may change the degree.
  const boundaries = [
    ...new Set(certificates.flatMap((period) => [period.from, addDays(period.to, 1)])),
  ].sort();
  const steps: SickLeaveStep[] = [];
  for (const [index, start] of boundaries.entries()) {
    const next = boundaries[index + 1];
    if (next === undefined) break;
    const covering = certificates.findLast((period) => period.from <= start && period.to >= start);
    if (!covering) continue;
    const end = addDays(next, -1);
    const previous = steps.at(-1);
    if (previous && previous.degree === covering.degree && addDays(previous.toDate, 1) === start) {
      steps[steps.length - 1] = { ...previous, toDate: end };
    } else {
      steps.push({ degree: covering.degree, fromDate: start, toDate: end });
    }
  }
  return steps;
}

/**
 * The degree of sick leave on a day: the step covering it; after the last step, the last
 * one's (the case is still open, the next certificate not yet written); before the first,
 * the first one's. Null without steps.
 */
export function sickLeaveDegreeOn(steps: readonly SickLeaveStep[], day: IsoDate): number | null {
  const covering = steps.find((step) => step.fromDate <= day && step.toDate >= day);
  if (covering) return covering.degree;
  const before = steps.filter((step) => step.toDate < day).at(-1);
  return (before ?? steps[0])?.degree ?? null;
}
