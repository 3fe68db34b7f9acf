import { z } from 'zod';
import { organisationKindSchema, partySchema, roleSchema } from './enums';

export const loginRequestSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: z.number().int(),
  user: userSummarySchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/**
 * What a member may do with their organisation as a whole (GET /me, per organisation),
 * asked of the same organisation ability the API enforces, so the web client offers only
 * what the API allows.
 */
export const ORGANISATION_PERMISSIONS = [
  /** Follow-up statistics about the organisation's cases (issue 18). */
  'statistics:read',
] as const;
export const organisationPermissionSchema = z.enum(ORGANISATION_PERMISSIONS);
export type OrganisationPermission = z.infer<typeof organisationPermissionSchema>;

export const meResponseSchema = z.object({
  user: userSummarySchema,
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: organisationKindSchema,
      roles: z.array(roleSchema),
      /** What the caller may do with the organisation (from its ability, not the roles). */
      permissions: z.array(organisationPermissionSchema),
    }),
  ),
  parties: z.array(z.object({ workspaceId: z.uuid(), party: partySchema })),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const oidcStatusSchema = z.object({ enabled: z.boolean() });

/** POST /api/auth/password (signed in) → 204; every other session of the account ends. */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/**
 * POST /api/auth/password-reset {email} → 202 whether or not the account exists (no
 * enumeration); the owner of an account gets a link by e-mail.
 */
export const passwordResetRequestSchema = z.strictObject({ email: z.email().max(254) });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** POST /api/auth/password-reset/confirm {token, password} → 204; all sessions end. */
export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().trim().min(20).max(200),
  password: z.string().min(1).max(256),
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

/** The demo's Utkorg (GET /api/demo/outbox, demo mode only): what would have been sent. */
export const outboxMessageSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']),
  createdAt: z.iso.datetime(),
});
export type OutboxMessageView = z.infer<typeof outboxMessageSchema>;
