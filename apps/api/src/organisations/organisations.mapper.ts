import type {
  AccountInvitationLookup,
  ColleagueView,
  OrganisationDirectoryEntry,
  OrganisationKind,
  OrganisationView,
  Role,
  StaffInvitationView,
  StaffMemberView,
} from '@atergang/contracts';
import { ROLES } from '@atergang/contracts';

interface OrganisationRow {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly organisationsnummer: string | null;
  readonly hsaId: string | null;
}

interface MembershipRow {
  readonly role: Role;
  readonly createdAt: Date;
  readonly user: {
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly disabledAt: Date | null;
  };
}

interface InvitationRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly invitedBy: { readonly id: string; readonly name: string } | null;
  readonly organisation: { readonly name: string; readonly kind: OrganisationKind };
}

/** Roles in the contracts' order, so a member's roles read the same way everywhere. */
const inRoleOrder = (roles: readonly Role[]): Role[] =>
  ROLES.filter((role) => roles.includes(role));

export function toOrganisation(row: OrganisationRow): OrganisationView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    organisationsnummer: row.organisationsnummer,
    hsaId: row.hsaId,
  };
}

export function toDirectoryEntry(row: {
  id: string;
  kind: OrganisationKind;
  name: string;
}): OrganisationDirectoryEntry {
  return { id: row.id, kind: row.kind, name: row.name };
}

/** Membership rows (one per role) as one entry per person, in the order they joined. */
export function toStaffMembers(
  rows: readonly MembershipRow[],
  openCases: ReadonlyMap<string, number>,
): StaffMemberView[] {
  const members = new Map<string, { row: MembershipRow; roles: Role[]; since: Date }>();
  for (const row of rows) {
    const member = members.get(row.user.id);
    if (member) {
      member.roles.push(row.role);
      if (row.createdAt < member.since) member.since = row.createdAt;
    } else {
      members.set(row.user.id, { row, roles: [row.role], since: row.createdAt });
    }
  }
  return [...members.values()].map(({ row, roles, since }) => ({
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    roles: inRoleOrder(roles),
    since: since.toISOString(),
    openCases: openCases.get(row.user.id) ?? 0,
  }));
}

export function toColleague(member: {
  userId: string;
  name: string;
  roles: Role[];
}): ColleagueView {
  return { userId: member.userId, name: member.name, roles: inRoleOrder(member.roles) };
}

export function toStaffInvitation(row: InvitationRow): StaffInvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: inRoleOrder(row.roles),
    invitedBy: row.invitedBy ? { id: row.invitedBy.id, name: row.invitedBy.name } : null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export function toInvitationLookup(
  row: InvitationRow,
  accountExists: boolean,
): AccountInvitationLookup {
  return {
    organisation: { name: row.organisation.name, kind: row.organisation.kind },
    email: row.email,
    name: row.name,
    roles: inRoleOrder(row.roles),
    invitedBy: row.invitedBy ? { name: row.invitedBy.name } : null,
    accountExists,
    expiresAt: row.expiresAt.toISOString(),
  };
}
