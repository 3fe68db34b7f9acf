import type { OrganisationKind, Role } from '@atergang/contracts';
import {
  buildOrganisationAbility,
  caseRolesOf,
  maySearchDirectory,
  mayTakeOverCases,
  participantRoleFor,
  rolesOutsideKind,
  wouldLeaveNoAdministrator,
} from './organisation-ability';

describe('the organisation ability', () => {
  const ability = (kind: OrganisationKind, roles: Role[]) =>
    buildOrganisationAbility({ kind, roles });

  it('lets only the ORG_ADMIN keep the staff and the invitations', () => {
    const admin = ability('EMPLOYER', ['ORG_ADMIN']);
    const manager = ability('EMPLOYER', ['MANAGER']);
    for (const action of ['read', 'update', 'deactivate'] as const) {
      expect(admin.can(action, 'StaffMember')).toBe(true);
      expect(manager.can(action, 'StaffMember')).toBe(false);
    }
    for (const action of ['read', 'create', 'delete'] as const) {
      expect(admin.can(action, 'AccountInvitation')).toBe(true);
      expect(manager.can(action, 'AccountInvitation')).toBe(false);
    }
  });

  it('shows every member, administrators too, who takes part in cases', () => {
    expect(ability('CARE_UNIT', ['DOCTOR']).can('read', 'Colleague')).toBe(true);
    expect(ability('CARE_UNIT', ['ORG_ADMIN']).can('read', 'Colleague')).toBe(true);
    expect(ability('CARE_UNIT', []).can('read', 'Colleague')).toBe(false);
  });

  it('names the roles an organisation of a kind does not give', () => {
    expect(rolesOutsideKind('EMPLOYER', ['MANAGER', 'DOCTOR', 'ORG_ADMIN'])).toEqual(['DOCTOR']);
    expect(rolesOutsideKind('FK', ['CASE_OFFICER'])).toEqual([]);
    expect(rolesOutsideKind('OCCUPATIONAL_HEALTH', ['HR'])).toEqual(['HR']);
  });

  it('counts case roles in the party order and never ORG_ADMIN', () => {
    expect(caseRolesOf('CARE_UNIT', ['ORG_ADMIN', 'THERAPIST', 'DOCTOR'])).toEqual([
      'DOCTOR',
      'THERAPIST',
    ]);
    expect(mayTakeOverCases('EMPLOYER', ['ORG_ADMIN'])).toBe(false);
    expect(mayTakeOverCases('EMPLOYER', ['HR'])).toBe(true);
  });

  it('lets the role in a case follow the membership', () => {
    expect(participantRoleFor('EMPLOYER', ['MANAGER', 'HR'], 'HR')).toBe('HR');
    expect(participantRoleFor('EMPLOYER', ['HR'], 'MANAGER')).toBe('HR');
    expect(participantRoleFor('EMPLOYER', ['MANAGER'], null)).toBe('MANAGER');
    // No case role left: the administrator's role, which gives no case access.
    expect(participantRoleFor('EMPLOYER', ['ORG_ADMIN'], 'MANAGER')).toBe('ORG_ADMIN');
  });

  it('keeps the last administrator', () => {
    expect(wouldLeaveNoAdministrator(['a'], 'a', ['MANAGER'])).toBe(true);
    expect(wouldLeaveNoAdministrator(['a'], 'a', null)).toBe(true);
    expect(wouldLeaveNoAdministrator(['a'], 'a', ['ORG_ADMIN', 'HR'])).toBe(false);
    expect(wouldLeaveNoAdministrator(['a', 'b'], 'a', null)).toBe(false);
    expect(wouldLeaveNoAdministrator(['a'], 'b', null)).toBe(false);
  });

  it('opens the directory to staff only', () => {
    expect(maySearchDirectory(0)).toBe(false);
    expect(maySearchDirectory(1)).toBe(true);
  });
});
