import type { Party } from '@atergang/contracts';
import { allows } from '../access/authorization';
import { PLAN_FIELD_OWNERS, type PlanField } from '../access/plan-fields';
import type { WorkspaceAbility } from '../access/workspace-ability';
import type { PlanEditor } from './plan-merge';

// The plan's questions to the policy, asked of one caller's ability: which parts of the
// plan it may read, which it may write, which measures it may read and write.

/** Whether the holder may read a part of the plan: its owner's section, by the policy. */
export function planFieldReader(ability: WorkspaceAbility): (field: PlanField) => boolean {
  return (field) =>
    allows(ability, 'read', 'PlanSection', { ownerParty: PLAN_FIELD_OWNERS[field] });
}

/** The merge's editor for a caller of `party` with this ability. */
export function planEditor(ability: WorkspaceAbility, party: Party): PlanEditor {
  return {
    party,
    mayReadField: planFieldReader(ability),
    mayWriteField: (field) => allows(ability, 'update', 'Plan', undefined, field),
    mayReadMeasure: (measure) => allows(ability, 'read', 'PlanMeasure', measure),
    mayWriteMeasure: (action, measure) => allows(ability, action, 'PlanMeasure', measure),
  };
}
