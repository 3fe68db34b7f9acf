import { z } from 'zod';
import { partySchema } from './enums';

export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  who: z.object({ id: z.uuid().nullable(), name: z.string() }),
  organisation: z.string().nullable(),
  party: partySchema.nullable(),
  action: z.string(),
  /** One sentence a patient understands: "Erik Lund, Solbacka kommun, läste planen". */
  textSv: z.string(),
  textEn: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

export const accessLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
