import { z } from 'zod';
import { problemCodeSchema } from './problems';

/** A calendar date, 'YYYY-MM-DD', that exists (no 2026-02-30). */
export const isoDateSchema = z.iso.date();

export const uuidSchema = z.uuid();

/** Path parameter `:id` of a workspace. */
export const workspaceParamsSchema = z.strictObject({ id: uuidSchema });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: problemCodeSchema,
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
