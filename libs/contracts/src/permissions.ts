import { z } from 'zod';
import { MEETING_KINDS, type MeetingKind } from './enums';
import { SIGNOFF_DECISIONS, type SignoffDecision } from './plan';

/** `meeting:create:SASSAM` and its siblings: one permission per kind of meeting. */
export const MEETING_CREATE_PERMISSIONS = MEETING_KINDS.map(
  (kind) => `meeting:create:${kind}` as const,
) as readonly `meeting:create:${MeetingKind}`[];

/** `plan:sign:ESTABLISHED` and its siblings: what the caller's sign-off may decide. */
export const PLAN_SIGN_PERMISSIONS = SIGNOFF_DECISIONS.map(
  (decision) => `plan:sign:${decision}` as const,
) as readonly `plan:sign:${SignoffDecision}`[];

/** The facts a caller may correct (PATCH /facts), one permission per field. */
export const CASE_FACT_UPDATE_FIELDS = [
  'sickPeriodStart',
  'earlierPeriods',
  'employmentStatus',
  'expectedLengthDays',
  'expectedLengthBasis',
] as const;
export type CaseFactUpdateField = (typeof CASE_FACT_UPDATE_FIELDS)[number];
export const CASE_FACT_UPDATE_PERMISSIONS = CASE_FACT_UPDATE_FIELDS.map(
  (field) => `case:update-facts:${field}` as const,
) as readonly `case:update-facts:${CaseFactUpdateField}`[];

/**
 * What a caller may do in a workspace. The API computes these from the same ability it
 * enforces (apps/api/src/access) and sends them in the overview, so the web client shows
 * exactly what the API allows and never guesses. A permission says the caller may do it
 * to something; each item may still refuse (another party's measure, a task not theirs).
 */
export const PERMISSIONS = [
  'workspace:read',
  'participant:invite',
  'participant:remove',
  /** Give one's own place in the case to a colleague of the same organisation. */
  'participant:hand-over',
  /** See invitations into the case (the patient: all; others: their party's). */
  'invitation:read',
  /** Approve another party's participation: the patient's decision. */
  'invitation:approve',
  'consent:read',
  'consent:manage',
  'access-log:read',
  'plan:read',
  /** Something in the plan: a part the caller's party owns or its own measures. */
  'plan:update',
  /** The employer's part: goal, expected return date and its basis, contact, follow-ups. */
  'plan:update-employer-part',
  /** The graded sick-leave steps: the treating doctor's decision. */
  'plan:update-sick-leave-steps',
  /** The patient's own view and goals. */
  'plan:update-patient-view',
  /** Measures of the caller's own party. */
  'plan:update-measures',
  /** Measures with treatment details (category MEDICAL). */
  'plan:update-medical-measures',
  'plan:record-not-needed',
  /** Some decision on the plan; which ones: the `plan:sign:<DECISION>` permissions. */
  'plan:sign',
  ...PLAN_SIGN_PERMISSIONS,
  /**
   * Send a version of the plan to FK (the employer: the party that establishes it). The same
   * route sends it to care, only while the patient's consent lets care see the plan.
   */
  'plan:hand-over',
  /** See the plan's hand-overs and FK's requests for it. */
  'plan:handovers:read',
  /** Acknowledge receipt of a plan handed to one's party. */
  'plan:handover:acknowledge',
  /** Ask the employer for its plan (FK, SFB 110 kap. 14 och 31 §§). */
  'plan:request',
  'task:read',
  'task:create',
  'task:create-medical',
  'meeting:read',
  /** Some kind of meeting; which ones: the `meeting:create:<KIND>` permissions. */
  'meeting:create',
  ...MEETING_CREATE_PERMISSIONS,
  /** Ask FK for an avstämningsmöte (the patient, care's doctor or coordinator, the employer). */
  'meeting-request:create',
  /** Answer the requests for an avstämningsmöte (FK's case officer). */
  'meeting-request:answer',
  'note:read',
  /** Notes of the meetings the caller's party arranged or the caller was invited to. */
  'note:create',
  'note:create-medical',
  'document:read',
  'document:upload',
  'document:upload-medical',
  'event:read',
  /** Enter a läkarintyg: the treating doctor. */
  'certificate:create',
  /** Some of the case's facts; which ones: the `case:update-facts:<FIELD>` permissions. */
  'case:update-facts',
  ...CASE_FACT_UPDATE_PERMISSIONS,
  'case:close',
  'case:reopen',
  /** Download her whole case (PDF and FHIR JSON): the patient's own copy, GDPR art. 15 and 20. */
  'case:export',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;
