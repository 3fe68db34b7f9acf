import { z } from 'zod';
import { problemCodeSchema } from './problems';

/** A calendar date, 'YYYY-MM-DD', that exists (no 2026-02-30). */
export const isoDateSchema = z.iso.date();

export const uuidSchema = z.uuid();

/** Path parameter `:id` of a workspace. */
export const workspaceParamsSchema = z.strictObject({ id: uuidSchema });

/**
 * One field a 400 names. `message` is English for developers; a client chooses its own text
 * from `code` (the zod issue code, or `unsafe_text`) and the details, never from
 * `message`. The value sent is never echoed (it may be health data): `missing` says only
 * whether the field was absent or null where a value of another type was expected.
 */
export const problemFieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  /** invalid_format: date, datetime, email, url, uuid, regex … */
  format: z.string().optional(),
  /** too_small / too_big: string, array, number, date … */
  origin: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  /** invalid_type: the field was absent or null. */
  missing: z.boolean().optional(),
  /** custom: the refinement's stated reason (`params.reason`, e.g. END_BEFORE_START). */
  params: z.object({ reason: z.string() }).optional(),
});
export type ProblemFieldErrorView = z.infer<typeof problemFieldErrorSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: problemCodeSchema,
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(problemFieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
