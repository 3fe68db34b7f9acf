import { Injectable } from '@nestjs/common';
import {
  type InvitationStatus,
  type InvitationView,
  type InviteParticipantRequest,
  PARTY_OF_ORGANISATION_KIND,
  type WorkspaceOverview,
} from '@atergang/contracts';
import type { Actor, WorkspaceAccess } from '../access/access.types';
import { AccessService } from '../access/access.service';
import { allows, Authorization } from '../access/authorization';
import { caseRolesOf } from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ValidationError } from '../common/api-error';
import { hashLinkToken, newLinkToken } from '../common/link-token';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { ChangeRecorder } from '../events/change-recorder';
import { appLink, MAIL_LINKS } from '../mail/mail-links';
import { MailOutbox } from '../mail/mail-outbox';
import { TransactionRunner, type Tx, type UnitOfWork } from '../prisma/transaction';
import {
  alreadyParticipant,
  cannotRemovePatient,
  colleagueNotEligible,
  invitationNotAwaitingApproval,
  invitationNotFound,
  mayNotInvite,
  notInInvitedOrganisation,
  onlyPatientRemoves,
  organisationRequired,
  participantNotFound,
  patientApprovalRequired,
  unknownOrganisation,
} from './workspaces.errors';
import { type InvitationRow, InvitationsRepository } from './invitations.repository';
import { WorkspacesService } from './workspaces.service';

/** Invitation links are single use and expire after 7 days (issue 12, item 6). */
const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** Where an invitation stands, from its columns (the database clock set them). */
export function invitationStatus(row: InvitationRow, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return 'ACCEPTED';
  if (row.revokedAt) return 'WITHDRAWN';
  if (row.expiresAt <= now) return 'EXPIRED';
  if (row.approvalRequired && !row.approvedAt) return 'AWAITING_PATIENT';
  return 'OPEN';
}

