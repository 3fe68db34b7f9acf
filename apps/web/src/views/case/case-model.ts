import {
  CASE_FACT_UPDATE_FIELDS,
  type CaseFactField,
  type CaseFactRevisionView,
  type CaseFactUpdateField,
  type CaseTimeline,
  type CertificateView,
  type CreateCertificateRequest,
  type EmploymentStatus,
  type Permission,
  type RehabChainView,
  type UpdateCaseFactsRequest,
  type WorkspaceOverview,
} from '@atergang/contracts';
import { addDays, lastJoiningStart } from '@atergang/domain';

// The case page's plain logic (no React, no i18n): what the timeline lists and in which
// order, what a renewal prefills, which facts a save sends. Tested in apps/web/unit.

type Milestone = RehabChainView['milestones'][number];

/** A day in Europe/Stockholm ('YYYY-MM-DD') for an instant: the day a change was made. */
export function stockholmDay(instant: string): string {
  return new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

// ---------------------------------------------------------------------------------------
// The timeline
// ---------------------------------------------------------------------------------------

export type TimelineEntry =
  | { readonly kind: 'earlier-period'; readonly date: string; readonly to: string }
  | {
      readonly kind: 'period';
      readonly date: string;
      readonly to: string;
      readonly degree: number;
    }
  | { readonly kind: 'milestone'; readonly date: string; readonly milestone: Milestone }
  | { readonly kind: 'revision'; readonly date: string; readonly revision: CaseFactRevisionView };

/** On the same day: earlier periods, then certificates' periods, deadlines, changes. */
const KIND_ORDER: Readonly<Record<TimelineEntry['kind'], number>> = {
  'earlier-period': 0,
  period: 1,
  milestone: 2,
  revision: 3,
};

/**
 * Everything the case went through and has ahead of it, in date order: earlier sick
 * periods, the certificates' periods with their degree, the rehabilitation chain's
 * milestones (those with a date) and every change of the facts (by the day it was made).
 */
export function timelineEntries(
  timeline: CaseTimeline,
  milestones: readonly Milestone[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...timeline.earlierPeriods.map((period): TimelineEntry => ({
      kind: 'earlier-period',
      date: period.from,
      to: period.to,
    })),
    ...timeline.periods.map((period): TimelineEntry => ({
      kind: 'period',
      date: period.from,
      to: period.to,
      degree: period.degree,
    })),
    ...milestones.flatMap((milestone): TimelineEntry[] =>
      milestone.date ? [{ kind: 'milestone', date: milestone.date, milestone }] : [],
    ),
    ...timeline.revisions.map((revision): TimelineEntry => ({
      kind: 'revision',
      date: stockholmDay(revision.at),
      revision,
    })),
  ];
  const instant = (entry: TimelineEntry) => (entry.kind === 'revision' ? entry.revision.at : '');
  // Array.prototype.sort is stable: equal entries keep the API's order (oldest first).
  return entries.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      instant(a).localeCompare(instant(b)),
  );
}

/** A fact's value before or after a change, as the page words it. */
export type FactValue =
  | { readonly type: 'none' }
  | { readonly type: 'date'; readonly value: string }
  | { readonly type: 'days'; readonly value: number }
  | { readonly type: 'percent'; readonly value: number }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'employment'; readonly value: EmploymentStatus }
  | { readonly type: 'status'; readonly value: 'ACTIVE' | 'CLOSED' }
  | {
      readonly type: 'periods';
      readonly value: readonly { readonly from: string; readonly to: string }[];
    };

const isPeriod = (value: unknown): value is { from: string; to: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { from?: unknown }).from === 'string' &&
  typeof (value as { to?: unknown }).to === 'string';

/**
 * What a revision's `from` or `to` says for its field. The values are stored as the API
 * wrote them (unknown in the contract): anything not of the expected shape reads as "none"
 * rather than as a wrong value.
 */
export function factValue(field: CaseFactField, value: unknown): FactValue {
  if (value === null || value === undefined) return { type: 'none' };
  switch (field) {
    case 'sickPeriodStart':
      return typeof value === 'string' ? { type: 'date', value } : { type: 'none' };
    case 'earlierPeriods':
      return Array.isArray(value)
        ? { type: 'periods', value: value.filter(isPeriod) }
        : { type: 'none' };
    case 'earlierSickDays':
    case 'expectedLengthDays':
      return typeof value === 'number' ? { type: 'days', value } : { type: 'none' };
    case 'sickLeaveDegree':
      return typeof value === 'number' ? { type: 'percent', value } : { type: 'none' };
    case 'expectedLengthBasis':
      return typeof value === 'string' ? { type: 'text', value } : { type: 'none' };
    case 'employmentStatus':
      return value === 'EMPLOYED' || value === 'UNEMPLOYED' || value === 'SELF_EMPLOYED'
        ? { type: 'employment', value }
        : { type: 'none' };
    case 'status':
      return value === 'ACTIVE' || value === 'CLOSED'
        ? { type: 'status', value }
        : { type: 'none' };
  }
}

