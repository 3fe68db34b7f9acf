import { Injectable } from '@nestjs/common';
import type { DeactivateMemberRequest, Role, StaffMemberView } from '@atergang/contracts';
import {
  mayTakeOverCases,
  type OrganisationAccess,
  participantRoleFor,
  rolesOutsideKind,
  wouldLeaveNoAdministrator,
} from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import { SessionRevocation } from '../auth/session-revocation';
import { ApiError } from '../common/api-error';
import { TransactionRunner } from '../prisma/transaction';
import { InvitationsService } from '../workspaces/invitations.service';
import { OrganisationAuthorization } from './organisation-authorization';
import {
  colleagueNotEligible,
  handOverRequired,
  lastOrganisationAdmin,
  memberNotFound,
  rolesNotOfOrganisation,
} from './organisations.errors';
import { toStaffMembers } from './organisations.mapper';
import { OrganisationsRepository } from './organisations.repository';
import { StaffCasesRepository } from './staff-cases.repository';

/**
 * The organisation's administrator keeps its staff records: who belongs to it, in which
 * roles, and who no longer does. The records decide who acts for it in a case, so a change
 * here follows into the cases at once (the role a participant row carries; a departing
 * member's open cases handed to a colleague) and every live follower is judged again.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly cases: StaffCasesRepository,
    private readonly transactions: TransactionRunner,
    private readonly authorization: OrganisationAuthorization,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionRevocation,
  ) {}

  async members(access: OrganisationAccess): Promise<StaffMemberView[]> {
    await this.authorization.require(access, 'read', 'StaffMember', {
      audit: 'staff.listed',
      resourceType: 'Organisation',
    });
    const [rows, openCases] = await Promise.all([
      this.repository.memberships(undefined, access.organisationId),
      this.cases.openCaseCounts(access.organisationId),
    ]);
    await this.audit.record(access, {
      action: 'staff.listed',
      resourceType: 'Organisation',
      resourceId: access.organisationId,
      outcome: 'ALLOWED',
    });
    return toStaffMembers(rows, openCases);
  }

  async changeRoles(
    access: OrganisationAccess,
    userId: string,
    requested: readonly Role[],
  ): Promise<StaffMemberView> {
    await this.authorization.require(access, 'update', 'StaffMember', {
      audit: 'membership.roles-changed',
      resourceType: 'Membership',
      resourceId: userId,
    });
    const outside = rolesOutsideKind(access.kind, requested);
    if (outside.length > 0) {
      throw rolesNotOfOrganisation(outside);
    }
    const roles = [...new Set(requested)];
    await this.transactions.run(async (unit) => {
      const { tx } = unit;
      await this.repository.lockOrganisation(tx, access.organisationId);
      if ((await this.repository.rolesOf(tx, access.organisationId, userId)).length === 0) {
        throw memberNotFound();
      }
      const administrators = await this.repository.administratorIds(tx, access.organisationId);
      if (wouldLeaveNoAdministrator(administrators, userId, roles)) {
        throw lastOrganisationAdmin();
      }
      await this.repository.replaceRoles(tx, access.organisationId, userId, roles);
      // The role in a case comes from the membership: each of the member's participant rows
      // for the organisation follows, and its case's live followers are judged again.
      for (const participation of await this.cases.participationsOf(
        tx,
        access.organisationId,
        userId,
      )) {
        const role = participantRoleFor(access.kind, roles, participation.role);
        if (role !== participation.role) {
          await this.cases.setRole(tx, participation.participantId, role);
          unit.accessChanged(participation.workspaceId);
        }
      }
      await this.audit.record(
        access,
        {
          action: 'membership.roles-changed',
          resourceType: 'Membership',
          resourceId: userId,
          outcome: 'ALLOWED',
        },
        unit,
      );
    });
    const member = (await this.membersWithoutAudit(access)).find((m) => m.userId === userId);
    if (!member) throw memberNotFound();
    return member;
  }

  /**
   * The member no longer acts for the organisation: their memberships end, each open case
   * they take part in for it goes to the named colleague (whom the patient sees), and their
   * sessions and sockets end at once. A person left with no organisation and no case of
   * their own as a patient has no use for the account: it is disabled.
   */
  async deactivate(
    access: OrganisationAccess,
    userId: string,
    request: DeactivateMemberRequest,
  ): Promise<{ handedOverCases: number }> {
    await this.authorization.require(access, 'deactivate', 'StaffMember', {
      audit: 'membership.deactivated',
      resourceType: 'Membership',
      resourceId: userId,
    });
    return this.transactions.run(async (unit) => {
      const { tx } = unit;
      const { organisationId } = access;
      await this.repository.lockOrganisation(tx, organisationId);
      if ((await this.repository.rolesOf(tx, organisationId, userId)).length === 0) {
        throw memberNotFound();
      }
      const administrators = await this.repository.administratorIds(tx, organisationId);
      if (wouldLeaveNoAdministrator(administrators, userId, null)) {
        throw lastOrganisationAdmin();
      }
      const open = (await this.cases.participationsOf(tx, organisationId, userId)).filter(
        (participation) => participation.workspaceStatus === 'ACTIVE',
      );
      const colleagueId = request.handOverToUserId;
      if (colleagueId === undefined) {
        if (open.length > 0) throw handOverRequired(open.length);
      } else {
        await this.checkColleague(access, userId, colleagueId);
      }
      for (const participation of open) {
        await this.handOver(access, participation, colleagueId ?? '', unit);
      }
      await this.repository.endMemberships(tx, organisationId, userId);
      const stillNeeded =
        (await this.repository.membershipCount(tx, userId)) > 0 ||
        (await this.repository.isPatient(tx, userId));
      if (stillNeeded) {
        await this.sessions.endAllSessions(unit, userId);
      } else {
        await this.sessions.disableAccount(unit, userId);
      }
      await this.audit.record(
        access,
        {
          action: 'membership.deactivated',
          resourceType: 'Membership',
          resourceId: userId,
          outcome: 'ALLOWED',
        },
        unit,
      );
      return { handedOverCases: open.length };
    });
  }

  /** The colleague belongs to the organisation, acts in cases for it, and is someone else. */
  private async checkColleague(
    access: OrganisationAccess,
    userId: string,
    colleagueId: string,
  ): Promise<void> {
    if (colleagueId === userId) {
      throw colleagueNotEligible('is the member who leaves');
    }
    const colleague = await this.repository.membershipOf(access.organisationId, colleagueId);
    if (!colleague || !mayTakeOverCases(access.kind, colleague.roles)) {
      throw colleagueNotEligible(
        'is not an active member of the organisation in a role that takes part in cases',
      );
    }
  }

  private async handOver(
    access: OrganisationAccess,
    participation: { participantId: string; workspaceId: string },
    colleagueId: string,
    unit: Parameters<InvitationsService['handOverInUnit']>[0],
  ): Promise<void> {
    try {
      await this.invitations.handOverInUnit(
        unit,
        { ...access, workspaceId: participation.workspaceId },
        participation.participantId,
        colleagueId,
      );
    } catch (error: unknown) {
      // The one refusal left after checkColleague: the patient of that case removed the
      // colleague, and only she brings them back. Named by this route's own field.
      if (error instanceof ApiError && error.code === 'COLLEAGUE_NOT_ELIGIBLE') {
        throw colleagueNotEligible('was removed from one of the cases by its patient');
      }
      throw error;
    }
  }

  private async membersWithoutAudit(access: OrganisationAccess): Promise<StaffMemberView[]> {
    const [rows, openCases] = await Promise.all([
      this.repository.memberships(undefined, access.organisationId),
      this.cases.openCaseCounts(access.organisationId),
    ]);
    return toStaffMembers(rows, openCases);
  }
}
