import type { MeasureStatus, Permission, PlanMeasureView, PlanView } from '@atergang/contracts';
import {
  changesOf,
  differingParts,
  type EditRights,
  editRights,
  mergeForms,
  partText,
  toForm,
  writableParts,
} from '../src/views/plan/plan-form';

// The plan editor's plain rules: which parts the caller writes, that a save sends only the
// parts that changed (and only the caller's own), and the merge after a conflict.

const measure = (overrides: Partial<PlanMeasureView> = {}): PlanMeasureView => ({
  id: '00000000-0000-4000-8000-000000000001',
  ownerParty: 'EMPLOYER',
  kind: 'WORKPLACE_ADAPTATION',
  category: 'PLAN',
  title: 'Höj skrivbordet',
  description: null,
  responsibleName: 'Maria',
  startDate: '2026-12-07',
  endDate: null,
  status: 'PLANNED',
  followUpDate: null,
  ...overrides,
});

const plan = (overrides: Partial<PlanView> = {}): PlanView => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  version: 3,
  goal: 'Tillbaka på heltid i mars',
  expectedReturnDate: '2027-03-01',
  expectedReturnBasis: null,
  contactArrangements: 'Varannan måndag',
  patientView: null,
  measures: [
    measure(),
    measure({
      id: '00000000-0000-4000-8000-000000000002',
      ownerParty: 'CARE',
      kind: 'REHABILITATION',
      title: 'Fysioterapi',
    }),
    measure({
      id: '00000000-0000-4000-8000-000000000003',
      ownerParty: 'EMPLOYER',
      category: 'MEDICAL',
      title: 'Medicinsk',
    }),
  ],
  sickLeaveSteps: [{ degree: 50, fromDate: '2026-12-01', toDate: null }],
  stepsFromCertificates: false,
  followUps: [
    { date: '2026-12-15', description: 'Avstämning', ownerParty: 'EMPLOYER', done: false },
  ],
  notNeededReason: null,
  signoffs: [],
  earlierSignoffs: [],
  quality: [],
  updatedAt: '2026-12-02T10:00:00.000Z',
  withheld: [],
  withheldParts: [],
  ...overrides,
});

const employer: EditRights = {
  employerPart: true,
  steps: false,
  measures: true,
  medicalMeasures: false,
};
const status = (s: MeasureStatus) => `status:${s}`;

describe('editRights', () => {
  const can =
    (...granted: Permission[]) =>
    (permission: Permission) =>
      granted.includes(permission);

  it('follows the permissions', () => {
    expect(editRights(can('plan:update-employer-part', 'plan:update-measures'), plan())).toEqual(
      employer,
    );
  });

  it('takes the steps away once certificates set them', () => {
    const rights = editRights(can('plan:update-sick-leave-steps'), plan());
    expect(rights.steps).toBe(true);
    expect(
      editRights(can('plan:update-sick-leave-steps'), plan({ stepsFromCertificates: true })).steps,
    ).toBe(false);
  });

  it('grants medical measures only with both permissions', () => {
    expect(editRights(can('plan:update-medical-measures'), plan()).medicalMeasures).toBe(false);
  });
});

describe('toForm', () => {
  it('holds only the caller’s own measures, and medical ones only when it may write them', () => {
    expect(toForm(plan(), 'EMPLOYER', employer).measures.map((m) => m.title)).toEqual([
      'Höj skrivbordet',
    ]);
    expect(
      toForm(plan(), 'EMPLOYER', { ...employer, medicalMeasures: true }).measures.map(
        (m) => m.title,
      ),
    ).toEqual(['Höj skrivbordet', 'Medicinsk']);
  });

  it('turns nulls into empty inputs and degrees into text', () => {
    const form = toForm(plan(), 'EMPLOYER', employer);
    expect(form.expectedReturnBasis).toBe('');
    expect(form.measures[0]?.endDate).toBe('');
    expect(form.sickLeaveSteps).toEqual([{ degree: '50', fromDate: '2026-12-01', toDate: '' }]);
  });
});

describe('changesOf', () => {
  const base = toForm(plan(), 'EMPLOYER', employer);

  it('is null when nothing changed', () => {
    expect(changesOf(base, base, 3, employer)).toBeNull();
  });

  it('sends the version and only the changed field, blank as null', () => {
    expect(changesOf({ ...base, goal: 'Nytt mål' }, base, 3, employer)).toEqual({
      version: 3,
      goal: 'Nytt mål',
    });
    expect(changesOf({ ...base, contactArrangements: '  ' }, base, 3, employer)).toEqual({
      version: 3,
      contactArrangements: null,
    });
  });

  it('sends the whole list of own measures when one changed', () => {
    const [first] = base.measures;
    if (!first) throw new Error('fixture');
    const request = changesOf(
      { ...base, measures: [{ ...first, status: 'IN_PROGRESS' }] },
      base,
      3,
      employer,
    );
    expect(request?.measures).toEqual([
      expect.objectContaining({ id: first.id, status: 'IN_PROGRESS', description: null }),
    ]);
    expect(Object.keys(request ?? {}).sort()).toEqual(['measures', 'version']);
  });

  it('never sends a part the caller may not write', () => {
    const careOnly: EditRights = { ...employer, employerPart: false };
    expect(changesOf({ ...base, goal: 'Nytt mål' }, base, 3, careOnly)).toBeNull();
    expect(writableParts(base, careOnly)).not.toHaveProperty('goal');
    expect(writableParts(base, careOnly)).not.toHaveProperty('sickLeaveSteps');
  });

  it('sends steps with numeric degrees when the caller decides them', () => {
    const doctor: EditRights = { ...employer, employerPart: false, measures: false, steps: true };
    const request = changesOf(
      { ...base, sickLeaveSteps: [{ degree: '25', fromDate: '2026-12-01', toDate: '' }] },
      base,
      3,
      doctor,
    );
    expect(request).toEqual({
      version: 3,
      sickLeaveSteps: [{ degree: 25, fromDate: '2026-12-01', toDate: null }],
    });
  });
});

describe('conflict merge', () => {
  const theirs = toForm(
    plan({ version: 4, goal: 'Deras mål', contactArrangements: 'Varje fredag' }),
    'EMPLOYER',
    employer,
  );
  const mine = { ...toForm(plan(), 'EMPLOYER', employer), goal: 'Mitt mål' };

  it('lists the parts that differ, in the editor’s order', () => {
    expect(differingParts(mine, theirs, employer, status)).toEqual(['goal', 'contactArrangements']);
  });

  it('lists only parts the caller writes', () => {
    expect(differingParts(mine, theirs, { ...employer, employerPart: false }, status)).toEqual([]);
  });

  it('shows lists one entry a line', () => {
    expect(partText(mine, 'measures', status)).toBe('Höj skrivbordet (status:PLANNED, 2026-12-07)');
    expect(partText(mine, 'followUps', status)).toBe('2026-12-15: Avstämning');
    expect(partText(mine, 'sickLeaveSteps', status)).toBe('50 %: 2026-12-01 – ');
  });

  it('takes each part from the chosen side, mine by default', () => {
    const merged = mergeForms(mine, theirs, { contactArrangements: 'theirs' });
    expect(merged.goal).toBe('Mitt mål');
    expect(merged.contactArrangements).toBe('Varje fredag');
    expect(mergeForms(mine, theirs, { goal: 'theirs' }).goal).toBe('Deras mål');
  });
});
