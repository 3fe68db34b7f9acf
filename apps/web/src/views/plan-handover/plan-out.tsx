import { PlanHandovers } from './plan-handover';
import { PlanPrintLink } from './plan-print';

/** What the plan page offers for the plan leaving the case: print, PDF, hand-over to FK. */
export function PlanOut({ planVersion }: { planVersion: number }) {
  return (
    <>
      <PlanPrintLink />
      <PlanHandovers planVersion={planVersion} />
    </>
  );
}
