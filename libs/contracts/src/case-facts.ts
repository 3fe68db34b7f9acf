import { z } from 'zod';
import { isoDateSchema } from './common';
import {
  caseClosingReasonSchema,
  employmentStatusSchema,
  partySchema,
  workspaceStatusSchema,
} from './enums';

// A case's facts as they change (issue 16): certificates, the sick-period start, earlier
// periods, employment, the expected length, closing and reopening. Each change is a
// revision with its author and reason.

const degreeSchema = z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)]);
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * An ICD-10-SE code as written on a certificate: a letter, two digits and up to two more
 * characters after an optional point (F43.2, F432, M54.5, F43.8A). Normalised to the
 * pointed upper-case form.
 */
export const icd10CodeSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase().replace('.', ''))
  .pipe(z.string().regex(/^[A-Z][0-9]{2}[0-9A-Z]{0,2}$/, 'Ange en ICD-10-SE-kod, t.ex. F43.2'))
  .transform((code) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code));

/** POST /api/workspaces/:id/certificates: the treating doctor enters a läkarintyg. */
export const createCertificateRequestSchema = z
  .strictObject({
    periodFrom: isoDateSchema,
    periodTo: isoDateSchema,
    degree: degreeSchema,
    diagnosisCode: icd10CodeSchema,
    diagnosisText: text(500),
    /** Aktivitetsbegränsningar: what the illness stops the person doing. */
    activityLimitations: text(4000),
    /** What the person can still do despite it. */
    remainingCapacity: text(4000).optional(),
    prognosis: text(2000).optional(),
    recommendedMeasures: text(4000).optional(),
    /** The whole expected length of reduced work capacity, in chain days, if the doctor says. */
    expectedLengthDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine((value) => value.periodTo >= value.periodFrom, {
    path: ['periodTo'],
    message: 'Perioden kan inte sluta innan den börjar.',
    params: { reason: 'END_BEFORE_START' },
  });
export type CreateCertificateRequest = z.infer<typeof createCertificateRequestSchema>;

/**
 * A certificate as the caller may see it. Everyone in the case sees the period and degree
 * (as the employer's AG7804 shows them); the medical content only the patient, care and a
 * party she granted MEDICAL. `medical` is null when withheld, and `withheld` says so.
 */
export const certificateSchema = z.object({
  id: z.uuid(),
  periodFrom: isoDateSchema,
  periodTo: isoDateSchema,
  degree: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ name: z.string(), party: partySchema }),
  source: z.string(),
  medical: z
    .object({
      diagnosisCode: z.string(),
      diagnosisText: z.string(),
      activityLimitations: z.string(),
      remainingCapacity: z.string().nullable(),
      prognosis: z.string().nullable(),
      recommendedMeasures: z.string().nullable(),
      expectedLengthDays: z.number().int().nullable(),
    })
    .nullable(),
  withheld: z.array(z.literal('MEDICAL')),
});
export type CertificateView = z.infer<typeof certificateSchema>;

export const sickPeriodSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .refine((value) => value.to >= value.from, {
    path: ['to'],
    message: 'Perioden kan inte sluta innan den börjar.',
    params: { reason: 'END_BEFORE_START' },
  });

/**
 * PATCH /api/workspaces/:id/facts: the facts the caller's role keeps, with a reason. Only
 * the fields sent change. `expectedLengthDays: null` says the length is not known.
 */
export const updateCaseFactsRequestSchema = z
  .strictObject({
    sickPeriodStart: isoDateSchema.optional(),
    /** Earlier sick periods with their dates; replaces the list (and the counted days). */
    earlierPeriods: z.array(sickPeriodSchema).max(50).optional(),
    employmentStatus: employmentStatusSchema.optional(),
    expectedLengthDays: z.number().int().min(1).max(3650).nullable().optional(),
    expectedLengthBasis: text(500).nullable().optional(),
    reason: text(500),
  })
  .refine(
    (value) =>
      Object.keys(value).some(
        (key) => key !== 'reason' && value[key as keyof typeof value] !== undefined,
      ),
    {
      path: ['sickPeriodStart'],
      message: 'Ange minst en uppgift att ändra.',
      params: { reason: 'REQUIRED' },
    },
  );
export type UpdateCaseFactsRequest = z.infer<typeof updateCaseFactsRequestSchema>;

/** The facts a revision may change, as it names them. */
export const CASE_FACT_FIELDS = [
  'sickPeriodStart',
  'earlierPeriods',
  'earlierSickDays',
  'employmentStatus',
  'expectedLengthDays',
  'expectedLengthBasis',
  'sickLeaveDegree',
  'status',
] as const;
export const caseFactFieldSchema = z.enum(CASE_FACT_FIELDS);
export type CaseFactField = z.infer<typeof caseFactFieldSchema>;

/** POST /api/workspaces/:id/close. */
export const closeCaseRequestSchema = z.strictObject({
  reason: caseClosingReasonSchema,
  /** The last day of the sick period (default today). */
  closedOn: isoDateSchema.optional(),
  note: text(1000).optional(),
});
export type CloseCaseRequest = z.infer<typeof closeCaseRequestSchema>;

/** POST /api/workspaces/:id/reopen: a new sick period starts within 90 days of closing. */
export const reopenCaseRequestSchema = z.strictObject({
  newPeriodStart: isoDateSchema,
  reason: text(500),
});
export type ReopenCaseRequest = z.infer<typeof reopenCaseRequestSchema>;

/**
 * POST /api/workspaces/:id/follow-up-case: a new sick period that starts 90 days or more
 * after the case closed does not join its chain, so it is a new case, linked to this one.
 * Like every case, it is opened only when the person says yes (202 with the request).
 */
export const followUpCaseRequestSchema = z.strictObject({
  newPeriodStart: isoDateSchema,
  expectedLengthDays: z.number().int().min(1).max(3650).optional(),
  sickLeaveDegree: degreeSchema.optional(),
});
export type FollowUpCaseRequest = z.infer<typeof followUpCaseRequestSchema>;

/** One revision of the case's facts, on its timeline. */
export const caseFactRevisionSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  author: z.object({ name: z.string(), party: partySchema }),
  reason: z.string(),
  changes: z.array(z.object({ field: caseFactFieldSchema, from: z.unknown(), to: z.unknown() })),
  certificateId: z.uuid().nullable(),
});
export type CaseFactRevisionView = z.infer<typeof caseFactRevisionSchema>;

/** GET /api/workspaces/:id/timeline: what the case went through, oldest first. */
export const caseTimelineSchema = z.object({
  status: workspaceStatusSchema,
  periods: z.array(z.object({ from: isoDateSchema, to: isoDateSchema, degree: z.number().int() })),
  earlierPeriods: z.array(z.object({ from: isoDateSchema, to: isoDateSchema })),
  revisions: z.array(caseFactRevisionSchema),
});
export type CaseTimeline = z.infer<typeof caseTimelineSchema>;
