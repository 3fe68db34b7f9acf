import { z } from 'zod';
import { isoDateSchema } from './common';
import {
  categorySchema,
  measureCategorySchema,
  measureKindSchema,
  measureStatusSchema,
  partySchema,
  taskStatusSchema,
} from './enums';

// The shared return-to-work plan: the employer's plan för återgång i arbete, care's
// rehabilitation measures and the patient's own view in one document, each measure owned
// by one party (domain.md, "The return-to-work plan").

const MAX_VERSION = 2_147_483_647;

/** Free text: bounded, and without NUL characters (PostgreSQL text cannot hold them). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), { message: 'must not contain NUL characters' });
const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), { message: 'must not contain NUL characters' });

/** A calendar date inside a range a sick-leave case can plausibly span. */
/**
 * The plan's sections as a document, in the order FK's template for a plan för återgång i
 * arbete asks its questions (domain-research.md, "Questions a plan answers"). The API's PDF
 * and the web's print view both follow this list; each gives the titles in its own words.
 */
export const PLAN_DOCUMENT_SECTIONS = [
  'person',
  'goal',
  'measures',
  'steps',
  'contact',
  'followUps',
  'patientView',
  'signed',
] as const;
export type PlanDocumentSection = (typeof PLAN_DOCUMENT_SECTIONS)[number];

export const planDateSchema = isoDateSchema.refine(
  (value) => value >= '1900-01-01' && value <= '2199-12-31',
  { message: 'must be between 1900-01-01 and 2199-12-31' },
);

// ---------------------------------------------------------------------------------------
// The plan as read
// ---------------------------------------------------------------------------------------

export const planMeasureSchema = z.object({
  id: z.uuid(),
  ownerParty: partySchema,
  kind: measureKindSchema,
  category: measureCategorySchema,
  title: z.string(),
  description: z.string().nullable(),
  responsibleName: z.string().nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  status: measureStatusSchema,
  followUpDate: isoDateSchema.nullable(),
});
export type PlanMeasureView = z.infer<typeof planMeasureSchema>;

export const sickLeaveStepSchema = z.object({
  degree: z.number().int(),
  fromDate: isoDateSchema,
  toDate: isoDateSchema.nullable(),
});
export type SickLeaveStepView = z.infer<typeof sickLeaveStepSchema>;

export const planFollowUpSchema = z.object({
  date: isoDateSchema,
  description: z.string(),
  ownerParty: partySchema.nullable(),
  done: z.boolean(),
});
export type PlanFollowUpView = z.infer<typeof planFollowUpSchema>;

/**
 * What the quality check reports (the social insurance inspectorate's criterion: every
 * measure has someone responsible, a date and a follow-up; the plan has a goal, an expected
 * return date with its basis, at least one measure and a coming follow-up). Only about what
 * the caller can see, and empty for a caller who may not read the plan's shared part (then
 * `withheldParts` names it) or when the employer recorded that no plan is needed.
 */
export const PLAN_QUALITY_CODES = [
  'PLAN_WITHOUT_GOAL',
  'PLAN_WITHOUT_RETURN_DATE',
  /** A return date without what it rests on (the certificate, a joint assessment). */
  'PLAN_WITHOUT_RETURN_BASIS',
  'PLAN_WITHOUT_MEASURES',
  /** No follow-up of the plan that is neither done nor past. */
  'PLAN_WITHOUT_FOLLOW_UP',
  'MEASURE_WITHOUT_RESPONSIBLE',
  'MEASURE_WITHOUT_START_DATE',
  'MEASURE_WITHOUT_FOLLOW_UP',
] as const;
export const planQualityCodeSchema = z.enum(PLAN_QUALITY_CODES);
export type PlanQualityCode = z.infer<typeof planQualityCodeSchema>;

