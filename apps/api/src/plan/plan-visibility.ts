import {
  MEASURE_CATEGORIES,
  type MeasureCategory,
  type Party,
  PARTIES,
  type PlanDiffEntry,
} from '@atergang/contracts';
import { allows } from '../access/authorization';
import { PLAN_FIELD_OWNERS, type PlanField } from '../access/plan-fields';
import type { WorkspaceAbility } from '../access/workspace-ability';

// Which revisions, and which entries of them, a reader may see. Each diff entry is about
// parts of the plan: a shared field (the section of its owner) or a measure (in each category
// it had). The reader sees an entry when the policy lets them read every part of it, and a
// revision when they see at least one of its entries; counting only those keeps hidden
// changes from showing even as numbers. Parts are named by keys so the database can count
// visible revisions (plan_revisions.touched holds one key per entry).

/** A part of the plan: one owner's section of the shared fields, or measures of one kind. */
export type PlanPartRef =
  | { readonly subject: 'PlanSection'; readonly row: { readonly ownerParty: Party } }
  | {
      readonly subject: 'PlanMeasure';
      readonly row: { readonly ownerParty: Party; readonly category: MeasureCategory };
    };

const sectionKey = (owner: Party): string => `section:${owner}`;
const measureKey = (category: MeasureCategory, owner: Party): string =>
  `measure:${category}:${owner}`;

export const partKey = (part: PlanPartRef): string =>
  part.subject === 'PlanSection'
    ? sectionKey(part.row.ownerParty)
    : measureKey(part.row.category, part.row.ownerParty);

const ownerOfPath = (path: string): Party | null =>
  Object.hasOwn(PLAN_FIELD_OWNERS, path) ? PLAN_FIELD_OWNERS[path as PlanField] : null;

/** The parts one entry is about: a field's section, or its measure in each category it had. */
export function partsOf(entry: PlanDiffEntry): PlanPartRef[] {
  const { measure } = entry;
  if (measure) {
    return measure.categories.map((category) => ({
      subject: 'PlanMeasure',
      row: { category, ownerParty: measure.ownerParty },
    }));
  }
  const owner = ownerOfPath(entry.path);
  if (!owner) throw new Error(`a plan diff entry about an unknown part: ${entry.path}`);
  return [{ subject: 'PlanSection', row: { ownerParty: owner } }];
}

/** The entry's key: its parts, sorted, joined by '+'. */
export const entryKey = (entry: PlanDiffEntry): string =>
  [...new Set(partsOf(entry).map(partKey))].sort().join('+');

/** A revision's `touched`: one key per distinct kind of entry. */
export function touchedKeys(entries: readonly PlanDiffEntry[]): string[] {
  return [...new Set(entries.map(entryKey))].sort();
}

/** Every part of the plan there is. */
const ALL_PARTS: readonly PlanPartRef[] = PARTIES.flatMap((ownerParty) => [
  { subject: 'PlanSection' as const, row: { ownerParty } },
  ...MEASURE_CATEGORIES.map((category) => ({
    subject: 'PlanMeasure' as const,
    row: { ownerParty, category },
  })),
]);

/** Every part of the plan the ability lets its holder read, as keys. */
export function readableKeys(ability: WorkspaceAbility): string[] {
  return ALL_PARTS.filter((part) => allows(ability, 'read', part.subject, part.row)).map(partKey);
}

/** The parts a diff touched, once each: the items whose readers may see the save. */
export function partsTouched(entries: readonly PlanDiffEntry[]): PlanPartRef[] {
  const parts = new Map<string, PlanPartRef>();
  for (const part of entries.flatMap(partsOf)) parts.set(partKey(part), part);
  return [...parts.values()];
}

/** The entries whose every part the reader may read. */
export function visibleEntries(
  entries: readonly PlanDiffEntry[],
  readable: ReadonlySet<string>,
): PlanDiffEntry[] {
  return entries.filter((entry) => partsOf(entry).every((part) => readable.has(partKey(part))));
}
