import { z } from 'zod';
import { isoDateSchema } from './common';
import {
  categorySchema,
  measureCategorySchema,
  measureKindSchema,
  measureStatusSchema,
  partySchema,
} from './enums';

export const planMeasureSchema = z.object({
  id: z.uuid(),
  ownerParty: partySchema,
  kind: measureKindSchema,
  category: measureCategorySchema,
  title: z.string(),
  description: z.string().nullable(),
  responsibleName: z.string().nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  status: measureStatusSchema,
  followUpDate: isoDateSchema.nullable(),
});
export type PlanMeasureView = z.infer<typeof planMeasureSchema>;

export const sickLeaveStepSchema = z.object({
  degree: z.number().int(),
  fromDate: isoDateSchema,
  toDate: isoDateSchema.nullable(),
});

export const planFollowUpSchema = z.object({
  date: isoDateSchema,
  description: z.string(),
  ownerParty: partySchema.nullable(),
  done: z.boolean(),
});

export const planSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  goal: z.string().nullable(),
  expectedReturnDate: isoDateSchema.nullable(),
  expectedReturnBasis: z.string().nullable(),
  contactArrangements: z.string().nullable(),
  patientView: z.string().nullable(),
  measures: z.array(planMeasureSchema),
  sickLeaveSteps: z.array(sickLeaveStepSchema),
  followUps: z.array(planFollowUpSchema),
  updatedAt: z.iso.datetime(),
  /** Categories the plan covers that the caller's party has not been granted. */
  withheld: z.array(categorySchema),
});
export type PlanView = z.infer<typeof planSchema>;