export const planQualityProblemSchema = z.object({
  code: planQualityCodeSchema,
  /** Where in this view: 'goal', 'followUps', 'measures.2.followUpDate'. */
  path: z.string(),
  measureId: z.uuid().nullable(),
  message: z.string(),
});
export type PlanQualityProblem = z.infer<typeof planQualityProblemSchema>;

/** The plan's own parts, each with one owner (the employer's part, the doctor's steps, …). */
export const PLAN_PARTS = [
  'goal',
  'expectedReturnDate',
  'expectedReturnBasis',
  'contactArrangements',
  'followUps',
  'notNeededReason',
  'sickLeaveSteps',
  'patientView',
] as const;
export const planPartSchema = z.enum(PLAN_PARTS);
export type PlanPartName = z.infer<typeof planPartSchema>;

/**
 * What a sign-off means. The employer establishes (fastställer) its plan för återgång i
 * arbete; the patient confirms she took part and agrees, or records that she does not.
 */
export const SIGNOFF_DECISIONS = ['ESTABLISHED', 'AGREED', 'DISAGREED'] as const;
export const signoffDecisionSchema = z.enum(SIGNOFF_DECISIONS);
export type SignoffDecision = z.infer<typeof signoffDecisionSchema>;

/** A sign-off of one plan version: who decided what, and when. */
export const planSignoffSchema = z.object({
  version: z.number().int(),
  party: partySchema,
  name: z.string(),
  decision: signoffDecisionSchema,
  comment: z.string().nullable(),
  signedAt: z.iso.datetime(),
  /** Whether the caller made it (the web client asks again for its own, not others'). */
  byMe: z.boolean(),
});
export type PlanSignoffView = z.infer<typeof planSignoffSchema>;

export const planSchema = z.object({
  /** Null until the first save creates the plan. */
  id: z.uuid().nullable(),
  /** 0 until the first save; the ETag is `"<version>"`. */
  version: z.number().int(),
  goal: z.string().nullable(),
  expectedReturnDate: isoDateSchema.nullable(),
  expectedReturnBasis: z.string().nullable(),
  contactArrangements: z.string().nullable(),
  patientView: z.string().nullable(),
  measures: z.array(planMeasureSchema),
  sickLeaveSteps: z.array(sickLeaveStepSchema),
  /**
   * The case has certificates (läkarintyg): the steps are derived from them and change
   * only with a new certificate, never by saving the plan.
   */
  stepsFromCertificates: z.boolean(),
  followUps: z.array(planFollowUpSchema),
  /** The employer's recorded assessment that no plan is needed (SFB 30 kap. 6 §), if any. */
  notNeededReason: z.string().nullable(),
  /** Sign-offs that hold for the current version (nothing the signer saw has changed). */
  signoffs: z.array(planSignoffSchema),
  /**
   * Each signer's newest sign-off that a later save made stale (something the signer saw
   * changed): `version` is the one they signed; they are asked to sign again.
   */
  earlierSignoffs: z.array(planSignoffSchema),
  quality: z.array(planQualityProblemSchema),
  updatedAt: z.iso.datetime().nullable(),
  /** Categories the plan covers that the caller's party has not been granted. */
  withheld: z.array(categorySchema),
  /**
   * The plan's own parts the caller may not read (shown empty above): a client says
   * "not shared with you" for these instead of "nothing written yet".
   */
  withheldParts: z.array(planPartSchema),
});
export type PlanView = z.infer<typeof planSchema>;

// ---------------------------------------------------------------------------------------
// Saving the plan
// ---------------------------------------------------------------------------------------

