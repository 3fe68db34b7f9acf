import { z } from 'zod';
import { isoDateSchema } from './common';
import {
  caseClosingReasonSchema,
  categorySchema,
  employmentStatusSchema,
  consentPartySchema,
  organisationKindSchema,
  partySchema,
  roleSchema,
  workspaceStatusSchema,
} from './enums';
import { permissionSchema } from './permissions';

export const createWorkspaceRequestSchema = z.strictObject({
  /** The patient, identified by personnummer or samordningsnummer (validated; never logged). */
  patientPersonnummer: z.string().trim().min(10).max(13),
  /**
   * Where to ask her, and what to call her in the request: used only if she has no account
   * yet (a person with an account is asked at her own address). Always asked for, so the
   * answer never tells whether she has one.
   */
  patientName: z.string().trim().min(1).max(200),
  patientEmail: z.email().max(254),
  /** The organisation the caller acts for, when they belong to several. */
  actingOrganisationId: z.uuid().optional(),
  employerOrganisationId: z.uuid().optional(),
  sickPeriodStart: isoDateSchema,
  earlierSickDays: z.number().int().min(0).max(3650).optional(),
  expectedLengthDays: z.number().int().min(1).max(3650).optional(),
  sickLeaveDegree: z
    .union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)])
    .optional(),
});
export type CreateWorkspaceRequest = z.infer<typeof createWorkspaceRequestSchema>;

export const milestoneSchema = z.object({
  key: z.string(),
  day: z.number().int(),
  date: isoDateSchema.nullable(),
  owner: partySchema.nullable(),
  status: z.enum(['PASSED', 'DUE_TODAY', 'UPCOMING']),
  titleSv: z.string(),
  titleEn: z.string(),
  legalSource: z.string(),
});

export const rehabChainSchema = z.object({
  day: z.number().int(),
  phase: z.string(),
  phaseLabelSv: z.string(),
  phaseLabelEn: z.string(),
  milestones: z.array(milestoneSchema),
});
export type RehabChainView = z.infer<typeof rehabChainSchema>;

export const organisationRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: organisationKindSchema,
});

export const participantSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  party: partySchema,
  role: roleSchema.nullable(),
  organisation: organisationRefSchema.nullable(),
  joinedAt: z.iso.datetime(),
});
export type ParticipantView = z.infer<typeof participantSchema>;

export const workspaceSummarySchema = z.object({
  id: z.uuid(),
  patient: z.object({ id: z.uuid(), name: z.string() }),
  employer: organisationRefSchema.nullable(),
  status: workspaceStatusSchema,
  sickPeriodStart: isoDateSchema,
  myParty: partySchema,
  rehabChain: z.object({ day: z.number().int(), phase: z.string() }),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

export const workspaceOverviewSchema = z.object({
  id: z.uuid(),
  status: workspaceStatusSchema,
  patient: z.object({ id: z.uuid(), name: z.string() }),
  employer: organisationRefSchema.nullable(),
  sickPeriodStart: isoDateSchema,
  earlierSickDays: z.number().int(),
  /** Null: not known yet (the doctor is asked for it). */
  expectedLengthDays: z.number().int().nullable(),
  expectedLengthBasis: z.string().nullable(),
  employmentStatus: employmentStatusSchema,
  sickLeaveDegree: z.number().int().nullable(),
  rehabChain: rehabChainSchema,
  /** Set while the case is closed: read-only, and when it may still be reopened. */
  closing: z
    .object({
      closedOn: isoDateSchema,
      reason: caseClosingReasonSchema,
      note: z.string().nullable(),
      /** The last day a new sick period continues this case's chain (reopen). */
      reopenUntil: isoDateSchema,
    })
    .nullable(),
  /** The closed case this one follows (a new sick period too late to join its chain). */
  previousCaseId: z.uuid().nullable(),
  participants: z.array(participantSchema),
  me: z.object({ participantId: z.uuid(), party: partySchema, role: roleSchema.nullable() }),
  /** Categories the caller's party may see by consent (all for the patient). */
  grantedCategories: z.array(categorySchema),
  /** What the caller may do here; the web client shows exactly this. */
  permissions: z.array(permissionSchema),
});
export type WorkspaceOverview = z.infer<typeof workspaceOverviewSchema>;

/**
 * POST /api/workspaces/:id/invitations. The invitee acts for `organisationId` (by default
 * the inviter's own organisation) and only if that organisation's records say they belong
 * to it: their role comes from their membership, never from the inviter. An invitation to
 * another organisation than the inviter's own waits for the patient's approval.
 */
export const inviteParticipantRequestSchema = z.strictObject({
  email: z.email().max(254),
  organisationId: z.uuid().optional(),
  /** Optional check: the party the organisation acts for (422 if it does not). */
  party: consentPartySchema.optional(),
});
export type InviteParticipantRequest = z.infer<typeof inviteParticipantRequestSchema>;

export const INVITATION_STATUSES = [
  /** Waits for the patient's approval. */
  'AWAITING_PATIENT',
  /** Can be accepted by the invitee. */
  'OPEN',
  'ACCEPTED',
  /** Withdrawn by the patient or the inviter, or voided when the inviter was removed. */
  'WITHDRAWN',
  'EXPIRED',
] as const;
export const invitationStatusSchema = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.string(),
  party: partySchema,
  organisation: organisationRefSchema.nullable(),
  invitedBy: z.object({ id: z.uuid(), name: z.string() }),
  status: invitationStatusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
});
export type InvitationView = z.infer<typeof invitationSchema>;

