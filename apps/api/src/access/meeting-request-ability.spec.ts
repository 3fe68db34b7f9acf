import { type Category, type Party, type Role } from '@atergang/contracts';
import { allows } from './authorization';
import { compileCondition, facetsOf } from './facets';
import { permissionsOf } from './permissions';
import { buildWorkspaceAbility, readConditions } from './workspace-ability';

// Requests for an avstämningsmöte (issue 15) as tables of party × role × consent → action.
// FK calls the meeting and decides whether it is held; the patient, care's doctor and
// coordinator and the employer's manager and HR ask; FK reads every request (addressed to
// it), the asking party its own, the patient all, any other party only by MEETINGS.

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

const requestOf = (party: Party) => ({ requestedByParty: party });

describe('who asks FK for an avstämningsmöte', () => {
  it.each([
    // [party, role, may ask]
    ['PATIENT', null, true],
    ['CARE', 'DOCTOR', true],
    ['CARE', 'COORDINATOR', true],
    ['CARE', 'THERAPIST', false],
    ['CARE', null, false],
    ['EMPLOYER', 'MANAGER', true],
    ['EMPLOYER', 'HR', true],
    ['EMPLOYER', null, false],
    ['EMPLOYER', 'ORG_ADMIN', false],
    ['OCCUPATIONAL_HEALTH', 'FHV_CONSULTANT', false],
    ['FK', 'CASE_OFFICER', false],
    ['AF', 'CASE_OFFICER', false],
  ] as const)('%s %s may ask: %s', (party, role, expected) => {
    const who = ability(party, role);
    expect(allows(who, 'request', 'MeetingRequest', requestOf(party))).toBe(expected);
    expect(permissionsOf({ party, ability: who }).includes('meeting-request:create')).toBe(
      expected,
    );
  });

  it('asks only in its own party’s name', () => {
    expect(
      allows(ability('CARE', 'DOCTOR'), 'request', 'MeetingRequest', requestOf('EMPLOYER')),
    ).toBe(false);
  });

  it('asks and answers nothing in a closed case', () => {
    expect(
      allows(ability('PATIENT', null, [], true), 'request', 'MeetingRequest', requestOf('PATIENT')),
    ).toBe(false);
    expect(
      allows(
        ability('FK', 'CASE_OFFICER', [], true),
        'answer',
        'MeetingRequest',
        requestOf('CARE'),
      ),
    ).toBe(false);
  });
});

describe('who answers and who reads a request', () => {
  it.each([
    // [party, role, may answer]
    ['FK', 'CASE_OFFICER', true],
    ['FK', null, false],
    ['PATIENT', null, false],
    ['CARE', 'DOCTOR', false],
    ['EMPLOYER', 'MANAGER', false],
    ['AF', 'CASE_OFFICER', false],
  ] as const)('%s %s may answer: %s', (party, role, expected) => {
    expect(allows(ability(party, role), 'answer', 'MeetingRequest', requestOf('CARE'))).toBe(
      expected,
    );
  });

  it.each([
    // [reader party, role, consent, request by, may read]
    ['FK', 'CASE_OFFICER', [], 'EMPLOYER', true],
    ['FK', 'CASE_OFFICER', [], 'PATIENT', true],
    ['PATIENT', null, [], 'CARE', true],
    ['EMPLOYER', 'MANAGER', [], 'EMPLOYER', true],
    ['EMPLOYER', null, [], 'EMPLOYER', true],
    ['EMPLOYER', 'MANAGER', [], 'CARE', false],
    ['EMPLOYER', 'MANAGER', ['PLAN', 'TASKS', 'DOCUMENTS', 'MEDICAL'], 'CARE', false],
    ['EMPLOYER', 'MANAGER', ['MEETINGS'], 'CARE', true],
    ['CARE', 'DOCTOR', [], 'PATIENT', false],
    ['CARE', 'DOCTOR', ['MEETINGS'], 'PATIENT', true],
    ['AF', 'CASE_OFFICER', [], 'EMPLOYER', false],
    ['AF', 'CASE_OFFICER', ['MEETINGS'], 'EMPLOYER', true],
  ] as const)('%s %s with %j reads a request by %s: %s', (party, role, granted, by, expected) => {
    expect(allows(ability(party, role, granted), 'read', 'MeetingRequest', requestOf(by))).toBe(
      expected,
    );
  });

  it('reads a request’s events by the same rule (its facets address it to FK)', () => {
    const facets = facetsOf('MeetingRequest', requestOf('EMPLOYER'));
    expect(facets).toMatchObject({
      category: 'MEETINGS',
      authorParty: 'EMPLOYER',
      assigneeParty: 'FK',
    });
    const event = { ...facets, inviteeParticipantIds: [] };
    expect(allows(ability('FK', 'CASE_OFFICER'), 'read', 'WorkspaceEvent', event)).toBe(true);
    expect(allows(ability('AF', 'CASE_OFFICER'), 'read', 'WorkspaceEvent', event)).toBe(false);
  });

  it('the addressee rule reaches no meeting: only requests carry a MEETINGS addressee', () => {
    const addressed = readConditions({
      party: 'AF',
      role: 'CASE_OFFICER',
      participantId: 'me',
      isPatient: false,
      grantedCategories: new Set(),
    }).find((condition) => condition.category === 'MEETINGS' && condition.assigneeParty === 'AF');
    expect(addressed).toBeDefined();
    expect(compileCondition('Meeting', addressed ?? {})).toBeNull();
    expect(compileCondition('MeetingRequest', addressed ?? {})).toBeNull();
  });
});