export const planMeasureInputSchema = z
  .strictObject({
    /** Absent for a new measure. */
    id: z.uuid().optional(),
    /** Defaults to the caller's party; a party creates and edits only its own measures. */
    ownerParty: partySchema.optional(),
    kind: measureKindSchema,
    /** MEDICAL (treatment details) only for care's and the patient's own measures. */
    category: measureCategorySchema.optional(),
    title: requiredText(200),
    description: text(4000).nullable().optional(),
    responsibleName: text(200).nullable().optional(),
    startDate: planDateSchema.nullable().optional(),
    endDate: planDateSchema.nullable().optional(),
    status: measureStatusSchema.optional(),
    followUpDate: planDateSchema.nullable().optional(),
  })
  .superRefine((measure, ctx) => {
    if (measure.startDate && measure.endDate && measure.endDate < measure.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'must not be before startDate',
        params: { reason: 'END_BEFORE_START' },
      });
    }
  });
export type PlanMeasureInput = z.infer<typeof planMeasureInputSchema>;

export const SICK_LEAVE_DEGREES = [0, 25, 50, 75, 100] as const;

export const sickLeaveStepInputSchema = z
  .strictObject({
    degree: z.literal(SICK_LEAVE_DEGREES),
    fromDate: planDateSchema,
    toDate: planDateSchema.nullable().optional(),
  })
  .superRefine((step, ctx) => {
    if (step.toDate && step.toDate < step.fromDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: 'must not be before fromDate',
        params: { reason: 'END_BEFORE_START' },
      });
    }
  });
export type SickLeaveStepInput = z.infer<typeof sickLeaveStepInputSchema>;

export const planFollowUpInputSchema = z.strictObject({
  date: planDateSchema,
  description: requiredText(500),
  ownerParty: partySchema.nullable().optional(),
  done: z.boolean().optional(),
});
export type PlanFollowUpInput = z.infer<typeof planFollowUpInputSchema>;

/**
 * PUT /plan. Send the version you read (here or as `If-Match: "<version>"`; 0 creates the
 * plan). A field left out is left as it is; `measures` is the list of the measures you keep:
 * your own ones missing from it are deleted, other parties' ones are never changed by you.
 */
export const updatePlanRequestSchema = z.strictObject({
  version: z.number().int().min(0).max(MAX_VERSION).optional(),
  goal: text(2000).nullable().optional(),
  expectedReturnDate: planDateSchema.nullable().optional(),
  expectedReturnBasis: text(2000).nullable().optional(),
  contactArrangements: text(2000).nullable().optional(),
  /** The patient's own view and goals: only the patient writes it. */
  patientView: text(4000).nullable().optional(),
  measures: z
    .array(planMeasureInputSchema)
    .max(100)
    .superRefine((measures, ctx) => {
      const seen = new Set<string>();
      measures.forEach((measure, index) => {
        if (!measure.id) return;
        if (seen.has(measure.id)) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'appears twice' });
        }
        seen.add(measure.id);
      });
    })
    .optional(),
  sickLeaveSteps: z
    .array(sickLeaveStepInputSchema)
    .max(24)
    .superRefine((steps, ctx) => {
      // A graded schedule: steps follow each other without overlapping.
      steps.forEach((step, index) => {
        const previous = index > 0 ? steps[index - 1] : undefined;
        if (!previous) return;
        if (!previous.toDate || step.fromDate <= previous.toDate) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'fromDate'],
            message: 'must come after the previous step ends',
            params: { reason: 'STEP_ORDER' },
          });
        }
      });
    })
    .optional(),
  followUps: z.array(planFollowUpInputSchema).max(50).optional(),
  // Server-managed parts of the plan as GET returns it. Accepted so that an integrator can
  // GET, edit and PUT the same representation back; never taken from the body (sign-offs,
  // the quality check and the time are the server's; "not needed" has its own request).
  id: z.uuid().nullable().optional(),
  stepsFromCertificates: z.boolean().optional(),
  notNeededReason: z.string().nullable().optional(),
  signoffs: z.array(planSignoffSchema).optional(),
  earlierSignoffs: z.array(planSignoffSchema).optional(),
  quality: z.array(planQualityProblemSchema).optional(),
  updatedAt: z.iso.datetime().nullable().optional(),
  withheld: z.array(categorySchema).optional(),
  withheldParts: z.array(planPartSchema).optional(),
});
export type UpdatePlanRequest = z.infer<typeof updatePlanRequestSchema>;

