import { z } from 'zod';
import { loginResponseSchema } from './auth';
import {
  organisationKindSchema,
  type OrganisationKind,
  type Party,
  ROLES_BY_PARTY,
  roleSchema,
} from './enums';

// Organisations and their staff (issue 12): the organisation's own records say who acts for
// it and in which role; the administrator (ORG_ADMIN) keeps those records.

/** The party a member of each kind of organisation acts for in a case. */
export const PARTY_OF_ORGANISATION_KIND = {
  CARE_UNIT: 'CARE',
  EMPLOYER: 'EMPLOYER',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
  FK: 'FK',
  AF: 'AF',
} as const satisfies Readonly<Record<OrganisationKind, Exclude<Party, 'PATIENT'>>>;

/** The roles a member of each kind of organisation can be given. */
export const rolesOfOrganisationKind = (kind: OrganisationKind) =>
  ROLES_BY_PARTY[PARTY_OF_ORGANISATION_KIND[kind]];

export const organisationParamsSchema = z.strictObject({ organisationId: z.uuid() });
export const memberParamsSchema = z.strictObject({
  organisationId: z.uuid(),
  userId: z.uuid(),
});
export const staffInvitationParamsSchema = z.strictObject({
  organisationId: z.uuid(),
  invitationId: z.uuid(),
});

export const organisationSchema = z.object({
  id: z.uuid(),
  kind: organisationKindSchema,
  name: z.string(),
  organisationsnummer: z.string().nullable(),
  hsaId: z.string().nullable(),
});
export type OrganisationView = z.infer<typeof organisationSchema>;

/** GET /api/organisations/:organisationId/members (ORG_ADMIN of that organisation). */
export const staffMemberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  since: z.iso.datetime(),
  /** Open cases the member takes part in for this organisation. */
  openCases: z.number().int(),
});
export type StaffMemberView = z.infer<typeof staffMemberSchema>;

const rolesSchema = z.array(roleSchema).min(1).max(8);

/** POST /api/organisations/:organisationId/invitations: a colleague, by e-mail, with roles. */
export const staffInvitationRequestSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  roles: rolesSchema,
});
export type StaffInvitationRequest = z.infer<typeof staffInvitationRequestSchema>;

export const staffInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  invitedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type StaffInvitationView = z.infer<typeof staffInvitationSchema>;

/** PUT /api/organisations/:organisationId/members/:userId/roles */
export const changeRolesRequestSchema = z.strictObject({ roles: rolesSchema });
export type ChangeRolesRequest = z.infer<typeof changeRolesRequestSchema>;

/**
 * POST /api/organisations/:organisationId/members/:userId/deactivate: the member no longer
 * acts for the organisation; their sessions and sockets end at once and the open cases they
 * take part in for it are handed to the named colleague (required when there are any).
 */
export const deactivateMemberRequestSchema = z.strictObject({
  handOverToUserId: z.uuid().optional(),
});
export type DeactivateMemberRequest = z.infer<typeof deactivateMemberRequestSchema>;
export const deactivateMemberResponseSchema = z.object({ handedOverCases: z.number().int() });

/** The opaque token of an e-mailed link (account invitation, reset, case opening, ...). */
export const linkTokenSchema = z.string().trim().min(20).max(200);

/** POST /api/account-invitations/lookup {token}: what the link is for, before accepting. */
export const accountInvitationLookupRequestSchema = z.strictObject({ token: linkTokenSchema });
export const accountInvitationLookupSchema = z.object({
  organisation: z.object({ name: z.string(), kind: organisationKindSchema }),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  /** Who invited them ("Åsa Admin har bjudit in dig …"); null when the operator's command did. */
  invitedBy: z.object({ name: z.string() }).nullable(),
  /** An account with this e-mail exists: the invitee signs in and accepts, no new password. */
  accountExists: z.boolean(),
  expiresAt: z.iso.datetime(),
});
export type AccountInvitationLookup = z.infer<typeof accountInvitationLookupSchema>;

/**
 * POST /api/account-invitations/accept: with `password` (and optionally a corrected `name`)
 * a new account is created and signed in (LoginResponse and the refresh cookie); for an
 * existing account the caller signs in first and sends the token alone.
 */
export const acceptAccountInvitationRequestSchema = z.strictObject({
  token: linkTokenSchema,
  password: z.string().min(1).max(256).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type AcceptAccountInvitationRequest = z.infer<typeof acceptAccountInvitationRequestSchema>;

/** What accepting answers: a new account is signed in (like login); an existing one already was. */
export const acceptAccountInvitationResponseSchema = z.union([
  loginResponseSchema,
  z.object({ ok: z.literal(true) }),
]);
export type AcceptAccountInvitationResponse = z.infer<typeof acceptAccountInvitationResponseSchema>;

/**
 * GET /api/organisations/directory?kind=&q= (signed-in staff): organisations a case can
 * invite, by name. Names and kinds only: a directory, not anyone's staff.
 */
export const organisationDirectoryQuerySchema = z.strictObject({
  kind: organisationKindSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export const organisationDirectoryEntrySchema = z.object({
  id: z.uuid(),
  kind: organisationKindSchema,
  name: z.string(),
});
export type OrganisationDirectoryEntry = z.infer<typeof organisationDirectoryEntrySchema>;

/**
 * GET /api/organisations/:organisationId/colleagues (any member): the members with a case
 * role, to hand a case to or invite into one. Name and roles only, no e-mail.
 */
export const colleagueSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  roles: z.array(roleSchema),
});
export type ColleagueView = z.infer<typeof colleagueSchema>;
