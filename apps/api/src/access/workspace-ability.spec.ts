import { subject } from '@casl/ability';
import { CATEGORIES, type Category, type Party } from '@atergang/contracts';
import { buildWorkspaceAbility } from './workspace-ability';
import { hasPermission, permissionsFor } from './permissions';

// The visibility rules of domain.md as a table: party × consent × item → visible?

const PARTICIPANT = 'participant-self';
const ability = (party: Party, granted: Category[] = [], isPatient = false) =>
  buildWorkspaceAbility({
    party,
    role: null,
    participantId: PARTICIPANT,
    isPatient,
    grantedCategories: new Set(granted),
  });

const measure = (ownerParty: Party, category: 'PLAN' | 'MEDICAL') =>
  subject('PlanMeasure', { ownerParty, category } as never);
const note = (authorParty: Party, category: Category) =>
  subject('MeetingNote', { authorParty, category } as never);
const task = (fields: object) => subject('Task', fields as never);

describe('workspace ability', () => {
  it('lets the patient read and manage everything in their workspace', () => {
    const patient = ability('PATIENT', [], true);
    expect(patient.can('read', measure('CARE', 'MEDICAL'))).toBe(true);
    expect(patient.can('manage', 'Consent')).toBe(true);
    expect(patient.can('read', 'AccessLog')).toBe(true);
  });

  it.each([
    // party, granted, owner, category, visible
    ['EMPLOYER', [], 'EMPLOYER', 'PLAN', true],
    ['EMPLOYER', [], 'CARE', 'PLAN', false],
    ['EMPLOYER', ['PLAN'], 'CARE', 'PLAN', true],
    ['EMPLOYER', ['PLAN'], 'CARE', 'MEDICAL', false],
    ['EMPLOYER', ['PLAN', 'MEDICAL'], 'CARE', 'MEDICAL', true],
    ['FK', ['MEDICAL'], 'CARE', 'MEDICAL', true],
    ['FK', ['MEDICAL'], 'EMPLOYER', 'PLAN', false],
    ['AF', [], 'CARE', 'PLAN', false],
    ['CARE', [], 'CARE', 'MEDICAL', true],
  ] as const)(
    '%s with %j reads a %s %s measure: %s',
    (party, granted, owner, category, visible) => {
      expect(ability(party, [...granted]).can('read', measure(owner, category))).toBe(visible);
    },
  );

  it('shows the shared plan fields only with PLAN', () => {
    expect(ability('AF').can('read', 'Plan')).toBe(false);
    expect(ability('AF', ['PLAN']).can('read', 'Plan')).toBe(true);
  });

  it('shows tasks assigned to the party or the person, others only with TASKS (medical ones with MEDICAL)', () => {
    const employer = ability('EMPLOYER');
    expect(employer.can('read', task({ assigneeParty: 'EMPLOYER' }))).toBe(true);
    expect(employer.can('read', task({ assigneeParticipantId: PARTICIPANT }))).toBe(true);
    expect(employer.can('read', task({ assigneeParty: 'CARE', createdByParty: 'CARE' }))).toBe(
      false,
    );
    expect(
      ability('EMPLOYER', ['TASKS']).can(
        'read',
        task({ assigneeParty: 'CARE', category: 'TASKS' }),
      ),
    ).toBe(true);
    // A medical task needs MEDICAL as well.
    expect(
      ability('EMPLOYER', ['TASKS']).can(
        'read',
        task({ assigneeParty: 'CARE', category: 'MEDICAL' }),
      ),
    ).toBe(false);
    expect(
      ability('FK', ['MEDICAL']).can('read', task({ assigneeParty: 'CARE', category: 'MEDICAL' })),
    ).toBe(true);
  });

  it('hides meeting notes without MEETING_NOTES and medical notes without MEDICAL', () => {
    expect(ability('EMPLOYER').can('read', note('FK', 'MEETING_NOTES'))).toBe(false);
    expect(ability('EMPLOYER', ['MEETING_NOTES']).can('read', note('FK', 'MEETING_NOTES'))).toBe(
      true,
    );
    expect(ability('EMPLOYER', ['MEETING_NOTES']).can('read', note('CARE', 'MEDICAL'))).toBe(false);
    expect(ability('FK').can('read', note('FK', 'MEDICAL'))).toBe(true);
  });

  it('grants every category only through consent, never by role', () => {
    for (const category of CATEGORIES) {
      const without = ability('EMPLOYER');
      const withIt = ability('EMPLOYER', [category]);
      const event = subject('WorkspaceEvent', { category, actorParty: 'CARE' } as never);
      expect([category, without.can('read', event)]).toEqual([category, false]);
      expect([category, withIt.can('read', event)]).toEqual([category, true]);
    }
  });

  it('lets only the patient manage consent and read the access log', () => {
    for (const party of ['EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'] as const) {
      expect(hasPermission(party, 'consent:manage')).toBe(false);
      expect(hasPermission(party, 'access-log:read')).toBe(false);
      expect(permissionsFor(party)).toContain('plan:read');
    }
    expect(hasPermission('PATIENT', 'consent:manage')).toBe(true);
  });
});