function toInvitation(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    email: row.email,
    party: row.party,
    organisation: row.organisation,
    invitedBy: row.invitedBy,
    status: invitationStatus(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

/**
 * Who takes part in a case (issue 12, hole 1). A participant acts for an organisation only
 * if its own records say they belong to it: the invitation names the organisation, the role
 * comes from the invitee's membership when they accept. Another organisation's
 * participation, and anyone the patient removed, waits for her approval; she sees and
 * withdraws every pending invitation; a removed participant's invitations are void.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly repository: InvitationsRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly workspaces: WorkspacesService,
    private readonly mail: MailOutbox,
  ) {}

  invite(access: WorkspaceAccess, request: InviteParticipantRequest): Promise<InvitationView> {
    return this.transactions.run((unit) => this.inviteInUnit(unit, access, request));
  }

  async inviteInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    request: InviteParticipantRequest,
  ): Promise<InvitationView> {
    const { tx } = unit;
    const organisationId =
      request.organisationId ?? (await this.defaultOrganisation(tx, access, request.party));
    if (!organisationId) throw organisationRequired();
    const organisation = await this.repository.organisation(tx, organisationId);
    if (!organisation) throw unknownOrganisation('organisationId');
    const party = PARTY_OF_ORGANISATION_KIND[organisation.kind];
    if (request.party && request.party !== party) {
      throw new ValidationError([
        {
          path: 'party',
          message: `is not the party ${organisation.name} takes part as`,
          code: 'custom',
          params: { reason: 'PARTY_OF_ORGANISATION' },
        },
      ]);
    }
    await this.authorization.require(
      access,
      'invite',
      'Participant',
      { party },
      {
        audit: 'participant.invited',
        resourceType: 'Invitation',
        error: () => mayNotInvite(party),
      },
    );
    if (await this.repository.activeParticipantByEmail(tx, access.workspaceId, request.email)) {
      throw alreadyParticipant();
    }
    // A colleague of the inviter's own organisation joins the party the patient already
    // shares with; anyone else's participation is the patient's decision.
    const approvalRequired = !access.isPatient && organisation.id !== access.organisationId;
    const { token, hash } = newLinkToken();
    const invitation = await this.repository.createInvitation(tx, {
      workspaceId: access.workspaceId,
      email: request.email,
      party,
      organisationId: organisation.id,
      invitedById: access.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      tokenHash: hash,
      approvalRequired,
    });
    if (approvalRequired) {
      await this.askPatient(tx, access, invitation);
    } else {
      await this.mailInvitee(tx, access, invitation, token);
    }
    await this.changes.record(unit, access, {
      type: 'participant.invited',
      resource: { type: 'Invitation', id: invitation.id },
      visibleAs: 'case',
      data: { party },
    });
    return toInvitation(invitation);
  }

  /** The case's invitations the caller may see: all for the patient, their party's else. */
  async list(access: WorkspaceAccess): Promise<InvitationView[]> {
    const rows = await this.repository.forWorkspace(access.workspaceId);
    const shown = rows.filter(
      (row) =>
        row.inviterParty !== null &&
        allows(access.ability, 'read', 'CaseInvitation', { inviterParty: row.inviterParty }),
    );
    await this.audit.record(access, {
      action: 'invitation.listed',
      resourceType: 'Invitation',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return shown.map(toInvitation);
  }

  /** The patient approves another party's participation: the invitee is told now. */
  approve(access: WorkspaceAccess, invitationId: string): Promise<InvitationView> {
    return this.transactions.run((unit) => this.approveInUnit(unit, access, invitationId));
  }

  async approveInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    invitationId: string,
  ): Promise<InvitationView> {
    {
      const row = await this.repository.one(unit.tx, access.workspaceId, invitationId);
      if (!row) throw invitationNotFound();
      await this.authorization.require(
        access,
        'approve',
        'CaseInvitation',
        { inviterParty: row.inviterParty },
        { audit: 'invitation.approved', resourceType: 'Invitation', resourceId: row.id },
      );
      if (invitationStatus(row) !== 'AWAITING_PATIENT') throw invitationNotAwaitingApproval();
      // A fresh link: the invitee hears of it only now.
      const { token, hash } = newLinkToken();
      await this.repository.approve(unit.tx, row.id, hash);
      await this.mailInvitee(unit.tx, access, row, token);
      await this.changes.record(unit, access, {
        type: 'invitation.approved',
        resource: { type: 'Invitation', id: row.id },
        visibleAs: 'case',
        data: { party: row.party },
      });
      const approved = await this.repository.one(unit.tx, access.workspaceId, row.id);
      return toInvitation(approved ?? row);
    }
  }

  /** The patient, or the party that issued it, withdraws a pending invitation. */
  async withdraw(access: WorkspaceAccess, invitationId: string): Promise<void> {
    await this.transactions.run(async (unit) => {
      const row = await this.repository.one(unit.tx, access.workspaceId, invitationId);
      if (!row) throw invitationNotFound();
      await this.authorization.require(
        access,
        'delete',
        'CaseInvitation',
        { inviterParty: row.inviterParty },
        { audit: 'invitation.withdrawn', resourceType: 'Invitation', resourceId: row.id },
      );
      const status = invitationStatus(row);
      if (status !== 'OPEN' && status !== 'AWAITING_PATIENT') throw invitationNotFound();
      await this.repository.withdraw(unit.tx, row.id, access.userId);
      await this.changes.record(unit, access, {
        type: 'invitation.withdrawn',
        resource: { type: 'Invitation', id: row.id },
        visibleAs: 'case',
        data: { party: row.party },
      });
    });
  }

  async openInvitations(user: AuthenticatedUser): Promise<InvitationView[]> {
    const rows = await this.repository.openInvitationsFor(user.email);
    return rows.map(toInvitation);
  }

  /** The signed-in invitee accepts, by the invitation's id or by the token of the link. */
  async accept(
    user: AuthenticatedUser,
    origin: Origin,
    by: { readonly id: string } | { readonly token: string },
  ): Promise<WorkspaceOverview> {
    const where = 'id' in by ? { id: by.id } : { tokenHash: hashLinkToken(by.token) };
    const outcome = await this.transactions.run((unit) =>
      this.acceptInUnit(unit, user, origin, where),
    );
    if (outcome.kind === 'needs-approval') {
      // Recorded outside the refused unit so the patient's decision is asked for even though
      // this call fails.
      await this.repository.requireApproval(outcome.invitationId);
      throw patientApprovalRequired();
    }
    const access = await this.access.forWorkspace(outcome.workspaceId, user, origin);
    if (!access) throw invitationNotFound();
    return this.workspaces.overviewOf(access, false);
  }

  /** Accepts in the caller's unit (the demo seed accepts its invitations this way). */
  async acceptInUnit(
    unit: UnitOfWork,
    user: AuthenticatedUser,
    origin: Origin,
    where: { readonly id: string } | { readonly tokenHash: string },
  ): Promise<
    { kind: 'joined'; workspaceId: string } | { kind: 'needs-approval'; invitationId: string }
  > {
    const { tx } = unit;
    const invitation = await this.repository.openForUpdate(tx, where, user.email);
    if (!invitation) throw invitationNotFound();
    // An invitation dies with its inviter's place in the case.
    if (
      !(await this.repository.inviterActive(tx, invitation.workspaceId, invitation.invitedById))
    ) {
      throw invitationNotFound();
    }
    const approved = !invitation.approvalRequired || invitation.approvedAt !== null;
    if (!approved) throw patientApprovalRequired();
    if (
      invitation.approvedAt === null &&
      (await this.repository.removedByPatient(tx, invitation.workspaceId, user.id))
    ) {
      return { kind: 'needs-approval', invitationId: invitation.id };
    }
    const { organisationId, organisation } = invitation;
    if (!organisationId || !organisation) throw notInInvitedOrganisation();
    // The first case role the organisation's records give them (never the inviter's word).
    const [role] = caseRolesOf(
      organisation.kind,
      await this.repository.rolesIn(tx, user.id, organisationId),
    );
    if (!role) throw notInInvitedOrganisation();
    await this.repository.markAccepted(tx, invitation.id, user.id);
    const { participantId } = await this.repository.join(tx, {
      workspaceId: invitation.workspaceId,
      userId: user.id,
      party: invitation.party,
      organisationId,
      role,
      addedById: invitation.invitedById,
    });
    unit.accessChanged(invitation.workspaceId);
    await this.changes.record(
      unit,
      {
        userId: user.id,
        name: user.name,
        party: invitation.party,
        organisationId,
        workspaceId: invitation.workspaceId,
        ...origin,
      },
      {
        type: 'participant.added',
        resource: { type: 'Participant', id: participantId },
        visibleAs: 'case',
        data: { party: invitation.party },
      },
    );
    return { kind: 'joined', workspaceId: invitation.workspaceId };
  }

  async removeParticipant(access: WorkspaceAccess, participantId: string): Promise<void> {
    const target = await this.repository.participant(access.workspaceId, participantId);
    if (!target) throw participantNotFound();
    await this.authorization.require(access, 'remove', 'Participant', target, {
      audit: 'participant.removed',
      resourceType: 'Participant',
      resourceId: target.id,
      error: access.isPatient ? cannotRemovePatient : onlyPatientRemoves,
    });
    await this.transactions.run(async (unit) => {
      await this.repository.removeParticipant(unit.tx, target.id, access.userId);
      await this.repository.voidInvitationsBy(unit.tx, access.workspaceId, target.userId);
      // The removed participant's live sockets are dropped before this request returns.
      unit.accessChanged(access.workspaceId);
      await this.changes.record(unit, access, {
        type: 'participant.removed',
        resource: { type: 'Participant', id: target.id },
        visibleAs: 'case',
        data: { party: target.party },
      });
    });
  }

  /**
   * The caller's place in the case goes to a colleague of the same organisation (their role
   * from the organisation's records): the patient sees who took over.
   */
  async handOver(access: WorkspaceAccess, toUserId: string): Promise<void> {
    await this.authorization.require(
      access,
      'handOver',
      'Participant',
      { party: access.party },
      {
        audit: 'participant.handed-over',
        resourceType: 'Participant',
        resourceId: access.participantId,
      },
    );
    await this.transactions.run((unit) =>
      this.handOverInUnit(unit, access, access.participantId, toUserId),
    );
  }

  /**
   * Hands one participation to a colleague, in the caller's unit (the organisation's
   * administrator deactivating a member uses it too; the caller has checked who may). The
   * colleague must belong to the participation's organisation in a case role of its party;
   * someone the patient removed does not come back this way.
   */
  async handOverInUnit(
    unit: UnitOfWork,
    actor: Actor & { readonly workspaceId: string },
    participantId: string,
    toUserId: string,
  ): Promise<void> {
    const { tx } = unit;
    const from = await this.repository.participant(actor.workspaceId, participantId, tx);
    if (!from?.organisation || from.party === 'PATIENT' || !from.organisationId) {
      throw participantNotFound();
    }
    const [role] = caseRolesOf(
      from.organisation.kind,
      await this.repository.rolesIn(tx, toUserId, from.organisationId),
    );
    if (
      !role ||
      toUserId === from.userId ||
      (await this.repository.removedByPatient(tx, actor.workspaceId, toUserId))
    ) {
      throw colleagueNotEligible();
    }
    await this.repository.removeParticipant(tx, from.id, actor.userId);
    await this.repository.voidInvitationsBy(tx, actor.workspaceId, from.userId);
    const { participantId: colleagueParticipantId } = await this.repository.join(tx, {
      workspaceId: actor.workspaceId,
      userId: toUserId,
      party: from.party,
      organisationId: from.organisationId,
      role,
      addedById: actor.userId,
    });
    unit.accessChanged(actor.workspaceId);
    await this.changes.record(unit, actor, {
      type: 'participant.handed-over',
      resource: { type: 'Participant', id: colleagueParticipantId },
      visibleAs: 'case',
      data: { party: from.party },
    });
  }

  /**
   * The organisation an invitation without one is for: the inviter's own (a colleague), or
   * for the patient inviting her employer, the case's employer. Otherwise it must be named.
   */
  private async defaultOrganisation(
    tx: Tx,
    access: WorkspaceAccess,
    party: InviteParticipantRequest['party'],
  ): Promise<string | null> {
    if (access.isPatient) {
      return party === 'EMPLOYER' ? this.repository.employerOf(tx, access.workspaceId) : null;
    }
    if (!access.organisationId) return null;
    if (party === undefined || party === access.party) return access.organisationId;
    return null;
  }

  /** The invitee's e-mail: who invited them, to take part for which organisation, a link. */
  private async mailInvitee(
    tx: Tx,
    access: WorkspaceAccess,
    invitation: InvitationRow,
    token: string,
  ): Promise<void> {
    const inviterOrganisation = access.organisationId
      ? await this.repository.organisation(tx, access.organisationId)
      : null;
    await this.mail.enqueue(tx, {
      kind: 'case-invitation',
      to: invitation.email,
      language: 'sv',
      params: {
        inviterName: access.name,
        inviterOrganisationName: inviterOrganisation?.name ?? null,
        organisationName: invitation.organisation?.name ?? '',
        link: appLink(MAIL_LINKS.caseInvitation, token),
        expiresAt: invitation.expiresAt,
      },
    });
  }

  /** The patient's e-mail: someone asks to bring another party in; she decides in the app. */
  private async askPatient(
    tx: Tx,
    access: WorkspaceAccess,
    invitation: InvitationRow,
  ): Promise<void> {
    const workspace = await this.repository.patientOf(tx, access.workspaceId);
    if (!workspace) return;
    await this.mail.enqueue(tx, {
      kind: 'case-invitation-approval',
      to: workspace.patient.email,
      language: workspace.patient.language === 'en' ? 'en' : 'sv',
      params: {
        inviterName: access.name,
        organisationName: invitation.organisation?.name ?? '',
        link: appLink(MAIL_LINKS.people(access.workspaceId)),
      },
    });
  }
}