/** POST /api/invitations/accept {token}: the signed-in invitee, from the e-mailed link. */
export const acceptInvitationByTokenRequestSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
});

/** POST /api/workspaces/:id/handover: the caller's place in the case goes to a colleague. */
export const handOverRequestSchema = z.strictObject({ toUserId: z.uuid() });
export type HandOverRequest = z.infer<typeof handOverRequestSchema>;

// ---------------------------------------------------------------------------------------
// Opening a case: pending until the patient accepts (issue 12, hole 2)
// ---------------------------------------------------------------------------------------

export const CASE_OPENING_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
export const caseOpeningStatusSchema = z.enum(CASE_OPENING_STATUSES);
export type CaseOpeningStatus = z.infer<typeof caseOpeningStatusSchema>;

/**
 * The answer to POST /api/workspaces (202) and an item of GET /api/case-openings: the same
 * whether or not the person already has an account, and holding only what the opener typed.
 * Once accepted, `workspaceId` (= `id`) opens the case.
 */
export const caseOpeningSchema = z.object({
  id: z.uuid(),
  status: caseOpeningStatusSchema,
  /** The name as the opener typed it. */
  patientName: z.string(),
  actingOrganisation: organisationRefSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  workspaceId: z.uuid().nullable(),
  /** The closed case this request continues (a new sick period too late to join it). */
  previousCaseId: z.uuid().nullable(),
});
export type CaseOpeningView = z.infer<typeof caseOpeningSchema>;

export const caseOpeningParamsSchema = z.strictObject({ openingId: z.uuid() });

/** POST /api/case-openings/lookup {token}: for the person's answer page. */
export const caseOpeningTokenRequestSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
});
export const caseOpeningLookupSchema = z.object({
  id: z.uuid(),
  status: caseOpeningStatusSchema,
  opener: z.object({ name: z.string() }),
  organisation: z.object({ name: z.string(), kind: organisationKindSchema }),
  employer: z.object({ name: z.string() }).nullable(),
  sickPeriodStart: isoDateSchema,
  /** It continues an earlier, closed case of hers: a new sick period, a new case. */
  followsEarlierCase: z.boolean(),
  expiresAt: z.iso.datetime(),
  /** She already has an account: she signs in (password or e-ID) and then accepts. */
  accountExists: z.boolean(),
});
export type CaseOpeningLookup = z.infer<typeof caseOpeningLookupSchema>;

/** POST /api/case-openings/accept {token}: signed in as the person (her personnummer). */
export const acceptCaseOpeningRequestSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
});

/**
 * POST /api/case-openings/register {token, password}: the person has no account yet; the
 * password creates hers (signed in: a session and the refresh cookie) and the case opens.
 */
export const registerCaseOpeningRequestSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
  password: z.string().min(1).max(256),
});

export const acceptCaseOpeningResponseSchema = z.object({
  workspaceId: z.uuid(),
  /** Set by register: the new session (the refresh token is in the cookie). */
  accessToken: z.string().optional(),
  expiresIn: z.number().int().optional(),
});
export type AcceptCaseOpeningResponse = z.infer<typeof acceptCaseOpeningResponseSchema>;

export const participantParamsSchema = z.strictObject({ id: z.uuid(), participantId: z.uuid() });
export const invitationParamsSchema = z.strictObject({ invitationId: z.uuid() });
