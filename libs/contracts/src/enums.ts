import { z } from 'zod';

// The vocabulary shared by the API, the web client and the database enums
// (prisma/schema.prisma uses the same names; a test keeps them in step).

/** The parties (aktörer) that take part in a sick-leave case. */
export const PARTIES = ['PATIENT', 'EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'] as const;
export const partySchema = z.enum(PARTIES);
export type Party = z.infer<typeof partySchema>;

/** Parties other than the patient: the ones a consent can be granted to. */
export const CONSENT_PARTIES = ['EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'] as const;
export const consentPartySchema = z.enum(CONSENT_PARTIES);
export type ConsentParty = z.infer<typeof consentPartySchema>;

/** Information categories a consent (a specific secrecy waiver, OSL 12 kap. 2 §) covers. */
export const CATEGORIES = [
  'PLAN',
  'TASKS',
  'MEETINGS',
  'MEETING_NOTES',
  'DOCUMENTS',
  'MEDICAL',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const ORGANISATION_KINDS = [
  'CARE_UNIT',
  'EMPLOYER',
  'OCCUPATIONAL_HEALTH',
  'FK',
  'AF',
] as const;
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

/** Roles a person holds in an organisation (membership). */
export const ROLES = [
  'DOCTOR',
  'COORDINATOR',
  'THERAPIST',
  'MANAGER',
  'HR',
  'FHV_CONSULTANT',
  'CASE_OFFICER',
  'ORG_ADMIN',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * The roles a person can hold for each party. A role outside its party's list counts for
 * nothing (an employer participant stored as DOCTOR is no doctor). ORG_ADMIN administers an
 * organisation and sees no case content.
 */
export const ROLES_BY_PARTY = {
  PATIENT: [],
  EMPLOYER: ['MANAGER', 'HR', 'ORG_ADMIN'],
  CARE: ['DOCTOR', 'COORDINATOR', 'THERAPIST', 'ORG_ADMIN'],
  FK: ['CASE_OFFICER', 'ORG_ADMIN'],
  AF: ['CASE_OFFICER', 'ORG_ADMIN'],
  OCCUPATIONAL_HEALTH: ['FHV_CONSULTANT', 'ORG_ADMIN'],
} as const satisfies Readonly<Record<Party, readonly Role[]>>;

export const WORKSPACE_STATUSES = ['ACTIVE', 'CLOSED'] as const;
export const workspaceStatusSchema = z.enum(WORKSPACE_STATUSES);
export type WorkspaceStatus = z.infer<typeof workspaceStatusSchema>;

/** Which parts of the rehabilitation chain apply (libs/domain rehab-employment.ts). */
export const EMPLOYMENT_STATUSES = ['EMPLOYED', 'UNEMPLOYED', 'SELF_EMPLOYED'] as const;
export const employmentStatusSchema = z.enum(EMPLOYMENT_STATUSES);
export type EmploymentStatus = z.infer<typeof employmentStatusSchema>;

/** Why a case was closed. BENEFIT_ENDED: the omställningsmöte with FK and AF comes next. */
export const CASE_CLOSING_REASONS = [
  'BACK_AT_WORK_FULL',
  'SICK_LEAVE_ENDED',
  'NEW_EMPLOYER',
  'BENEFIT_ENDED',
  'OTHER',
] as const;
export const caseClosingReasonSchema = z.enum(CASE_CLOSING_REASONS);
export type CaseClosingReason = z.infer<typeof caseClosingReasonSchema>;

export const MEASURE_KINDS = [
  'WORKPLACE_ADAPTATION',
  'WORK_TRAINING',
  'RELOCATION',
  'WORK_AID',
  'TRAINING',
  'OCCUPATIONAL_HEALTH',
  'TREATMENT',
  'REHABILITATION',
  'COORDINATION',
  'LABOUR_MARKET',
  'OTHER',
] as const;
export const measureKindSchema = z.enum(MEASURE_KINDS);
export type MeasureKind = z.infer<typeof measureKindSchema>;

export const MEASURE_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export const measureStatusSchema = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof measureStatusSchema>;

/** A plan measure is either ordinary plan content or medical information. */
export const MEASURE_CATEGORIES = ['PLAN', 'MEDICAL'] as const;
export const measureCategorySchema = z.enum(MEASURE_CATEGORIES);
export type MeasureCategory = z.infer<typeof measureCategorySchema>;

export const MEETING_KINDS = [
  'AVSTAMNINGSMOTE',
  'SASSAM',
  'GEMENSAM_KARTLAGGNING',
  'OMSTALLNINGSMOTE',
  'WORKPLACE_REHAB',
  'FOLLOW_UP',
] as const;
export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const MEETING_STATUSES = ['PROPOSED', 'SCHEDULED', 'CANCELLED'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const SLOT_ANSWERS = ['YES', 'NO', 'MAYBE'] as const;
export const slotAnswerSchema = z.enum(SLOT_ANSWERS);
export type SlotAnswer = z.infer<typeof slotAnswerSchema>;

export const TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const AUDIT_OUTCOMES = ['ALLOWED', 'DENIED'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;
