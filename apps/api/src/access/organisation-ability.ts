import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import {
  type OrganisationKind,
  PARTY_OF_ORGANISATION_KIND,
  type Party,
  type Role,
  rolesOfOrganisationKind,
} from '@atergang/contracts';
import type { Actor } from './access.types';
import { isCaseRole } from './workspace-ability';

// Who may do what with an organisation's own records (issue 12): its staff, their roles and
// the invitations to join it. The organisation's records are the source of who acts for it
// in a case, so this is the one place those rules are written; the organisation guard and
// the services only ask. The administrator (ORG_ADMIN) keeps the records and sees no case
// content (workspace-ability.ts, hasCaseAccess); every member sees which colleagues take
// part in cases, to hand a case over or bring one in.

export type OrganisationAction = 'read' | 'create' | 'update' | 'delete' | 'deactivate';

export type OrganisationSubject =
  /** The staff list with e-mail addresses; update = change a member's roles. */
  | 'StaffMember'
  /** Invitations to join the staff; delete = withdraw one. */
  | 'AccountInvitation'
  /** The members who act in cases: name and case roles, no e-mail. */
  | 'Colleague'
  /** Follow-up statistics about the cases the organisation takes part in (issue 18). */
  | 'Statistics'
  /** The statistics by diagnosis chapter (from certificates): medical, care units only. */
  | 'DiagnosisStatistics';

export type OrganisationAbility = MongoAbility<[OrganisationAction, OrganisationSubject]>;

export interface OrganisationAbilityInput {
  readonly kind: OrganisationKind;
  /** The caller's roles in the organisation (their memberships). */
  readonly roles: readonly Role[];
}

/** The ability of one member of one organisation, built from their roles there. */
export function buildOrganisationAbility(input: OrganisationAbilityInput): OrganisationAbility {
  const { can, build } = new AbilityBuilder<OrganisationAbility>(createMongoAbility);
  if (input.roles.length > 0) {
    can('read', 'Colleague');
  }
  // A role outside the organisation's kind counts for nothing, like in a case.
  if (
    input.roles.includes('ORG_ADMIN') &&
    rolesOfOrganisationKind(input.kind).includes('ORG_ADMIN')
  ) {
    can(['read', 'update', 'deactivate'], 'StaffMember');
    can(['read', 'create', 'delete'], 'AccountInvitation');
  }
  // Statistics go to those who lead the organisation's work with cases, never to each case
  // worker: the administrator (a care unit's management, FK's and AF's case-officer leads)
  // and an employer's HR. Only a care unit sees diagnoses, as in its own records; an
  // employer never does (SFB, OSL: the diagnosis is the patient's to share).
  const leads =
    (input.roles.includes('ORG_ADMIN') &&
      rolesOfOrganisationKind(input.kind).includes('ORG_ADMIN')) ||
    (input.kind === 'EMPLOYER' && input.roles.includes('HR'));
  if (leads) {
    can('read', 'Statistics');
    if (input.kind === 'CARE_UNIT') can('read', 'DiagnosisStatistics');
  }
  return build();
}

/**
 * The caller's access to one organisation, resolved once per request by the organisation
 * guard (only for members: anyone else learns nothing of it) and passed to the services.
 */
export interface OrganisationAccess extends Actor {
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly organisationName: string;
  /** The party its members act for in a case. */
  readonly party: Exclude<Party, 'PATIENT'>;
  readonly roles: readonly Role[];
  readonly ability: OrganisationAbility;
}

// ---------------------------------------------------------------------------------------
// Roles an organisation gives, and what they mean in a case
// ---------------------------------------------------------------------------------------

/** The requested roles that an organisation of this kind cannot give (ROLES_BY_PARTY). */
export function rolesOutsideKind(kind: OrganisationKind, roles: readonly Role[]): Role[] {
  const allowed: readonly Role[] = rolesOfOrganisationKind(kind);
  return roles.filter((role) => !allowed.includes(role));
}

/** The roles with which a member of the organisation takes part in cases (not ORG_ADMIN). */
export function caseRolesOf(kind: OrganisationKind, roles: readonly Role[]): Role[] {
  const party = PARTY_OF_ORGANISATION_KIND[kind];
  // In the party's own order (ROLES_BY_PARTY), so "their first case role" is one choice.
  const order: readonly Role[] = rolesOfOrganisationKind(kind);
  return order.filter((role) => roles.includes(role) && isCaseRole(party, role));
}

/**
 * The role a member's participant rows carry for the organisation: the role in a case comes
 * from the membership. The current one while they still hold it, else their first case role;
 * a member left with no case role holds ORG_ADMIN (the only other role of the kind), which
 * gives no case access (hasCaseAccess), so they no longer see the case.
 */
export function participantRoleFor(
  kind: OrganisationKind,
  roles: readonly Role[],
  current: Role | null,
): Role {
  const caseRoles = caseRolesOf(kind, roles);
  if (current !== null && caseRoles.includes(current)) return current;
  return caseRoles[0] ?? 'ORG_ADMIN';
}

/** Whether a member may take over cases for the organisation: they act in cases for it. */
export function mayTakeOverCases(kind: OrganisationKind, roles: readonly Role[]): boolean {
  return caseRolesOf(kind, roles).length > 0;
}

/**
 * Whether the person may search the directory of organisations (to invite one into a case):
 * staff of any organisation. A patient with no membership is no one's staff.
 */
export function maySearchDirectory(membershipCount: number): boolean {
  return membershipCount > 0;
}

/**
 * Whether a change of one member's roles (null: the member leaves) would leave the
 * organisation without an administrator. Nobody could then invite or deactivate anyone
 * without the platform operator, so the last ORG_ADMIN is kept.
 */
export function wouldLeaveNoAdministrator(
  administratorIds: readonly string[],
  userId: string,
  rolesAfter: readonly Role[] | null,
): boolean {
  const remains = rolesAfter?.includes('ORG_ADMIN') ?? false;
  if (remains || !administratorIds.includes(userId)) return false;
  return administratorIds.every((id) => id === userId);
}