// ---------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------

/** The certificate a renewal follows: the one whose period ends last (the newest on a tie). */
export function latestCertificate(
  certificates: readonly CertificateView[],
): CertificateView | undefined {
  return certificates.reduce<CertificateView | undefined>((latest, certificate) => {
    if (!latest) return certificate;
    const later =
      certificate.periodTo > latest.periodTo ||
      (certificate.periodTo === latest.periodTo && certificate.createdAt > latest.createdAt);
    return later ? certificate : latest;
  }, undefined);
}

/** The certificates as listed: the latest period first. */
export function certificatesNewestFirst(
  certificates: readonly CertificateView[],
): CertificateView[] {
  return [...certificates].sort(
    (a, b) =>
      b.periodFrom.localeCompare(a.periodFrom) ||
      b.periodTo.localeCompare(a.periodTo) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}

/** The doctor's certificate form: every input as the text it holds. */
export interface CertificateForm {
  periodFrom: string;
  periodTo: string;
  /** '25' | '50' | '75' | '100', or '' before one is chosen. */
  degree: string;
  diagnosisCode: string;
  diagnosisText: string;
  activityLimitations: string;
  remainingCapacity: string;
  prognosis: string;
  recommendedMeasures: string;
  expectedLengthDays: string;
}

export const EMPTY_CERTIFICATE: CertificateForm = {
  periodFrom: '',
  periodTo: '',
  degree: '',
  diagnosisCode: '',
  diagnosisText: '',
  activityLimitations: '',
  remainingCapacity: '',
  prognosis: '',
  recommendedMeasures: '',
  expectedLengthDays: '',
};

export const DEGREES = ['25', '50', '75', '100'] as const;

/**
 * A renewal (förlängning) of the latest certificate: it starts the day after that one
 * ends, at the same degree and for the same diagnosis; the end, and what the doctor now
 * judges about limitations and capacity, are written anew.
 */
export function renewalOf(latest: CertificateView): CertificateForm {
  return {
    ...EMPTY_CERTIFICATE,
    periodFrom: addDays(latest.periodTo, 1),
    degree: DEGREES.find((degree) => Number(degree) === latest.degree) ?? '',
    diagnosisCode: latest.medical?.diagnosisCode ?? '',
    diagnosisText: latest.medical?.diagnosisText ?? '',
  };
}

const optionalText = (value: string): string | undefined =>
  value.trim() === '' ? undefined : value;

/** A whole number typed in a text field; what is not one is sent as is, for the schema. */
const typedNumber = (value: string): number | string | undefined => {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
};

/** The form as the POST /certificates body (the contract's schema then checks it). */
export function certificateRequest(values: CertificateForm): CreateCertificateRequest {
  const request = {
    periodFrom: values.periodFrom,
    periodTo: values.periodTo,
    degree: values.degree === '' ? undefined : Number(values.degree),
    diagnosisCode: values.diagnosisCode,
    diagnosisText: values.diagnosisText,
    activityLimitations: values.activityLimitations,
    remainingCapacity: optionalText(values.remainingCapacity),
    prognosis: optionalText(values.prognosis),
    recommendedMeasures: optionalText(values.recommendedMeasures),
    expectedLengthDays: typedNumber(values.expectedLengthDays),
  };
  // Absent optional fields are left out, not sent as undefined keys.
  return Object.fromEntries(
    Object.entries(request).filter(([, value]) => value !== undefined),
  ) as unknown as CreateCertificateRequest;
}

// ---------------------------------------------------------------------------------------
// The facts
// ---------------------------------------------------------------------------------------

/** The facts the caller may change (`case:update-facts:<field>`), in the form's order. */
export function editableFacts(
  can: (permission: Permission) => boolean,
): readonly CaseFactUpdateField[] {
  return CASE_FACT_UPDATE_FIELDS.filter((field) => can(`case:update-facts:${field}`));
}

export interface FactsForm {
  sickPeriodStart: string;
  earlierPeriods: { from: string; to: string }[];
  employmentStatus: EmploymentStatus;
  expectedLengthDays: string;
  expectedLengthBasis: string;
  reason: string;
}

/** The facts as they stand, in the form's terms. */
export function factsFormOf(overview: WorkspaceOverview, timeline: CaseTimeline): FactsForm {
  return {
    sickPeriodStart: overview.sickPeriodStart,
    earlierPeriods: timeline.earlierPeriods.map((period) => ({ ...period })),
    employmentStatus: overview.employmentStatus,
    expectedLengthDays:
      overview.expectedLengthDays === null ? '' : String(overview.expectedLengthDays),
    expectedLengthBasis: overview.expectedLengthBasis ?? '',
    reason: '',
  };
}

const periodsKey = (periods: FactsForm['earlierPeriods']) =>
  periods.map((period) => `${period.from}/${period.to}`).join(',');
const samePeriods = (a: FactsForm['earlierPeriods'], b: FactsForm['earlierPeriods']) =>
  periodsKey(a) === periodsKey(b);

/**
 * The PATCH /facts body: only the fields the caller may change and did change, with the
 * reason. A field someone else changed meanwhile is never sent back as it was. Null when
 * nothing changed.
 */
export function factsChanges(
  initial: FactsForm,
  values: FactsForm,
  editable: readonly CaseFactUpdateField[],
): UpdateCaseFactsRequest | null {
  const may = (field: CaseFactUpdateField) => editable.includes(field);
  const changes: Record<string, unknown> = {};
  if (may('sickPeriodStart') && values.sickPeriodStart !== initial.sickPeriodStart) {
    changes.sickPeriodStart = values.sickPeriodStart;
  }
  if (may('earlierPeriods') && !samePeriods(values.earlierPeriods, initial.earlierPeriods)) {
    changes.earlierPeriods = values.earlierPeriods;
  }
  if (may('employmentStatus') && values.employmentStatus !== initial.employmentStatus) {
    changes.employmentStatus = values.employmentStatus;
  }
  if (
    may('expectedLengthDays') &&
    values.expectedLengthDays.trim() !== initial.expectedLengthDays.trim()
  ) {
    // An emptied field says the length is not known (null).
    changes.expectedLengthDays = typedNumber(values.expectedLengthDays) ?? null;
  }
  if (
    may('expectedLengthBasis') &&
    values.expectedLengthBasis.trim() !== initial.expectedLengthBasis.trim()
  ) {
    changes.expectedLengthBasis = optionalText(values.expectedLengthBasis) ?? null;
  }
  if (Object.keys(changes).length === 0) return null;
  return { ...changes, reason: values.reason };
}

const SIMPLE_FACT_FIELDS = [
  'sickPeriodStart',
  'employmentStatus',
  'expectedLengthDays',
  'expectedLengthBasis',
  'reason',
] as const;

type FactsPath =
  | (typeof SIMPLE_FACT_FIELDS)[number]
  | 'earlierPeriods'
  | `earlierPeriods.${number}.from`
  | `earlierPeriods.${number}.to`;

/**
 * The form field a refusal's `errors[].path` names: 'earlierPeriods.2' (a period that
 * overlaps or ends before it starts) is said at that period's first date.
 */
export function factsFieldOf(path: string): FactsPath | null {
  const [field, index, part] = path.split('.');
  if (field === 'earlierPeriods') {
    if (index === undefined || !/^\d+$/.test(index)) return 'earlierPeriods';
    return part === 'to'
      ? `earlierPeriods.${Number(index)}.to`
      : `earlierPeriods.${Number(index)}.from`;
  }
  return SIMPLE_FACT_FIELDS.find((name) => name === field) ?? null;
}

// ---------------------------------------------------------------------------------------
// Closing and reopening
// ---------------------------------------------------------------------------------------

/** The dates a closing day may take: from the sick period's first day to today. */
export function closingDateRange(sickPeriodStart: string, today: string) {
  return { min: sickPeriodStart, max: today };
}

/**
 * The last day a new sick period may start and still continue the case, for a closing day
 * (fewer than 90 days between the periods: libs/domain sick-periods.ts). Empty while no
 * real date is chosen.
 */
export function reopenUntilFor(closedOn: string): string {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(closedOn) ? lastJoiningStart(closedOn) : '';
  } catch {
    return '';
  }
}

/**
 * The days a new sick period may start on and still continue this case's chain: after the
 * closing day, and no later than the API's `reopenUntil` (fewer than 90 days after).
 */
export function reopenDateRange(closing: { closedOn: string; reopenUntil: string }) {
  return { min: addDays(closing.closedOn, 1), max: closing.reopenUntil };
}
