import { z } from 'zod';
import { isoDateSchema } from './common';
import {
  categorySchema,
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
  /** Needed only when the patient has no account yet. */
  patientName: z.string().trim().min(1).max(200).optional(),
  patientEmail: z.email().max(254).optional(),
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
  expectedLengthDays: z.number().int().nullable(),
  sickLeaveDegree: z.number().int().nullable(),
  rehabChain: rehabChainSchema,
  participants: z.array(participantSchema),
  me: z.object({ participantId: z.uuid(), party: partySchema, role: roleSchema.nullable() }),
  /** Categories the caller's party may see by consent (all for the patient). */
  grantedCategories: z.array(categorySchema),
  /** What the caller may do here; the web client shows exactly this. */
  permissions: z.array(permissionSchema),
});
export type WorkspaceOverview = z.infer<typeof workspaceOverviewSchema>;

export const inviteParticipantRequestSchema = z.strictObject({
  email: z.email().max(254),
  party: consentPartySchema,
  organisationId: z.uuid().optional(),
  role: roleSchema.optional(),
});
export type InviteParticipantRequest = z.infer<typeof inviteParticipantRequestSchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  workspaceId: z.uuid(),
  email: z.string(),
  party: partySchema,
  organisation: organisationRefSchema.nullable(),
  role: roleSchema.nullable(),
  invitedBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
});
export type InvitationView = z.infer<typeof invitationSchema>;

export const participantParamsSchema = z.strictObject({ id: z.uuid(), participantId: z.uuid() });
export const invitationParamsSchema = z.strictObject({ invitationId: z.uuid() });
