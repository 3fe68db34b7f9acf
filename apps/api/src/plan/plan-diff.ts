import type { MeasureCategory, PlanDiffEntry } from '@atergang/contracts';
import { MEASURE_FIELDS, type MeasureState, type PlanState, SHARED_FIELDS } from './plan-state';

// The readable difference between two versions of the plan, stored with each revision.
// Entries about a measure carry the measure's owner and categories, so a reader who may
// not see that measure gets the revision without them (MEDICAL stays with care).

function measureRef(measure: MeasureState, categories: readonly MeasureCategory[]) {
  return {
    id: measure.id,
    title: measure.title,
    ownerParty: measure.ownerParty,
    categories: [...new Set(categories)],
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function diffPlans(before: PlanState, after: PlanState): PlanDiffEntry[] {
  const entries: PlanDiffEntry[] = [];
  for (const field of SHARED_FIELDS) {
    if (before[field] !== after[field]) {
      entries.push({ op: 'changed', path: field, from: before[field], to: after[field] });
    }
  }

  const afterById = new Map(after.measures.map((measure) => [measure.id, measure]));
  const beforeIds = new Set(before.measures.map((measure) => measure.id));
  for (const old of before.measures) {
    const next = afterById.get(old.id);
    const path = `measures[${old.id}]`;
    if (!next) {
      entries.push({ op: 'removed', path, measure: measureRef(old, [old.category]) });
      continue;
    }
    const ref = measureRef(next, [old.category, next.category]);
    for (const field of MEASURE_FIELDS) {
      if (old[field] !== next[field]) {
        entries.push({
          op: 'changed',
          path: `${path}.${field}`,
          from: old[field],
          to: next[field],
          measure: ref,
        });
      }
    }
  }
  for (const added of after.measures) {
    if (!beforeIds.has(added.id)) {
      entries.push({
        op: 'added',
        path: `measures[${added.id}]`,
        measure: measureRef(added, [added.category]),
      });
    }
  }

  if (!sameJson(before.sickLeaveSteps, after.sickLeaveSteps)) {
    entries.push({
      op: 'changed',
      path: 'sickLeaveSteps',
      from: before.sickLeaveSteps,
      to: after.sickLeaveSteps,
    });
  }
  if (!sameJson(before.followUps, after.followUps)) {
    entries.push({ op: 'changed', path: 'followUps', from: before.followUps, to: after.followUps });
  }
  return entries;
}

const FIELD_NAMES: Readonly<Record<string, { sv: string; en: string }>> = {
  goal: { sv: 'målet', en: 'the goal' },
  expectedReturnDate: { sv: 'det beräknade återgångsdatumet', en: 'the expected return date' },
  expectedReturnBasis: { sv: 'grunden för återgångsdatumet', en: 'the basis for the return date' },
  contactArrangements: { sv: 'hur kontakten hålls', en: 'how contact is kept' },
  patientView: { sv: 'patientens egen syn', en: 'the patient’s own view' },
  sickLeaveSteps: { sv: 'sjukskrivningsgraderna', en: 'the sick-leave steps' },
  followUps: { sv: 'uppföljningarna', en: 'the follow-ups' },
};

function list(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1] ?? ''}`;
}

const measureCount = (count: number, sv: string, en: string): { sv: string; en: string } => ({
  sv: `${sv} ${count} ${count === 1 ? 'insats' : 'insatser'}`,
  en: `${en} ${count} ${count === 1 ? 'measure' : 'measures'}`,
});

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One line about what a revision changed, in Swedish and English, from the entries the
 * reader may see. The first revision created the plan.
 */
export function summarizeDiff(
  entries: readonly PlanDiffEntry[],
  created: boolean,
): { sv: string; en: string } {
  if (created) {
    return { sv: 'Skapade planen', en: 'Created the plan' };
  }
  const fields = entries
    .filter((entry) => !entry.measure)
    .map((entry) => FIELD_NAMES[entry.path])
    .filter((name) => name !== undefined);
  const ids = (op: PlanDiffEntry['op']) =>
    new Set(entries.filter((e) => e.op === op && e.measure).map((e) => e.measure?.id)).size;

  const parts: { sv: string; en: string }[] = [];
  if (fields.length > 0) {
    parts.push({
      sv: `ändrade ${list(
        fields.map((name) => name.sv),
        'och',
      )}`,
      en: `changed ${list(
        fields.map((name) => name.en),
        'and',
      )}`,
    });
  }
  const added = ids('added');
  const changed = ids('changed');
  const removed = ids('removed');
  if (added > 0) parts.push(measureCount(added, 'lade till', 'added'));
  if (changed > 0) parts.push(measureCount(changed, 'ändrade', 'changed'));
  if (removed > 0) parts.push(measureCount(removed, 'tog bort', 'removed'));
  if (parts.length === 0) {
    return { sv: 'Inga ändringar som du kan se', en: 'No changes you can see' };
  }
  return {
    sv: capitalise(parts.map((part) => part.sv).join('; ')),
    en: capitalise(parts.map((part) => part.en).join('; ')),
  };
}
