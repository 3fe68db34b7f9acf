import type { MeasureCategory, Party, PlanMeasureInput } from '@atergang/contracts';
import { mergePlan, type PlanEditor } from './plan-merge';
import { EMPTY_PLAN, type MeasureState, type PlanState } from './plan-state';

// Saving merges the caller's body into the whole plan: each party writes only its own
// measures, and nothing the caller cannot see is dropped or changed.

const EMPLOYER_MEASURE: MeasureState = {
  id: '11111111-1111-4111-8111-111111111111',
  ownerParty: 'EMPLOYER',
  kind: 'WORKPLACE_ADAPTATION',
  category: 'PLAN',
  title: 'Anpassade arbetsuppgifter',
  description: null,
  responsibleName: 'Maria',
  startDate: '2026-03-01',
  endDate: '2026-04-30',
  status: 'PLANNED',
  followUpDate: '2026-03-15',
  position: 0,
};
const CARE_COORDINATION: MeasureState = {
  ...EMPLOYER_MEASURE,
  id: '22222222-2222-4222-8222-222222222222',
  ownerParty: 'CARE',
  kind: 'COORDINATION',
  title: 'Samordning',
  responsibleName: 'Sara',
  position: 1,
};
const CARE_TREATMENT: MeasureState = {
  ...EMPLOYER_MEASURE,
  id: '33333333-3333-4333-8333-333333333333',
  ownerParty: 'CARE',
  kind: 'TREATMENT',
  category: 'MEDICAL',
  title: 'Samtalsbehandling',
  responsibleName: 'Psykolog',
  position: 2,
};

const PLAN: PlanState = {
  ...EMPTY_PLAN,
  goal: 'Tillbaka på heltid',
  patientView: 'Lugnt i början',
  measures: [EMPLOYER_MEASURE, CARE_COORDINATION, CARE_TREATMENT],
};

function editor(party: Party, granted: MeasureCategory[] = ['PLAN']): PlanEditor {
  const isPatient = party === 'PATIENT';
  return {
    party,
    isPatient,
    canReadShared: isPatient || granted.includes('PLAN'),
    canReadMeasure: (measure) =>
      isPatient || measure.ownerParty === party || granted.includes(measure.category),
  };
}

const asInput = ({ position: _position, ...measure }: MeasureState): PlanMeasureInput => measure;

let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

