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

export const meResponseSchema = z.object({
  user: userSummarySchema,
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: organisationKindSchema,
      roles: z.array(roleSchema),
    }),
  ),
  parties: z.array(z.object({ workspaceId: z.uuid(), party: partySchema })),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const oidcStatusSchema = z.object({ enabled: z.boolean() });
