import { Injectable } from '@nestjs/common';
import type { OrganisationKind, Role } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

export const organisationSelect = {
  id: true,
  kind: true,
  name: true,
  organisationsnummer: true,
  hsaId: true,
} as const;

export const accountInvitationSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { id: true, name: true } },
  organisation: { select: { id: true, name: true, kind: true } },
} as const;

export interface NewOrganisation {
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly organisationsnummer: string | null;
  readonly hsaId: string | null;
}

export interface NewAccountInvitation {
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly tokenHash: string;
  readonly invitedById: string | null;
  readonly expiresAt: Date;
}

/** An open invitation's row, as accepting it needs. */
export interface OpenInvitationRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: Role[];
  readonly organisationId: string;
}

/**
 * Prisma's `contains` becomes ILIKE '%…%' without escaping the pattern characters, so a
 * search for "50%" would match everything; PostgreSQL's default LIKE escape is backslash.
 */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The organisation feature's tables: organisations, memberships (who acts for which in
 * which role), staff account invitations, and the accounts those invitations create.
 */
@Injectable()
export class OrganisationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  // --- organisations ---

  createOrganisation(tx: Tx, data: NewOrganisation) {
    return tx.organisation.create({ data, select: organisationSelect });
  }

  organisationWith(db: Tx, where: { organisationsnummer: string } | { hsaId: string }) {
    return db.organisation.findUnique({ where, select: { id: true } });
  }

  organisation(db: Tx | undefined, id: string) {
    return (db ?? this.prisma).organisation.findUnique({
      where: { id },
      select: organisationSelect,
    });
  }

  /** Every organisation with its number of members (people, not roles), by name. */
  async allOrganisations() {
    const rows = await this.prisma.organisation.findMany({
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: organisationSelect,
    });
    const people = await this.prisma.membership.groupBy({ by: ['organisationId', 'userId'] });
    const members = new Map<string, number>();
    for (const row of people) {
      members.set(row.organisationId, (members.get(row.organisationId) ?? 0) + 1);
    }
    return rows.map((row) => ({ ...row, members: members.get(row.id) ?? 0 }));
  }

  /**
   * Serialises changes to one organisation's staff until the unit ends, so two
   * administrators demoting each other at once cannot both pass the last-admin check.
   */
  async lockOrganisation(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${id}::uuid FOR UPDATE`;
  }

  /** Organisations by name (case-insensitive substring), of a kind if given; at most `take`. */
  directory(query: { kind?: OrganisationKind; q?: string }, take: number) {
    const q = query.q?.trim();
    return this.prisma.organisation.findMany({
      where: {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(q ? { name: { contains: escapeLike(q), mode: 'insensitive' as const } } : {}),
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take,
      select: { id: true, kind: true, name: true },
    });
  }

  // --- memberships ---

  /** The caller's roles in an organisation, with the organisation; null if none. */
  async membershipOf(organisationId: string, userId: string) {
    const rows = await this.prisma.membership.findMany({
      where: { organisationId, userId, user: { disabledAt: null } },
      select: { role: true, organisation: { select: { id: true, kind: true, name: true } } },
      orderBy: { createdAt: 'asc' },
    });
    const first = rows[0];
    return first ? { organisation: first.organisation, roles: rows.map((row) => row.role) } : null;
  }

  membershipCount(db: Tx | undefined, userId: string): Promise<number> {
    return (db ?? this.prisma).membership.count({ where: { userId } });
  }

  rolesOf(db: Tx, organisationId: string, userId: string): Promise<Role[]> {
    return db.membership
      .findMany({ where: { organisationId, userId }, select: { role: true } })
      .then((rows) => rows.map((row) => row.role));
  }

  /** The organisation's members: one row per membership (role), by who joined first. */
  memberships(db: Tx | undefined, organisationId: string) {
    return (db ?? this.prisma).membership.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true, disabledAt: true } },
      },
    });
  }

  async administratorIds(tx: Tx, organisationId: string): Promise<string[]> {
    const rows = await tx.membership.findMany({
      where: { organisationId, role: 'ORG_ADMIN', user: { disabledAt: null } },
      select: { userId: true },
    });
    return rows.map((row) => row.userId);
  }

  async addRoles(tx: Tx, organisationId: string, userId: string, roles: readonly Role[]) {
    await tx.membership.createMany({
      data: roles.map((role) => ({ organisationId, userId, role })),
      skipDuplicates: true,
    });
  }

  /** The member holds exactly `roles` afterwards (rows of other roles deleted). */
  async replaceRoles(tx: Tx, organisationId: string, userId: string, roles: readonly Role[]) {
    await tx.membership.deleteMany({
      where: { organisationId, userId, role: { notIn: [...roles] } },
    });
    await this.addRoles(tx, organisationId, userId, roles);
  }

  /** Ends every membership of the person in the organisation (the audit log keeps history). */
  async endMemberships(tx: Tx, organisationId: string, userId: string): Promise<void> {
    await tx.membership.deleteMany({ where: { organisationId, userId } });
  }

  // --- accounts ---

  accountByEmail(db: Tx | undefined, email: string) {
    return (db ?? this.prisma).user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true, name: true, email: true, language: true, disabledAt: true },
    });
  }

  createAccount(tx: Tx, data: { email: string; name: string; passwordHash: string }) {
    return tx.user.create({
      data: { ...data, email: data.email.toLowerCase() },
      select: { id: true, name: true, email: true },
    });
  }

  /** A disabled account taken up again from an invitation: the new password, enabled. */
  reactivateAccount(tx: Tx, id: string, passwordHash: string) {
    return tx.user.update({
      where: { id },
      data: { passwordHash, disabledAt: null },
      select: { id: true, name: true, email: true },
    });
  }

  /** Whether the person is the patient of any workspace (their account must stay usable). */
  async isPatient(tx: Tx, userId: string): Promise<boolean> {
    return (await tx.workspace.count({ where: { patientUserId: userId } })) > 0;
  }

  // --- staff account invitations ---

  createInvitation(tx: Tx, data: NewAccountInvitation) {
    return tx.accountInvitation.create({
      data: { ...data, email: data.email.toLowerCase(), roles: [...data.roles] },
      select: accountInvitationSelect,
    });
  }

  /** Open invitations of the address to the organisation are replaced by a new one. */
  async revokeOpenInvitationsTo(tx: Tx, organisationId: string, email: string): Promise<void> {
    await tx.accountInvitation.updateMany({
      where: { organisationId, email: email.toLowerCase(), acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  invitationsOf(organisationId: string) {
    return this.prisma.accountInvitation.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 200,
      select: accountInvitationSelect,
    });
  }

  /** Withdraws an invitation not yet accepted or withdrawn; false when there is none. */
  async revokeInvitation(tx: Tx, organisationId: string, id: string): Promise<boolean> {
    const { count } = await tx.accountInvitation.updateMany({
      where: { id, organisationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }

  /** The invitation a link's token opens, if still open (expiry by the database clock). */
  openInvitationByToken(tokenHash: string) {
    return this.prisma.accountInvitation.findFirst({
      where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: accountInvitationSelect,
    });
  }

  /**
   * The open invitation of the token, locked until the unit ends: two acceptances of one
   * link at once are serialised, and the second finds it accepted.
   */
  async lockOpenInvitation(tx: Tx, tokenHash: string): Promise<OpenInvitationRow | null> {
    const rows = await tx.$queryRaw<OpenInvitationRow[]>`
      SELECT id::text AS id, email, name, roles::text[] AS roles,
             organisation_id::text AS "organisationId"
      FROM account_invitations
      WHERE token_hash = ${tokenHash}
        AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      FOR UPDATE`;
    return rows[0] ?? null;
  }

  async markAccepted(tx: Tx, id: string, userId: string): Promise<void> {
    await tx.accountInvitation.update({
      where: { id },
      data: { acceptedAt: new Date(), acceptedByUserId: userId },
    });
  }
}
