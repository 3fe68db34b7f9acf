import { CATEGORIES, type Category, type Party, type Role } from '@atergang/contracts';
import { allows, type SubjectType } from './authorization';
import { permissionsOf } from './permissions';
import { buildWorkspaceAbility, readConditions } from './workspace-ability';

// FK's statutory right to the employer's plan (SFB 110 kap. 14 och 31 §§) as a table: it is
// granted beside the patient's consent, covers the plan handed to FK and FK's request to the
// employer, and nothing else of the case.

function ability(
  party: Party,
  role: Role | null,
  granted: readonly Category[] = [],
  caseClosed = false,
) {
  return buildWorkspaceAbility({
    party,
    role,
    participantId: 'me',
    isPatient: party === 'PATIENT',
    grantedCategories: new Set(granted),
    caseClosed,
  });
}

const toFk = { senderParty: 'EMPLOYER', recipientParty: 'FK' };
const toCare = { senderParty: 'EMPLOYER', recipientParty: 'CARE' };
const fkRequest = { requestedByParty: 'FK', askedParty: 'EMPLOYER' };

const reads = (who: ReturnType<typeof ability>, type: SubjectType, row: object) =>
  allows(who, 'read', type, row);

describe('FK’s statutory right to the employer’s plan', () => {
  it.each([
    // [party, role, consent, subject, row, may read]
    ['FK', 'CASE_OFFICER', [], 'PlanHandover', toFk, true],
    ['FK', null, [], 'PlanHandover', toFk, true],
    ['FK', 'CASE_OFFICER', [], 'PlanHandover', toCare, false],
    ['FK', 'CASE_OFFICER', ['PLAN'], 'PlanHandover', toCare, true],
    ['FK', 'CASE_OFFICER', [], 'PlanRequest', fkRequest, true],
    ['EMPLOYER', 'MANAGER', [], 'PlanRequest', fkRequest, true],
    ['EMPLOYER', 'MANAGER', [], 'PlanHandover', toFk, true],
    ['CARE', 'DOCTOR', [], 'PlanHandover', toCare, false],
    ['CARE', 'DOCTOR', ['PLAN'], 'PlanHandover', toCare, true],
    ['AF', 'CASE_OFFICER', [], 'PlanHandover', toFk, false],
    ['AF', 'CASE_OFFICER', [], 'PlanRequest', fkRequest, false],
    ['AF', 'CASE_OFFICER', ['PLAN'], 'PlanHandover', toFk, true],
    ['OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT', [], 'PlanHandover', toFk, false],
    ['PATIENT', null, [], 'PlanHandover', toCare, true],
  ] as const)('%s (%s) with %j reads %s %j: %s', (party, role, granted, type, row, expected) => {
    expect(reads(ability(party, role, granted), type, row)).toBe(expected);
  });

  it('gives FK nothing else of the case without consent: not the plan, tasks, meetings or the medical', () => {
    const fk = ability('FK', 'CASE_OFFICER');
    expect(reads(fk, 'PlanSection', { ownerParty: 'EMPLOYER' })).toBe(false);
    expect(reads(fk, 'PlanMeasure', { ownerParty: 'EMPLOYER', category: 'PLAN' })).toBe(false);
    expect(reads(fk, 'PlanMeasure', { ownerParty: 'CARE', category: 'MEDICAL' })).toBe(false);
    expect(
      reads(fk, 'Task', { category: 'TASKS', createdByParty: 'EMPLOYER', assigneeParty: 'CARE' }),
    ).toBe(false);
    expect(reads(fk, 'Document', { category: 'DOCUMENTS', uploaderParty: 'EMPLOYER' })).toBe(false);
    expect(reads(fk, 'Certificate', { authorParty: 'CARE' })).toBe(false);
  });

  it('is not a consent category: every consent state keeps it, and none is withheld for it', () => {
    for (const category of CATEGORIES) {
      expect(reads(ability('FK', 'CASE_OFFICER', [category]), 'PlanHandover', toFk)).toBe(true);
    }
    const conditions = readConditions({
      party: 'FK',
      role: 'CASE_OFFICER',
      participantId: null,
      isPatient: false,
      grantedCategories: new Set(),
    });
    expect(conditions).toContainEqual({ category: 'PLAN', assigneeParty: 'FK' });
  });

  it('lets the employer who establishes the plan send it, FK acknowledge and request it', () => {
    const manager = ability('EMPLOYER', 'MANAGER');
    expect(allows(manager, 'create', 'PlanHandover', { ...toFk })).toBe(true);
    expect(allows(manager, 'create', 'PlanHandover', { ...toCare })).toBe(true);
    expect(allows(ability('EMPLOYER', null), 'create', 'PlanHandover', toFk)).toBe(false);
    expect(allows(ability('CARE', 'DOCTOR', [...CATEGORIES]), 'create', 'PlanHandover', toFk)).toBe(
      false,
    );
    expect(allows(ability('FK', 'CASE_OFFICER'), 'acknowledge', 'PlanHandover', toFk)).toBe(true);
    expect(allows(manager, 'acknowledge', 'PlanHandover', toFk)).toBe(false);
    expect(allows(ability('CARE', 'DOCTOR'), 'acknowledge', 'PlanHandover', toFk)).toBe(false);
    expect(allows(ability('FK', 'CASE_OFFICER'), 'create', 'PlanRequest', fkRequest)).toBe(true);
    expect(allows(ability('AF', 'CASE_OFFICER'), 'create', 'PlanRequest', fkRequest)).toBe(false);
    // A closed case is read-only: nothing is sent, acknowledged or requested.
    expect(allows(ability('EMPLOYER', 'MANAGER', [], true), 'create', 'PlanHandover', toFk)).toBe(
      false,
    );
    expect(
      allows(ability('FK', 'CASE_OFFICER', [], true), 'acknowledge', 'PlanHandover', toFk),
    ).toBe(false);
  });

  it('offers the matching permissions in the overview', () => {
    const permissions = (party: Party, role: Role | null) =>
      permissionsOf({ party, ability: ability(party, role) });
    expect(permissions('EMPLOYER', 'MANAGER')).toContain('plan:hand-over');
    expect(permissions('EMPLOYER', 'MANAGER')).not.toContain('plan:handover:acknowledge');
    expect(permissions('FK', 'CASE_OFFICER')).toEqual(
      expect.arrayContaining(['plan:handover:acknowledge', 'plan:request']),
    );
    expect(permissions('FK', 'CASE_OFFICER')).not.toContain('plan:hand-over');
    expect(permissions('CARE', 'DOCTOR')).toContain('plan:handover:acknowledge');
    expect(permissions('AF', 'CASE_OFFICER')).not.toContain('plan:handover:acknowledge');
    expect(permissions('PATIENT', null)).not.toContain('plan:hand-over');
  });
});
