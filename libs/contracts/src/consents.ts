import { z } from 'zod';
import { categorySchema, consentPartySchema } from './enums';

export const grantConsentRequestSchema = z.strictObject({
  party: consentPartySchema,
  categories: z
    .array(categorySchema)
    .min(1)
    .max(6)
    .refine((list) => new Set(list).size === list.length, {
      message: 'must not repeat a category',
    }),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** Required (true) to grant MEDICAL to the employer: the patient saw the warning. */
  confirmMedicalToEmployer: z.boolean().optional(),
});
export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;

export const consentSchema = z.object({
  id: z.uuid(),
  party: consentPartySchema,
  categories: z.array(categorySchema),
  /** Always 'SECRECY_WAIVER': a specific waiver of secrecy (OSL 12 kap. 2 §), not a GDPR legal basis. */
  kind: z.literal('SECRECY_WAIVER'),
  grantedBy: z.object({ id: z.uuid(), name: z.string() }),
  grantedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  active: z.boolean(),
});
export type ConsentView = z.infer<typeof consentSchema>;

export const consentParamsSchema = z.strictObject({ id: z.uuid(), consentId: z.uuid() });
