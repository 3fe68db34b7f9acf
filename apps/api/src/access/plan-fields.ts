import type { Party, PlanPartName } from '@atergang/contracts';

// The plan för återgång i arbete is the employer's duty and its own information
// (Socialförsäkringsbalken 30 kap. 6 §): the employer owns the goal, the expected return date
// and its basis, how contact is kept and the plan's follow-ups, and records when no plan is
// needed. The degree and length of sick leave are the treating doctor's decision, which
// cannot be delegated (Socialstyrelsen's försäkringsmedicinska beslutsstöd, seed 001): care
// owns the graded sick-leave steps. The patient owns her own view and goals. An owner always
// reads and writes its part; consent decides what the others see of it.

export const PLAN_FIELD_OWNERS = {
  goal: 'EMPLOYER',
  expectedReturnDate: 'EMPLOYER',
  expectedReturnBasis: 'EMPLOYER',
  contactArrangements: 'EMPLOYER',
  followUps: 'EMPLOYER',
  notNeededReason: 'EMPLOYER',
  sickLeaveSteps: 'CARE',
  patientView: 'PATIENT',
} as const satisfies Readonly<Record<PlanPartName, Party>>;

export type PlanField = keyof typeof PLAN_FIELD_OWNERS;
export const PLAN_FIELDS = Object.keys(PLAN_FIELD_OWNERS) as PlanField[];

export const planFieldsOwnedBy = (party: Party): PlanField[] =>
  PLAN_FIELDS.filter((field) => PLAN_FIELD_OWNERS[field] === party);