describe('merging a save into the plan', () => {
  it('keeps the MEDICAL measure the employer cannot see when the employer rewrites its measures', () => {
    const result = mergePlan(
      PLAN,
      {
        measures: [
          asInput({ ...EMPLOYER_MEASURE, status: 'IN_PROGRESS' }),
          asInput(CARE_COORDINATION),
          { kind: 'WORK_AID', title: 'Höj- och sänkbart skrivbord' },
        ],
      },
      editor('EMPLOYER'),
      newId,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.rejection));
    expect(result.plan.measures.map((m) => m.id)).toEqual([
      EMPLOYER_MEASURE.id,
      CARE_COORDINATION.id,
      CARE_TREATMENT.id,
      expect.any(String),
    ]);
    expect(result.plan.measures[2]).toBe(CARE_TREATMENT);
    expect(result.updated.map((m) => m.status)).toEqual(['IN_PROGRESS']);
    expect(result.created).toEqual([
      expect.objectContaining({
        ownerParty: 'EMPLOYER',
        category: 'PLAN',
        title: 'Höj- och sänkbart skrivbord',
        position: 3,
      }),
    ]);
    expect(result.deleted).toEqual([]);
  });

  it('keeps other parties’ measures the caller leaves out, and deletes only its own', () => {
    const result = mergePlan(PLAN, { measures: [] }, editor('EMPLOYER'), newId);
    if (!result.ok) throw new Error(JSON.stringify(result.rejection));
    expect(result.deleted.map((m) => m.id)).toEqual([EMPLOYER_MEASURE.id]);
    expect(result.plan.measures.map((m) => m.id)).toEqual([
      CARE_COORDINATION.id,
      CARE_TREATMENT.id,
    ]);
  });

  it('refuses a change to another party’s measure, naming its index', () => {
    const result = mergePlan(
      PLAN,
      {
        measures: [asInput(EMPLOYER_MEASURE), asInput({ ...CARE_COORDINATION, title: 'Ändrad' })],
      },
      editor('EMPLOYER'),
      newId,
    );
    expect(result).toEqual({
      ok: false,
      rejection: { code: 'MEASURE_NOT_OWNED', path: 'measures.1', index: 1, ownerParty: 'CARE' },
    });
  });

  it('refuses creating a measure for another party and handing one over', () => {
    expect(
      mergePlan(
        PLAN,
        { measures: [{ kind: 'OTHER', title: 'x', ownerParty: 'FK' }] },
        editor('EMPLOYER'),
        newId,
      ),
    ).toMatchObject({ ok: false, rejection: { code: 'MEASURE_NOT_OWNED', path: 'measures.0' } });
    expect(
      mergePlan(
        PLAN,
        { measures: [asInput({ ...EMPLOYER_MEASURE, ownerParty: 'CARE' })] },
        editor('EMPLOYER'),
        newId,
      ),
    ).toMatchObject({ ok: false, rejection: { code: 'MEASURE_NOT_OWNED' } });
  });

  it('answers an id the caller may not read as not readable, and an unknown id as not found', () => {
    expect(
      mergePlan(PLAN, { measures: [asInput(CARE_TREATMENT)] }, editor('EMPLOYER'), newId),
    ).toEqual({
      ok: false,
      rejection: {
        code: 'MEASURE_NOT_READABLE',
        path: 'measures.0.id',
        index: 0,
        category: 'MEDICAL',
      },
    });
    expect(
      mergePlan(
        PLAN,
        { measures: [asInput({ ...EMPLOYER_MEASURE, id: newId() })] },
        editor('EMPLOYER'),
        newId,
      ),
    ).toMatchObject({ ok: false, rejection: { code: 'MEASURE_NOT_FOUND', path: 'measures.0.id' } });
  });

  it('lets only care and the patient write MEDICAL measures', () => {
    const medical = { kind: 'TREATMENT', title: 'Fysioterapi', category: 'MEDICAL' } as const;
    expect(mergePlan(PLAN, { measures: [medical] }, editor('EMPLOYER'), newId)).toMatchObject({
      ok: false,
      rejection: { code: 'MEDICAL_MEASURE_NOT_ALLOWED', path: 'measures.0.category' },
    });
    const care = mergePlan(
      PLAN,
      { measures: [asInput(CARE_COORDINATION), asInput(CARE_TREATMENT), medical] },
      editor('CARE', ['PLAN', 'MEDICAL']),
      newId,
    );
    expect(care.ok).toBe(true);
    const patient = mergePlan(
      PLAN,
      { measures: [{ ...medical, ownerParty: 'PATIENT' }] },
      editor('PATIENT'),
      newId,
    );
    expect(patient.ok && patient.created[0]?.ownerParty).toBe('PATIENT');
  });

  it('lets the patient edit only the patient’s own measures', () => {
    expect(
      mergePlan(
        PLAN,
        { measures: [asInput({ ...EMPLOYER_MEASURE, status: 'DONE' })] },
        editor('PATIENT'),
        newId,
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'MEASURE_NOT_OWNED', ownerParty: 'EMPLOYER' },
    });
  });

  it('refuses the shared fields to a party without PLAN, even unchanged, and leaves them out otherwise', () => {
    expect(mergePlan(PLAN, { goal: PLAN.goal }, editor('AF', []), newId)).toEqual({
      ok: false,
      rejection: { code: 'SHARED_FIELD_NOT_READABLE', path: 'goal' },
    });
    expect(mergePlan(PLAN, { sickLeaveSteps: [] }, editor('AF', []), newId)).toMatchObject({
      ok: false,
      rejection: { path: 'sickLeaveSteps' },
    });
    const own = mergePlan(
      PLAN,
      { measures: [{ kind: 'LABOUR_MARKET', title: 'Stöd' }] },
      editor('AF', []),
      newId,
    );
    if (!own.ok) throw new Error(JSON.stringify(own.rejection));
    expect(own.plan.goal).toBe(PLAN.goal);
    expect(own.plan.measures).toHaveLength(4);
  });

  it('lets only the patient change the patient’s own view', () => {
    expect(mergePlan(PLAN, { patientView: 'Annat' }, editor('EMPLOYER'), newId)).toEqual({
      ok: false,
      rejection: { code: 'PATIENT_VIEW_PATIENT_ONLY', path: 'patientView' },
    });
    // Sending it back unchanged is no change.
    expect(mergePlan(PLAN, { patientView: PLAN.patientView }, editor('EMPLOYER'), newId).ok).toBe(
      true,
    );
    const patient = mergePlan(PLAN, { patientView: 'Annat' }, editor('PATIENT'), newId);
    expect(patient.ok && patient.plan.patientView).toBe('Annat');
  });

  it('fills the defaults of a full replacement into the shared lists', () => {
    const result = mergePlan(
      PLAN,
      {
        goal: null,
        sickLeaveSteps: [{ degree: 50, fromDate: '2026-03-01' }],
        followUps: [{ date: '2026-03-15', description: 'Avstämning' }],
      },
      editor('EMPLOYER'),
      newId,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.rejection));
    expect(result.plan.goal).toBeNull();
    expect(result.plan.sickLeaveSteps).toEqual([
      { degree: 50, fromDate: '2026-03-01', toDate: null },
    ]);
    expect(result.plan.followUps).toEqual([
      { date: '2026-03-15', description: 'Avstämning', ownerParty: null, done: false },
    ]);
    expect(result.plan.measures).toBe(PLAN.measures);
  });
});
