import type {
  Category,
  Party,
  PlanMeasureInput,
  Role,
  UpdatePlanRequest,
} from '@atergang/contracts';
import { buildWorkspaceAbility } from '../access/workspace-ability';
import { mergePlan, type PlanEditor } from './plan-merge';
import { planEditor } from './plan-policy';
import { EMPTY_PLAN, type MeasureState, type PlanState } from './plan-state';

// Saving merges the caller's body into the whole plan: each party writes only its own
// measures and the parts of the plan it owns, and nothing the caller cannot see is dropped
// or changed. The editor asks the real policy (access/workspace-ability.ts).

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

const DEFAULT_ROLE: Readonly<Record<Party, Role | null>> = {
  PATIENT: null,
  EMPLOYER: 'MANAGER',
  CARE: 'COORDINATOR',
  FK: 'CASE_OFFICER',
  AF: 'CASE_OFFICER',
  OCCUPATIONAL_HEALTH: 'FHV_CONSULTANT',
};

function editor(
  party: Party,
  granted: Category[] = ['PLAN'],
  role: Role | null = DEFAULT_ROLE[party],
): PlanEditor {
  const ability = buildWorkspaceAbility({
    party,
    role,
    participantId: `${party}-participant`,
    isPatient: party === 'PATIENT',
    grantedCategories: new Set(granted),
  });
  return planEditor(ability, party);
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

  it('refuses a hidden part to a party without PLAN unless sent as GET showed it (empty)', () => {
    // The real value, even unchanged, would probe what the party may not see.
    expect(mergePlan(PLAN, { goal: PLAN.goal }, editor('AF', []), newId)).toEqual({
      ok: false,
      rejection: { code: 'FIELD_NOT_READABLE', path: 'goal' },
    });
    // What GET gave (withheld: empty) comes back and changes nothing.
    const echoed = mergePlan(
      PLAN,
      { goal: null, sickLeaveSteps: [], followUps: [], patientView: null },
      editor('AF', []),
      newId,
    );
    if (!echoed.ok) throw new Error(JSON.stringify(echoed.rejection));
    expect(echoed.plan).toEqual(PLAN);
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

  it('lets the employer write its own part of the plan without any consent', () => {
    const result = mergePlan(PLAN, { goal: 'Ny inriktning' }, editor('EMPLOYER', []), newId);
    expect(result.ok && result.plan.goal).toBe('Ny inriktning');
  });

  it('refuses FK, care and the patient a change to the employer’s goal and return date', () => {
    for (const party of ['FK', 'CARE', 'PATIENT'] as const) {
      expect([party, mergePlan(PLAN, { goal: 'Annat mål' }, editor(party), newId)]).toEqual([
        party,
        { ok: false, rejection: { code: 'FIELD_NOT_OWNED', path: 'goal' } },
      ]);
      expect(
        mergePlan(PLAN, { expectedReturnDate: '2027-01-01' }, editor(party), newId),
      ).toMatchObject({ ok: false, rejection: { code: 'FIELD_NOT_OWNED' } });
    }
  });

  it('lets only the doctor change the graded sick-leave steps', () => {
    const steps: UpdatePlanRequest = { sickLeaveSteps: [{ degree: 25, fromDate: '2026-03-01' }] };
    for (const [party, role] of [
      ['EMPLOYER', 'MANAGER'],
      ['CARE', 'COORDINATOR'],
      ['CARE', 'THERAPIST'],
      ['FK', 'CASE_OFFICER'],
    ] as const) {
      expect([role, mergePlan(PLAN, steps, editor(party, ['PLAN'], role), newId)]).toEqual([
        role,
        { ok: false, rejection: { code: 'FIELD_NOT_OWNED', path: 'sickLeaveSteps' } },
      ]);
    }
    const doctor = mergePlan(PLAN, steps, editor('CARE', [], 'DOCTOR'), newId);
    expect(doctor.ok && doctor.plan.sickLeaveSteps).toEqual([
      { degree: 25, fromDate: '2026-03-01', toDate: null },
    ]);
  });

  it('keeps the fields of a measure the save leaves out (nothing is erased by omission)', () => {
    const described = { ...EMPLOYER_MEASURE, description: 'Inga besök ensam' };
    const plan = { ...PLAN, measures: [described, CARE_COORDINATION, CARE_TREATMENT] };
    const { description: _description, ...withoutDescription } = asInput(described);
    const result = mergePlan(
      plan,
      { measures: [{ ...withoutDescription, status: 'IN_PROGRESS' }, asInput(CARE_COORDINATION)] },
      editor('EMPLOYER'),
      newId,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.rejection));
    expect(result.updated).toEqual([
      { ...described, status: 'IN_PROGRESS', description: 'Inga besök ensam' },
    ]);
  });

  it('lets care staff without a clinical role keep but not write medical measures', () => {
    const medical = { kind: 'TREATMENT', title: 'Fysioterapi', category: 'MEDICAL' } as const;
    expect(
      mergePlan(PLAN, { measures: [medical] }, editor('CARE', ['PLAN', 'MEDICAL'], null), newId),
    ).toMatchObject({ ok: false, rejection: { code: 'MEDICAL_MEASURE_NOT_ALLOWED' } });
  });

  it('lets only the patient change the patient’s own view', () => {
    expect(mergePlan(PLAN, { patientView: 'Annat' }, editor('EMPLOYER'), newId)).toEqual({
      ok: false,
      rejection: { code: 'FIELD_NOT_OWNED', path: 'patientView' },
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
        followUps: [{ date: '2026-03-15', description: 'Avstämning' }],
      },
      editor('EMPLOYER'),
      newId,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.rejection));
    expect(result.plan.goal).toBeNull();
    expect(result.plan.followUps).toEqual([
      { date: '2026-03-15', description: 'Avstämning', ownerParty: null, done: false },
    ]);
    expect(result.plan.measures).toBe(PLAN.measures);
    const steps = mergePlan(
      PLAN,
      { sickLeaveSteps: [{ degree: 50, fromDate: '2026-03-01' }] },
      editor('CARE', ['PLAN'], 'DOCTOR'),
      newId,
    );
    expect(steps.ok && steps.plan.sickLeaveSteps).toEqual([
      { degree: 50, fromDate: '2026-03-01', toDate: null },
    ]);
  });
});
