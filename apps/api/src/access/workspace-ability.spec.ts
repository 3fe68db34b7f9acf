import {
  CATEGORIES,
  type Category,
  MEETING_KINDS,
  type MeetingKind,
  type Party,
  type Role,
} from '@atergang/contracts';
import { allows, type SubjectType } from './authorization';
import { permissionsOf } from './permissions';
import { buildWorkspaceAbility, caseRole, hasCaseAccess } from './workspace-ability';

// The policy as tables: party and role × consent × action → allowed? Each row states a rule
// of domain.md or of the sources it cites.

const ME = 'participant-me';
const OTHER = 'participant-other';

function ability(party: Party, role: Role | null, granted: readonly Category[] = []) {
  return buildWorkspaceAbility({
    party,
    role,
    participantId: ME,
    isPatient: party === 'PATIENT',
    grantedCategories: new Set(granted),
  });
}

const can = (
  who: ReturnType<typeof ability>,
  action: Parameters<typeof allows>[1],
  type: SubjectType,
  row?: object,
  field?: string,
) => allows(who, action, type, row, field);

const task = (fields: {
  category?: 'TASKS' | 'MEDICAL';
  createdByParty?: Party | null;
  assigneeParty?: Party | null;
  assigneeParticipantId?: string | null;
  noteId?: string | null;
}) => ({
  category: 'TASKS',
  createdByParty: 'CARE',
  assigneeParty: null,
  assigneeParticipantId: null,
  noteId: null,
  ...fields,
});

