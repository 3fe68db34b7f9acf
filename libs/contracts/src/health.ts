import { z } from 'zod';

// Health probes (GET /api/health/live and /ready), for load balancers and operators.

/** The process is running; no database round trip. */
export const livenessSchema = z.object({ status: z.literal('ok') });
export type Liveness = z.infer<typeof livenessSchema>;

/** The database answers and every shipped migration is applied (else 503 NOT_READY). */
export const readinessReportSchema = z.object({
  ready: z.boolean(),
  database: z.enum(['up', 'down']),
  migrations: z.object({
    expected: z.number().int(),
    applied: z.number().int(),
    pending: z.array(z.string()),
  }),
});
export type ReadinessReport = z.infer<typeof readinessReportSchema>;