// ---------------------------------------------------------------------------------------
// Revisions
// ---------------------------------------------------------------------------------------

/** The plan as one revision saved it (measures filtered for the reader). */
export const planSnapshotSchema = z.object({
  version: z.number().int(),
  goal: z.string().nullable(),
  expectedReturnDate: isoDateSchema.nullable(),
  expectedReturnBasis: z.string().nullable(),
  contactArrangements: z.string().nullable(),
  patientView: z.string().nullable(),
  measures: z.array(planMeasureSchema),
  sickLeaveSteps: z.array(sickLeaveStepSchema),
  followUps: z.array(planFollowUpSchema),
});
export type PlanSnapshotView = z.infer<typeof planSnapshotSchema>;

/**
 * One readable change: `{op: 'changed', path: 'goal', from, to}`,
 * `{op: 'changed', path: 'measures[<id>].status', from, to, measure}`,
 * `{op: 'added' | 'removed', path: 'measures[<id>]', measure}`.
 */
export const planDiffEntrySchema = z.object({
  op: z.enum(['added', 'removed', 'changed']),
  path: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
  measure: z
    .object({
      id: z.uuid(),
      title: z.string(),
      ownerParty: partySchema,
      /** The measure's category before and after the change (one entry when unchanged). */
      categories: z.array(measureCategorySchema),
    })
    .optional(),
});
export type PlanDiffEntry = z.infer<typeof planDiffEntrySchema>;

export const planRevisionSummarySchema = z.object({
  number: z.number().int(),
  authorName: z.string(),
  authorParty: partySchema,
  createdAt: z.iso.datetime(),
  /** What changed, in Swedish, about what the reader may see: "Ändrade målet; lade till 1 insats". */
  summary: z.string(),
  summaryEn: z.string(),
  /** Who signed this version (empty for a reader who may not see the employer's plan). */
  signoffs: z.array(planSignoffSchema),
});
export type PlanRevisionSummary = z.infer<typeof planRevisionSummarySchema>;

export const planRevisionSchema = planRevisionSummarySchema.extend({
  snapshot: planSnapshotSchema,
  diff: z.array(planDiffEntrySchema),
});
export type PlanRevisionView = z.infer<typeof planRevisionSchema>;

export const planRevisionParamsSchema = z.strictObject({
  id: z.uuid(),
  n: z.coerce.number().int().min(1).max(MAX_VERSION),
});

// ---------------------------------------------------------------------------------------
// Sign-off and "plan not needed"
// ---------------------------------------------------------------------------------------

export const signPlanRequestSchema = z.strictObject({
  /** The version read: a sign-off is for exactly that version. */
  version: z.number().int().min(1).max(MAX_VERSION),
  /**
   * ESTABLISHED (the employer's), AGREED or DISAGREED (the patient's): the overview's
   * `plan:sign:<DECISION>` permissions say which. Defaults to the caller's first.
   */
  decision: signoffDecisionSchema.optional(),
  /** The patient's own words, e.g. why she does not agree. */
  comment: text(2000).nullable().optional(),
});
export type SignPlanRequest = z.infer<typeof signPlanRequestSchema>;

export const planNotNeededRequestSchema = z.strictObject({
  /** Why no plan för återgång i arbete is needed (e.g. back at work within 60 days). */
  reason: requiredText(2000),
});
export type PlanNotNeededRequest = z.infer<typeof planNotNeededRequestSchema>;

export const planNotNeededSchema = z.object({
  reason: z.string(),
  /** The RETURN_TO_WORK_PLAN deadline task, now done; null when the case has none. */
  deadlineTask: z
    .object({ id: z.uuid(), status: taskStatusSchema, version: z.number().int() })
    .nullable(),
});
export type PlanNotNeededView = z.infer<typeof planNotNeededSchema>;
