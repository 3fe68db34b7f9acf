import type { PlanDiffEntry } from '@atergang/contracts';
import { buildWorkspaceAbility } from '../access/workspace-ability';
import { diffPlans, summarizeDiff } from './plan-diff';
import { EMPTY_PLAN, type MeasureState, type PlanState } from './plan-state';
import {
  partKey,
  partsTouched,
  readableKeys,
  touchedKeys,
  visibleEntries,
} from './plan-visibility';

// Every save stores a readable diff; a reader sees only the entries about what they may see
// (asked of the real policy: an employer's manager with the patient's PLAN consent).

const measure = (overrides: Partial<MeasureState>): MeasureState => ({
  id: '11111111-1111-4111-8111-111111111111',
  ownerParty: 'EMPLOYER',
  kind: 'WORKPLACE_ADAPTATION',
  category: 'PLAN',
  title: 'Anpassade arbetsuppgifter',
  description: null,
  responsibleName: 'Maria',
  startDate: '2026-03-01',
  endDate: null,
  status: 'PLANNED',
  followUpDate: '2026-03-15',
  position: 0,
  ...overrides,
});
const ADAPTATION = measure({});
const TREATMENT = measure({
  id: '33333333-3333-4333-8333-333333333333',
  ownerParty: 'CARE',
  kind: 'TREATMENT',
  category: 'MEDICAL',
  title: 'Samtalsbehandling',
  position: 1,
});

const BEFORE: PlanState = { ...EMPTY_PLAN, goal: 'Heltid', measures: [ADAPTATION, TREATMENT] };

const employerKeys = new Set(
  readableKeys(
    buildWorkspaceAbility({
      party: 'EMPLOYER',
      role: 'MANAGER',
      participantId: 'employer',
      isPatient: false,
      grantedCategories: new Set(['PLAN']),
    }),
  ),
);
const visibleDiff = (diff: readonly PlanDiffEntry[]) => visibleEntries(diff, employerKeys);

describe('the diff of a save', () => {
  it('lists changed fields with from and to, and added and removed measures by id', () => {
    const added = measure({
      id: '44444444-4444-4444-8444-444444444444',
      title: 'Skrivbord',
      position: 2,
    });
    const after: PlanState = {
      ...BEFORE,
      goal: 'Heltid i hemtjänsten',
      measures: [{ ...ADAPTATION, status: 'IN_PROGRESS' }, added],
      sickLeaveSteps: [{ degree: 75, fromDate: '2026-03-01', toDate: null }],
    };
    expect(diffPlans(BEFORE, after)).toEqual([
      { op: 'changed', path: 'goal', from: 'Heltid', to: 'Heltid i hemtjänsten' },
      {
        op: 'changed',
        path: `measures[${ADAPTATION.id}].status`,
        from: 'PLANNED',
        to: 'IN_PROGRESS',
        measure: {
          id: ADAPTATION.id,
          title: ADAPTATION.title,
          ownerParty: 'EMPLOYER',
          categories: ['PLAN'],
        },
      },
      {
        op: 'removed',
        path: `measures[${TREATMENT.id}]`,
        measure: {
          id: TREATMENT.id,
          title: TREATMENT.title,
          ownerParty: 'CARE',
          categories: ['MEDICAL'],
        },
      },
      {
        op: 'added',
        path: `measures[${added.id}]`,
        measure: { id: added.id, title: 'Skrivbord', ownerParty: 'EMPLOYER', categories: ['PLAN'] },
      },
      {
        op: 'changed',
        path: 'sickLeaveSteps',
        from: [],
        to: [{ degree: 75, fromDate: '2026-03-01', toDate: null }],
      },
    ]);
  });

  it('finds nothing to record when nothing changed', () => {
    expect(diffPlans(BEFORE, { ...BEFORE, measures: [...BEFORE.measures] })).toEqual([]);
  });

  it('hides entries about a MEDICAL measure from a reader without MEDICAL', () => {
    const after: PlanState = {
      ...BEFORE,
      goal: 'Ny',
      measures: [ADAPTATION, { ...TREATMENT, description: 'KBT, tio gånger' }],
    };
    const diff = diffPlans(BEFORE, after);
    expect(diff.map((entry) => entry.path)).toEqual([
      'goal',
      `measures[${TREATMENT.id}].description`,
    ]);
    expect(visibleDiff(diff).map((entry) => entry.path)).toEqual(['goal']);
    expect(partsTouched(diff).map(partKey)).toEqual(['section:EMPLOYER', 'measure:MEDICAL:CARE']);
    expect(touchedKeys(diff)).toEqual(['measure:MEDICAL:CARE', 'section:EMPLOYER']);
  });

  it('hides all changes of a measure moved to MEDICAL in that save, since they belong to MEDICAL now', () => {
    const coordination = measure({
      id: '22222222-2222-4222-8222-222222222222',
      ownerParty: 'CARE',
    });
    const before: PlanState = { ...EMPTY_PLAN, measures: [coordination] };
    const after: PlanState = {
      ...EMPTY_PLAN,
      measures: [{ ...coordination, category: 'MEDICAL', description: 'Diagnos' }],
    };
    const diff = diffPlans(before, after);
    expect(diff).toHaveLength(2);
    expect(diff[0]?.measure?.categories).toEqual(['PLAN', 'MEDICAL']);
    expect(visibleDiff(diff)).toEqual([]);
    // The entry needs both parts: the measure as it was, and as it is now.
    expect(touchedKeys(diff)).toEqual(['measure:MEDICAL:CARE+measure:PLAN:CARE']);
  });

  it('summarises in Swedish and English what the reader may see', () => {
    const after: PlanState = {
      ...BEFORE,
      goal: 'Ny',
      followUps: [
        { date: '2026-04-01', description: 'Uppföljning', ownerParty: null, done: false },
      ],
      measures: [{ ...ADAPTATION, status: 'DONE', title: 'Nytt namn' }],
    };
    const diff = visibleDiff(diffPlans(BEFORE, after));
    expect(summarizeDiff(diff, false)).toEqual({
      sv: 'Ändrade målet och uppföljningarna; ändrade 1 insats',
      en: 'Changed the goal and the follow-ups; changed 1 measure',
    });
    expect(summarizeDiff([], false).sv).toBe('Inga ändringar som du kan se');
    expect(summarizeDiff(diff, true).en).toBe('Created the plan');
  });
});
