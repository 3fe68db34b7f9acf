import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './common';
import { partySchema } from './enums';

// The plan leaving the case (issue 17, item 2): the employer hands a version of its plan för
// återgång i arbete to Försäkringskassan, which may obtain it by law (SFB 110 kap. 14 och
// 31 §§), or to the care unit while the patient's consent lets care see the plan. FK
// acknowledges receipt and may ask the employer for the plan (a task with a due date).

const MAX_VERSION = 2_147_483_647;

/** Who receives a hand-over: FK (its statutory right), or care (by the patient's consent). */
export const PLAN_HANDOVER_RECIPIENTS = ['FK', 'CARE'] as const;
export const planHandoverRecipientSchema = z.enum(PLAN_HANDOVER_RECIPIENTS);
export type PlanHandoverRecipient = z.infer<typeof planHandoverRecipientSchema>;

/** POST /workspaces/:id/plan/handovers: send this version of the plan (as you count it). */
export const sendPlanRequestSchema = z.strictObject({
  version: z.number().int().min(1).max(MAX_VERSION),
  recipient: planHandoverRecipientSchema.default('FK'),
});
export type SendPlanRequest = z.input<typeof sendPlanRequestSchema>;

/** POST /workspaces/:id/plan/requests: FK asks the employer for its plan by a day. */
export const requestPlanRequestSchema = z.strictObject({
  /** Defaults to 14 days from today. */
  dueDate: isoDateSchema
    .refine((value) => value >= '1900-01-01' && value <= '2199-12-31', {
      message: 'must be between 1900-01-01 and 2199-12-31',
    })
    .optional(),
});
export type RequestPlanRequest = z.infer<typeof requestPlanRequestSchema>;

export const planHandoverParamsSchema = z.strictObject({
  id: uuidSchema,
  handoverId: uuidSchema,
});

const personSchema = z.object({ name: z.string(), party: partySchema });

export const planHandoverSchema = z.object({
  id: z.uuid(),
  /** The plan's version as the employer counted it: the number the sent document shows. */
  version: z.number().int(),
  recipient: planHandoverRecipientSchema,
  /** The recipient's organisation in the case (FK's office, the care unit). */
  recipientOrganisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  sentAt: z.iso.datetime(),
  sentBy: personSchema,
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: personSchema.nullable(),
  /** Whether this hand-over answered a request of FK's. */
  answeredRequest: z.boolean(),
  /** The caller may confirm receipt now (it is handed to their party, not yet confirmed). */
  mayAcknowledge: z.boolean(),
});
export type PlanHandoverView = z.infer<typeof planHandoverSchema>;

export const planRequestSchema = z.object({
  id: z.uuid(),
  requestedAt: z.iso.datetime(),
  requestedBy: personSchema,
  askedParty: partySchema,
  dueDate: isoDateSchema,
  /** The employer's task; null for a reader who may not see it. */
  taskId: z.uuid().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  handoverId: z.uuid().nullable(),
});
export type PlanRequestView = z.infer<typeof planRequestSchema>;

/** GET /workspaces/:id/plan/handovers: the hand-overs and requests the caller may see. */
export const planHandoversSchema = z.object({
  handovers: z.array(planHandoverSchema),
  requests: z.array(planRequestSchema),
});
export type PlanHandoversView = z.infer<typeof planHandoversSchema>;