describe('the policy: reading', () => {
  it('lets the patient read everything in her case, the access log included', () => {
    const patient = ability('PATIENT', null);
    expect(can(patient, 'read', 'PlanMeasure', { ownerParty: 'CARE', category: 'MEDICAL' })).toBe(
      true,
    );
    expect(can(patient, 'read', 'Task', task({ category: 'MEDICAL' }))).toBe(true);
    expect(can(patient, 'read', 'AccessLog')).toBe(true);
  });

  it.each([
    // party, granted, measure owner, measure category, readable
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
    (party, granted, ownerParty, category, readable) => {
      expect(
        can(ability(party, null, granted), 'read', 'PlanMeasure', { ownerParty, category }),
      ).toBe(readable);
    },
  );

  it.each([
    // party, granted, task, readable: a medical item needs MEDICAL whoever it is given to
    ['EMPLOYER', [], task({ assigneeParty: 'EMPLOYER' }), true],
    ['EMPLOYER', [], task({ assigneeParticipantId: ME, assigneeParty: 'EMPLOYER' }), true],
    ['EMPLOYER', [], task({ assigneeParty: 'CARE' }), false],
    ['EMPLOYER', ['TASKS'], task({ assigneeParty: 'CARE' }), true],
    ['EMPLOYER', [], task({ category: 'MEDICAL', assigneeParty: 'EMPLOYER' }), false],
    ['EMPLOYER', ['TASKS'], task({ category: 'MEDICAL', assigneeParty: 'EMPLOYER' }), false],
    [
      'EMPLOYER',
      [],
      task({ category: 'MEDICAL', assigneeParticipantId: ME, assigneeParty: 'EMPLOYER' }),
      false,
    ],
    ['FK', ['MEDICAL'], task({ category: 'MEDICAL' }), true],
    ['FK', ['TASKS'], task({ category: 'MEDICAL', assigneeParty: 'FK' }), false],
    ['CARE', [], task({ category: 'MEDICAL', createdByParty: 'CARE' }), true],
    // A next step of a meeting note carries the note: TASKS alone does not reach it.
    ['EMPLOYER', ['TASKS'], task({ noteId: 'note' }), false],
    ['EMPLOYER', ['TASKS', 'MEETING_NOTES'], task({ noteId: 'note' }), true],
    ['EMPLOYER', [], task({ noteId: 'note', assigneeParty: 'EMPLOYER' }), true],
    // A deadline task the system created, for the employer.
    ['EMPLOYER', [], task({ createdByParty: null, assigneeParty: 'EMPLOYER' }), true],
    ['AF', [], task({ createdByParty: null, assigneeParty: 'EMPLOYER' }), false],
  ] as const)('%s with %j reads %j: %s', (party, granted, row, readable) => {
    expect(can(ability(party, null, granted), 'read', 'Task', row)).toBe(readable);
  });

  it('shows a meeting to its organising party, its invitees and by MEETINGS', () => {
    const meeting = { organiserParty: 'FK', invitees: [{ participantId: OTHER }] };
    expect(can(ability('AF', null), 'read', 'Meeting', meeting)).toBe(false);
    expect(
      can(ability('AF', null), 'read', 'Meeting', {
        ...meeting,
        invitees: [{ participantId: ME }],
      }),
    ).toBe(true);
    expect(can(ability('AF', null, ['MEETINGS']), 'read', 'Meeting', meeting)).toBe(true);
    expect(can(ability('FK', null), 'read', 'Meeting', meeting)).toBe(true);
  });

  it('hides meeting notes without MEETING_NOTES and medical ones without MEDICAL', () => {
    const note = (authorParty: Party, category: Category) => ({ authorParty, category });
    expect(can(ability('EMPLOYER', null), 'read', 'MeetingNote', note('FK', 'MEETING_NOTES'))).toBe(
      false,
    );
    expect(
      can(
        ability('EMPLOYER', null, ['MEETING_NOTES']),
        'read',
        'MeetingNote',
        note('FK', 'MEETING_NOTES'),
      ),
    ).toBe(true);
    expect(
      can(
        ability('EMPLOYER', null, ['MEETING_NOTES']),
        'read',
        'MeetingNote',
        note('CARE', 'MEDICAL'),
      ),
    ).toBe(false);
    expect(can(ability('FK', null), 'read', 'MeetingNote', note('FK', 'MEDICAL'))).toBe(true);
  });

  it('keeps a medical document from a party with DOCUMENTS but without MEDICAL', () => {
    const certificate = { uploaderParty: 'CARE', category: 'MEDICAL' };
    expect(can(ability('EMPLOYER', null, ['DOCUMENTS']), 'read', 'Document', certificate)).toBe(
      false,
    );
    expect(can(ability('FK', null, ['MEDICAL']), 'read', 'Document', certificate)).toBe(true);
  });

  it('lets each party read its own part of the plan, and the others’ by PLAN', () => {
    expect(can(ability('EMPLOYER', null), 'read', 'PlanSection', { ownerParty: 'EMPLOYER' })).toBe(
      true,
    );
    expect(can(ability('EMPLOYER', null), 'read', 'PlanSection', { ownerParty: 'CARE' })).toBe(
      false,
    );
    expect(
      can(ability('EMPLOYER', null, ['PLAN']), 'read', 'PlanSection', { ownerParty: 'CARE' }),
    ).toBe(true);
    expect(can(ability('AF', null), 'read', 'PlanSection', { ownerParty: 'EMPLOYER' })).toBe(false);
  });

  it('grants every category to another party only through consent', () => {
    for (const category of CATEGORIES) {
      const event = {
        category,
        authorParty: 'CARE',
        assigneeParty: null,
        assigneeParticipantId: null,
        inviteeParticipantIds: [],
        viaNote: false,
      };
      expect([category, can(ability('EMPLOYER', null), 'read', 'WorkspaceEvent', event)]).toEqual([
        category,
        false,
      ]);
      expect([
        category,
        can(ability('EMPLOYER', null, [category]), 'read', 'WorkspaceEvent', event),
      ]).toEqual([category, true]);
    }
  });
});

describe('the policy: writing by role', () => {
  const EVERY_CATEGORY = [...CATEGORIES];

  it.each([
    // party, role, may change the graded sick-leave steps: the treating doctor's decision
    ['CARE', 'DOCTOR', true],
    ['CARE', 'COORDINATOR', false],
    ['CARE', 'THERAPIST', false],
    ['CARE', null, false],
    ['EMPLOYER', 'MANAGER', false],
    ['FK', 'CASE_OFFICER', false],
    ['PATIENT', null, false],
  ] as const)('%s %s writes the sick-leave steps: %s', (party, role, allowed) => {
    expect(
      can(ability(party, role, EVERY_CATEGORY), 'update', 'Plan', undefined, 'sickLeaveSteps'),
    ).toBe(allowed);
  });

  it.each([
    // party, role, may write the employer's part (goal, return date, contact, follow-ups)
    ['EMPLOYER', 'MANAGER', true],
    ['EMPLOYER', 'HR', true],
    ['EMPLOYER', null, false],
    ['FK', 'CASE_OFFICER', false],
    ['CARE', 'DOCTOR', false],
    ['PATIENT', null, false],
    ['OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT', false],
  ] as const)('%s %s writes the employer’s goal: %s', (party, role, allowed) => {
    const who = ability(party, role, EVERY_CATEGORY);
    expect(can(who, 'update', 'Plan', undefined, 'goal')).toBe(allowed);
    expect(can(who, 'update', 'Plan', undefined, 'expectedReturnDate')).toBe(allowed);
    expect(can(who, 'update', 'Plan', undefined, 'notNeededReason')).toBe(allowed);
    expect(can(who, 'sign', 'Plan')).toBe(allowed || party === 'PATIENT');
  });

  it('lets only the patient write her own view', () => {
    expect(can(ability('PATIENT', null), 'update', 'Plan', undefined, 'patientView')).toBe(true);
    expect(
      can(
        ability('EMPLOYER', 'MANAGER', EVERY_CATEGORY),
        'update',
        'Plan',
        undefined,
        'patientView',
      ),
    ).toBe(false);
  });

  it.each([
    // party, role, may author medical information (measures, tasks, notes, documents)
    ['CARE', 'DOCTOR', true],
    ['CARE', 'COORDINATOR', true],
    ['CARE', 'THERAPIST', true],
    ['CARE', null, false],
    ['PATIENT', null, true],
    ['EMPLOYER', 'MANAGER', false],
    ['EMPLOYER', 'HR', false],
    ['FK', 'CASE_OFFICER', false],
    ['AF', 'CASE_OFFICER', false],
    ['OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT', false],
  ] as const)('%s %s authors medical information: %s', (party, role, allowed) => {
    const who = ability(party, role, EVERY_CATEGORY);
    expect(can(who, 'create', 'PlanMeasure', { ownerParty: party, category: 'MEDICAL' })).toBe(
      allowed,
    );
    expect(can(who, 'create', 'Task', { createdByParty: party, category: 'MEDICAL' })).toBe(
      allowed,
    );
    expect(can(who, 'create', 'MeetingNote', { authorParty: party, category: 'MEDICAL' })).toBe(
      allowed,
    );
    expect(can(who, 'create', 'Document', { uploaderParty: party, category: 'MEDICAL' })).toBe(
      allowed,
    );
    // Ordinary content every participant with a case role writes.
    expect(can(who, 'create', 'PlanMeasure', { ownerParty: party, category: 'PLAN' })).toBe(true);
    expect(can(who, 'create', 'Document', { uploaderParty: party, category: 'DOCUMENTS' })).toBe(
      true,
    );
  });

  it('lets a meeting note be corrected by its author’s party only, a medical one by a medical author, never in a closed case', () => {
    const note = (authorParty: Party, category: 'MEETING_NOTES' | 'MEDICAL') => ({
      authorParty,
      category,
    });
    const fk = ability('FK', 'CASE_OFFICER', EVERY_CATEGORY);
    expect(can(fk, 'update', 'MeetingNote', note('FK', 'MEETING_NOTES'))).toBe(true);
    expect(can(fk, 'update', 'MeetingNote', note('EMPLOYER', 'MEETING_NOTES'))).toBe(false);
    // The patient reads every note, but corrects only her own.
    const patient = ability('PATIENT', null);
    expect(can(patient, 'update', 'MeetingNote', note('FK', 'MEETING_NOTES'))).toBe(false);
    expect(can(patient, 'update', 'MeetingNote', note('PATIENT', 'MEDICAL'))).toBe(true);
    expect(can(ability('CARE', 'DOCTOR'), 'update', 'MeetingNote', note('CARE', 'MEDICAL'))).toBe(
      true,
    );
    expect(can(ability('CARE', null), 'update', 'MeetingNote', note('CARE', 'MEDICAL'))).toBe(
      false,
    );
    const closed = buildWorkspaceAbility({
      party: 'FK',
      role: 'CASE_OFFICER',
      participantId: ME,
      isPatient: false,
      grantedCategories: new Set(EVERY_CATEGORY),
      caseClosed: true,
    });
    expect(can(closed, 'update', 'MeetingNote', note('FK', 'MEETING_NOTES'))).toBe(false);
  });

  it('never lets a party write another party’s measure or upload in its name, whatever it is granted', () => {
    const employer = ability('EMPLOYER', 'MANAGER', EVERY_CATEGORY);
    expect(can(employer, 'update', 'PlanMeasure', { ownerParty: 'CARE', category: 'PLAN' })).toBe(
      false,
    );
    expect(
      can(employer, 'create', 'Document', { uploaderParty: 'CARE', category: 'DOCUMENTS' }),
    ).toBe(false);
    expect(
      can(employer, 'delete', 'Document', { uploaderParty: 'FK', category: 'DOCUMENTS' }),
    ).toBe(false);
  });

  it('lets a task’s creating party change every field, its assignee only the status', () => {
    const fk = ability('FK', 'CASE_OFFICER', EVERY_CATEGORY);
    const given = task({ createdByParty: 'CARE', assigneeParty: 'FK' });
    expect(can(fk, 'update', 'Task', given, 'status')).toBe(true);
    expect(can(fk, 'update', 'Task', given, 'title')).toBe(false);
    expect(can(fk, 'update', 'Task', given, 'assigneeParty')).toBe(false);
    const care = ability('CARE', 'COORDINATOR', EVERY_CATEGORY);
    expect(can(care, 'update', 'Task', given, 'assigneeParty')).toBe(true);
    const patient = ability('PATIENT', null);
    const forAnna = task({ createdByParty: 'FK', assigneeParty: 'PATIENT' });
    expect(can(patient, 'update', 'Task', forAnna, 'status')).toBe(true);
    expect(can(patient, 'update', 'Task', forAnna, 'title')).toBe(false);
    expect(can(patient, 'update', 'Task', task({ createdByParty: 'PATIENT' }), 'title')).toBe(true);
    // Nobody rewrites what another party asked of someone else.
    expect(can(patient, 'update', 'Task', given, 'status')).toBe(false);
  });

  const KINDS: Readonly<Record<Party, readonly MeetingKind[]>> = {
    PATIENT: ['FOLLOW_UP'],
    EMPLOYER: ['WORKPLACE_REHAB', 'FOLLOW_UP'],
    OCCUPATIONAL_HEALTH: ['WORKPLACE_REHAB', 'FOLLOW_UP'],
    CARE: ['FOLLOW_UP'],
    FK: ['AVSTAMNINGSMOTE', 'SASSAM', 'GEMENSAM_KARTLAGGNING', 'OMSTALLNINGSMOTE', 'FOLLOW_UP'],
    AF: ['GEMENSAM_KARTLAGGNING', 'OMSTALLNINGSMOTE', 'FOLLOW_UP'],
  };
  it.each(Object.entries(KINDS))('%s arranges exactly %j', (party, kinds) => {
    const who = ability(party as Party, null, EVERY_CATEGORY);
    expect(MEETING_KINDS.filter((kind) => can(who, 'create', 'Meeting', { kind }))).toEqual(kinds);
  });

  it('lets the organising party and the invited write a meeting’s notes, and only invitees answer', () => {
    const employer = ability('EMPLOYER', 'MANAGER', EVERY_CATEGORY);
    const ownRehab = { organiserParty: 'EMPLOYER', invitees: [{ participantId: OTHER }] };
    const fkMeeting = { organiserParty: 'FK', invitees: [{ participantId: OTHER }] };
    expect(can(employer, 'takeNotes', 'Meeting', ownRehab)).toBe(true);
    expect(can(employer, 'takeNotes', 'Meeting', fkMeeting)).toBe(false);
    expect(
      can(employer, 'takeNotes', 'Meeting', { ...fkMeeting, invitees: [{ participantId: ME }] }),
    ).toBe(true);
    expect(can(employer, 'respond', 'Meeting', fkMeeting)).toBe(false);
    expect(can(employer, 'arrange', 'Meeting', fkMeeting)).toBe(false);
    expect(can(employer, 'arrange', 'Meeting', ownRehab)).toBe(true);
    expect(can(employer, 'move', 'Meeting', fkMeeting)).toBe(false);
    expect(can(employer, 'move', 'Meeting', ownRehab)).toBe(true);
  });

  it('lets only the patient manage consents and remove participants', () => {
    for (const party of ['EMPLOYER', 'CARE', 'FK', 'AF', 'OCCUPATIONAL_HEALTH'] as const) {
      const who = ability(party, null, EVERY_CATEGORY);
      expect([party, can(who, 'manage', 'Consent'), can(who, 'read', 'AccessLog')]).toEqual([
        party,
        false,
        false,
      ]);
      expect(can(who, 'remove', 'Participant', { party: 'AF' })).toBe(false);
    }
    const patient = ability('PATIENT', null);
    expect(can(patient, 'manage', 'Consent')).toBe(true);
    expect(can(patient, 'remove', 'Participant', { party: 'AF' })).toBe(true);
    expect(can(patient, 'remove', 'Participant', { party: 'PATIENT' })).toBe(false);
  });
});

describe('roles that count', () => {
  it('counts a role only for its own party, and gives an administrator no case', () => {
    expect(caseRole('EMPLOYER', 'DOCTOR')).toBeNull();
    expect(caseRole('CARE', 'DOCTOR')).toBe('DOCTOR');
    const misfiled = ability('EMPLOYER', 'DOCTOR', [...CATEGORIES]);
    expect(can(misfiled, 'update', 'Plan', undefined, 'sickLeaveSteps')).toBe(false);
    expect(hasCaseAccess({ party: 'CARE', role: 'ORG_ADMIN' })).toBe(false);
    expect(hasCaseAccess({ party: 'CARE', role: 'DOCTOR' })).toBe(true);
    expect(hasCaseAccess({ party: 'PATIENT', role: null })).toBe(true);
  });

  it('shows the doctor and the coordinator, the manager and HR, exactly what they may do', () => {
    const perms = (party: Party, role: Role | null, granted: readonly Category[] = []) =>
      permissionsOf({ party, ability: ability(party, role, granted) });
    const doctor = perms('CARE', 'DOCTOR');
    const coordinator = perms('CARE', 'COORDINATOR');
    expect(doctor).toContain('plan:update-sick-leave-steps');
    expect(coordinator).not.toContain('plan:update-sick-leave-steps');
    expect(coordinator).toContain('plan:update-medical-measures');
    expect(perms('EMPLOYER', 'MANAGER')).toEqual(perms('EMPLOYER', 'HR'));
    expect(perms('EMPLOYER', 'MANAGER')).toEqual(
      expect.arrayContaining(['plan:update-employer-part', 'plan:sign', 'plan:record-not-needed']),
    );
    expect(perms('EMPLOYER', null)).not.toContain('plan:update-employer-part');
    const af = perms('AF', 'CASE_OFFICER');
    expect(af).not.toContain('participant:invite');
    expect(af).not.toContain('meeting:create:AVSTAMNINGSMOTE');
    expect(af).toContain('meeting:create:GEMENSAM_KARTLAGGNING');
    expect(perms('FK', 'CASE_OFFICER')).toContain('meeting:create:AVSTAMNINGSMOTE');
    expect(perms('PATIENT', null)).toEqual(
      expect.arrayContaining(['consent:manage', 'access-log:read', 'plan:update-patient-view']),
    );
  });
});
