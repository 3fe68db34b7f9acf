import { Injectable } from '@nestjs/common';
import type { Party, Prisma, Role } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const organisationRef = { select: { id: true, name: true, kind: true } } as const;

export const invitationSelect = {
  id: true,
  workspaceId: true,
  email: true,
  party: true,
  organisationId: true,
  invitedById: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  approvalRequired: true,
  approvedAt: true,
  organisation: organisationRef,
  invitedBy: { select: { id: true, name: true } },
} as const;

export type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

@Injectable()
export class InvitationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  participant(workspaceId: string, participantId: string, db: Tx = this.prisma) {
    return db.participant.findFirst({
      where: { id: participantId, workspaceId, removedAt: null },
      select: {
        id: true,
        userId: true,
        party: true,
        organisationId: true,
        organisation: { select: { kind: true } },
      },
    });
  }

  /** Whether a person the patient removed from the case would come back. */
  async removedByPatient(db: Tx, workspaceId: string, userId: string): Promise<boolean> {
    const row = await db.participant.findFirst({
      where: {
        workspaceId,
        userId,
        removedAt: { not: null },
        removedBy: { patientWorkspaces: { some: { id: workspaceId } } },
      },
      select: { id: true },
    });
    return row !== null;
  }

  async removeParticipant(tx: Tx, participantId: string, removedById: string): Promise<void> {
    await tx.participant.update({
      where: { id: participantId },
      data: { removedAt: new Date(), removedById },
    });
  }

  /** Voids what a removed participant had issued and nobody has accepted yet. */
  async voidInvitationsBy(tx: Tx, workspaceId: string, userId: string): Promise<number> {
    const { count } = await tx.invitation.updateMany({
      where: { workspaceId, invitedById: userId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count;
  }

  activeParticipantByEmail(db: Tx, workspaceId: string, email: string) {
    return db.participant.findFirst({
      where: { workspaceId, removedAt: null, user: { email: email.toLowerCase() } },
      select: { id: true },
    });
  }

  organisation(db: Tx, id: string) {
    return db.organisation.findUnique({ where: { id }, ...organisationRef });
  }

  createInvitation(
    tx: Tx,
    data: {
      workspaceId: string;
      email: string;
      party: Party;
      organisationId: string;
      invitedById: string;
      expiresAt: Date;
      tokenHash: string;
      approvalRequired: boolean;
    },
  ) {
    return tx.invitation.create({
      data: { ...data, email: data.email.toLowerCase() },
      select: invitationSelect,
    });
  }

  /** A case's invitations with each inviter's party, newest first. */
  async forWorkspace(workspaceId: string) {
    const rows = await this.prisma.invitation.findMany({
      where: { workspaceId },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: invitationSelect,
    });
    const parties = await this.inviterParties(workspaceId, rows);
    return rows.map((row) => ({ ...row, inviterParty: parties.get(row.invitedById) ?? null }));
  }

  async one(db: Tx, workspaceId: string, invitationId: string) {
    const row = await db.invitation.findFirst({
      where: { id: invitationId, workspaceId },
      select: invitationSelect,
    });
    if (!row) return null;
    const parties = await this.inviterParties(workspaceId, [row], db);
    return { ...row, inviterParty: parties.get(row.invitedById) ?? null };
  }

  private async inviterParties(
    workspaceId: string,
    rows: readonly { invitedById: string }[],
    db: Tx = this.prisma,
  ): Promise<Map<string, Party>> {
    const inviters = await db.participant.findMany({
      where: { workspaceId, userId: { in: [...new Set(rows.map((row) => row.invitedById))] } },
      select: { userId: true, party: true },
    });
    return new Map(inviters.map((inviter) => [inviter.userId, inviter.party]));
  }

  async approve(tx: Tx, invitationId: string, tokenHash: string): Promise<void> {
    await tx.invitation.update({
      where: { id: invitationId },
      data: { approvedAt: new Date(), tokenHash },
    });
  }

  async requireApproval(invitationId: string): Promise<void> {
    await this.prisma.invitation.update({
      where: { id: invitationId },
      data: { approvalRequired: true, approvedAt: null },
    });
  }

  async withdraw(tx: Tx, invitationId: string, revokedById: string): Promise<void> {
    await tx.invitation.update({
      where: { id: invitationId },
      data: { revokedAt: new Date(), revokedById },
    });
  }

  /** An open invitation to this e-mail, by its id or by its link's token, locked. */
  async openForUpdate(
    tx: Tx,
    where: { readonly id: string } | { readonly tokenHash: string },
    email: string,
  ) {
    const rows =
      'id' in where
        ? await tx.$queryRaw<{ id: string }[]>`
            SELECT id::text AS id FROM invitations
            WHERE id = ${where.id}::uuid AND email = ${email.toLowerCase()}
              AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            FOR UPDATE`
        : await tx.$queryRaw<{ id: string }[]>`
            SELECT id::text AS id FROM invitations
            WHERE token_hash = ${where.tokenHash} AND email = ${email.toLowerCase()}
              AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            FOR UPDATE`;
    const id = rows[0]?.id;
    return id ? tx.invitation.findUnique({ where: { id }, select: invitationSelect }) : null;
  }

  openInvitationsFor(email: string) {
    return this.prisma.invitation.findMany({
      where: {
        email: email.toLowerCase(),
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      orderBy: { createdAt: 'desc' },
      select: invitationSelect,
    });
  }

  /** Whether the inviter still takes part in the case (a removed inviter's invitation is void). */
  async inviterActive(db: Tx, workspaceId: string, userId: string): Promise<boolean> {
    const row = await db.participant.findFirst({
      where: { workspaceId, userId, removedAt: null },
      select: { id: true },
    });
    return row !== null;
  }

  /** The person's case roles in the organisation, by the organisation's own records. */
  async rolesIn(db: Tx, userId: string, organisationId: string): Promise<Role[]> {
    const rows = await db.membership.findMany({
      where: { userId, organisationId },
      select: { role: true },
    });
    return rows.map((row) => row.role);
  }

  async join(
    tx: Tx,
    data: {
      workspaceId: string;
      userId: string;
      party: Party;
      organisationId: string;
      role: Role;
      addedById: string;
    },
  ): Promise<{ participantId: string }> {
    const participant = await tx.participant.upsert({
      where: { workspaceId_userId: { workspaceId: data.workspaceId, userId: data.userId } },
      create: data,
      update: {
        party: data.party,
        organisationId: data.organisationId,
        role: data.role,
        addedById: data.addedById,
        removedAt: null,
        removedById: null,
        joinedAt: new Date(),
      },
      select: { id: true },
    });
    return { participantId: participant.id };
  }

  async markAccepted(tx: Tx, invitationId: string, userId: string): Promise<void> {
    await tx.invitation.update({
      where: { id: invitationId },
      data: { acceptedAt: new Date(), acceptedByUserId: userId },
    });
  }

  async employerOf(db: Tx, workspaceId: string): Promise<string | null> {
    const workspace = await db.workspace.findUnique({
      where: { id: workspaceId },
      select: { employerOrganisationId: true },
    });
    return workspace?.employerOrganisationId ?? null;
  }

  patientOf(db: Tx, workspaceId: string) {
    return db.workspace.findUnique({
      where: { id: workspaceId },
      select: { patient: { select: { id: true, email: true, language: true } } },
    });
  }

  userById(db: Tx, userId: string) {
    return db.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, language: true },
    });
  }
}
