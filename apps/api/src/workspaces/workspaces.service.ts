import { Injectable } from '@nestjs/common';
import type {
  CreateWorkspaceRequest,
  InvitationView,
  InviteParticipantRequest,
  OrganisationKind,
  Party,
  WorkspaceOverview,
  WorkspaceSummary,
} from '@atergang/contracts';
import { deadlineTasksForNewCase, parsePersonnummer } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { AccessService } from '../access/access.service';
import { Authorization } from '../access/authorization';
import { permissionsOf } from '../access/permissions';
import { hasCaseAccess, isCaseRole } from '../access/workspace-ability';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ValidationError } from '../common/api-error';
import { fromIsoDate, stockholmToday } from '../common/calendar';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { ChangeRecorder } from '../events/change-recorder';
import { TransactionRunner, type Tx, type UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import {
  administratorOpensNoCase,
  alreadyParticipant,
  cannotRemovePatient,
  emailTaken,
  invalidPersonnummer,
  invitationNotFound,
  mayNotInvite,
  notMemberOfOrganisation,
  notStaff,
  onlyPatientRemoves,
  participantNotFound,
  patientDetailsRequired,
  unknownOrganisation,
} from './workspaces.errors';
import { toInvitation, toOverview, toSummary } from './workspaces.mapper';
import { WorkspacesRepository } from './workspaces.repository';

const PARTY_OF_ORGANISATION: Readonly<Record<OrganisationKind, Exclude<Party, 'PATIENT'>>> = {
  CARE_UNIT: 'CARE',
  EMPLOYER: 'EMPLOYER',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
  FK: 'FK',
  AF: 'AF',
};

const ORGANISATION_OF_PARTY: Readonly<Record<Exclude<Party, 'PATIENT'>, OrganisationKind>> = {
  CARE: 'CARE_UNIT',
  EMPLOYER: 'EMPLOYER',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
  FK: 'FK',
  AF: 'AF',
};

const INVITATION_TTL_MS = 14 * 24 * 60 * 60_000;

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repository: WorkspacesRepository,
    private readonly transactions: TransactionRunner,
    private readonly changes: ChangeRecorder,
    private readonly authorization: Authorization,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async create(
    user: AuthenticatedUser,
    origin: Origin,
    request: CreateWorkspaceRequest,
  ): Promise<WorkspaceOverview> {
    const workspaceId = await this.transactions.run((unit) =>
      this.createInUnit(unit, user, origin, request),
    );
    const access = await this.access.forWorkspace(workspaceId, user, origin);
    if (!access) {
      throw new Error('the creator must take part in the workspace they created');
    }
    return this.overviewOf(access, false);
  }

  /**
   * Opens a case in the caller's unit (the demo case is opened this way too): the
   * workspace with its patient and its creator, and the rehab-chain deadlines that have an
   * owner as that party's tasks. `deadlines` narrows which ones (the demo case's earlier
   * deadlines were met before it came to Återgång); by default every one the chain gives.
   */
  async createInUnit(
    unit: UnitOfWork,
    user: AuthenticatedUser,
    origin: Origin,
    request: CreateWorkspaceRequest,
    keepDeadline: (key: string) => boolean = () => true,
  ): Promise<string> {
    const { tx } = unit;
    const personnummer = parsePersonnummer(request.patientPersonnummer);
    if (!personnummer.ok) {
      throw invalidPersonnummer();
    }
    const memberships = await this.repository.staffMemberships(user.id, tx);
    // An administrator (ORG_ADMIN) administers people, not cases: opening one would make
    // them a participant without case access. Without a chosen organisation, act for one
    // where the caller has a case role.
    const inCaseRole = (membership: (typeof memberships)[number]) =>
      hasCaseAccess({
        party: PARTY_OF_ORGANISATION[membership.organisation.kind],
        role: membership.role,
      });
    const acting = request.actingOrganisationId
      ? memberships.find((m) => m.organisation.id === request.actingOrganisationId)
      : (memberships.find(inCaseRole) ?? memberships[0]);
    if (memberships.length === 0) {
      throw notStaff();
    }
    if (!acting) {
      throw notMemberOfOrganisation('actingOrganisationId');
    }
    if (!inCaseRole(acting)) {
      throw administratorOpensNoCase(request.actingOrganisationId ? 'actingOrganisationId' : null);
    }
    const party = PARTY_OF_ORGANISATION[acting.organisation.kind];
    const employerOrganisationId = await this.employerFor(tx, acting.organisation, request);
    const patient =
      (await this.repository.findUserByPersonnummer(tx, personnummer.value.normalised)) ??
      (await this.newPatient(tx, personnummer.value.normalised, request));
    const created = await this.repository.createWorkspace(tx, {
      patientUserId: patient.id,
      employerOrganisationId,
      sickPeriodStart: fromIsoDate(request.sickPeriodStart),
      earlierSickDays: request.earlierSickDays ?? 0,
      expectedLengthDays: request.expectedLengthDays ?? null,
      sickLeaveDegree: request.sickLeaveDegree ?? null,
      createdById: user.id,
      creator: { party, organisationId: acting.organisation.id, role: acting.role },
    });
    const actor = {
      userId: user.id,
      name: user.name,
      party,
      organisationId: acting.organisation.id,
      workspaceId: created.id,
      ...origin,
    };
    await this.changes.record(unit, actor, {
      type: 'workspace.created',
      resource: { type: 'Workspace', id: created.id },
      visibleAs: 'case',
    });
    const deadlines = deadlineTasksForNewCase({
      sickPeriodStart: request.sickPeriodStart,
      expectedLengthDays: request.expectedLengthDays ?? 0,
      earlierSickDays: request.earlierSickDays ?? 0,
      today: stockholmToday(),
    });
    await this.tasks.createDeadlineTasks(
      unit,
      actor,
      deadlines.filter((deadline) => keepDeadline(deadline.key)),
    );
    return created.id;
  }

  async list(user: AuthenticatedUser, origin: Origin): Promise<WorkspaceSummary[]> {
    const rows = await this.repository.listForUser(user.id);
    // A participation without case access (an administrator's) is no case of theirs: the
    // list shows what GET /workspaces/:id would not answer 404 for.
    const shown = rows.filter(hasCaseAccess);
    if (shown.length === 0) {
      await this.audit.record(
        { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
        { action: 'workspace.listed', resourceType: 'Workspace', outcome: 'ALLOWED' },
      );
    } else {
      // The list reveals each case (its patient's name, the rehab-chain day): one row per
      // case, as the party acted for in it, so each patient sees it in her own log.
      await this.audit.recordEach(
        shown.map((row) => ({
          actor: {
            userId: user.id,
            name: user.name,
            party: row.party,
            organisationId: row.organisationId,
            ...origin,
          },
          event: {
            action: 'workspace.listed',
            resourceType: 'Workspace',
            resourceId: row.workspace.id,
            workspaceId: row.workspace.id,
            outcome: 'ALLOWED',
          },
        })),
      );
    }
    const today = stockholmToday();
    return shown.map((row) => toSummary(row, today));
  }

  overview(access: WorkspaceAccess): Promise<WorkspaceOverview> {
    return this.overviewOf(access, true);
  }

  invite(access: WorkspaceAccess, request: InviteParticipantRequest): Promise<InvitationView> {
    return this.transactions.run((unit) => this.inviteInUnit(unit, access, request));
  }

  /** Invites someone by e-mail for a party, in the caller's unit. */
  async inviteInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    request: InviteParticipantRequest,
  ): Promise<InvitationView> {
    const { tx } = unit;
    await this.authorization.require(
      access,
      'invite',
      'Participant',
      { party: request.party },
      {
        audit: 'participant.invited',
        resourceType: 'Invitation',
        error: () => mayNotInvite(request.party),
      },
    );
    if (request.role && !isCaseRole(request.party, request.role)) {
      throw new ValidationError([
        { path: 'role', message: `is not a role ${request.party} takes part in a case with` },
      ]);
    }
    if (request.organisationId) {
      const organisation = await this.repository.organisationKindOf(request.organisationId, tx);
      if (organisation?.kind !== ORGANISATION_OF_PARTY[request.party]) {
        throw unknownOrganisation('organisationId');
      }
    }
    if (await this.repository.activeParticipantByEmail(tx, access.workspaceId, request.email)) {
      throw alreadyParticipant();
    }
    const invitation = await this.repository.createInvitation(tx, {
      workspaceId: access.workspaceId,
      email: request.email,
      party: request.party,
      // A colleague invited without an organisation joins the inviter's.
      organisationId:
        request.organisationId ??
        (access.organisationId
          ? await this.sameKindOrganisation(tx, access.organisationId, request.party)
          : null),
      role: request.role ?? null,
      invitedById: access.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    await this.changes.record(unit, access, {
      type: 'participant.invited',
      resource: { type: 'Invitation', id: invitation.id },
      visibleAs: 'case',
      data: { party: invitation.party },
    });
    return toInvitation(invitation);
  }

  async openInvitations(user: AuthenticatedUser): Promise<InvitationView[]> {
    const rows = await this.repository.openInvitationsFor(user.email);
    return rows.map(toInvitation);
  }

  async acceptInvitation(
    user: AuthenticatedUser,
    origin: Origin,
    invitationId: string,
  ): Promise<WorkspaceOverview> {
    const workspaceId = await this.transactions.run((unit) =>
      this.acceptInUnit(unit, user, origin, invitationId),
    );
    const access = await this.access.forWorkspace(workspaceId, user, origin);
    if (!access) {
      throw invitationNotFound();
    }
    return this.overviewOf(access, false);
  }

  /** Accepts an open invitation to the user's own e-mail, in the caller's unit. */
  async acceptInUnit(
    unit: UnitOfWork,
    user: AuthenticatedUser,
    origin: Origin,
    invitationId: string,
  ): Promise<string> {
    const invitation = await this.repository.openInvitation(unit.tx, invitationId, user.email);
    if (!invitation) {
      throw invitationNotFound();
    }
    const { participantId } = await this.repository.acceptInvitation(unit.tx, invitation, user.id);
    await this.changes.record(
      unit,
      {
        userId: user.id,
        name: user.name,
        party: invitation.party,
        organisationId: invitation.organisationId,
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
    return invitation.workspaceId;
  }

  async removeParticipant(access: WorkspaceAccess, participantId: string): Promise<void> {
    const target = await this.repository.participant(access.workspaceId, participantId);
    if (!target) {
      throw participantNotFound();
    }
    await this.authorization.require(access, 'remove', 'Participant', target, {
      audit: 'participant.removed',
      resourceType: 'Participant',
      resourceId: target.id,
      error: access.isPatient ? cannotRemovePatient : onlyPatientRemoves,
    });
    await this.transactions.run(async (unit) => {
      await this.repository.removeParticipant(unit.tx, target.id);
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

  /** The overview as the caller sees it, read in `db` (the demo seed reads its own unit). */
  async overviewOf(access: WorkspaceAccess, audited: boolean, db?: Tx): Promise<WorkspaceOverview> {
    const row = await this.repository.overview(access.workspaceId, db);
    if (!row) {
      throw participantNotFound();
    }
    if (audited) {
      await this.audit.record(access, {
        action: 'workspace.read',
        resourceType: 'Workspace',
        resourceId: access.workspaceId,
        workspaceId: access.workspaceId,
        outcome: 'ALLOWED',
      });
    }
    return toOverview(row, access, permissionsOf(access), stockholmToday());
  }

  /** The inviter's organisation, when it is of the kind the invited party acts for. */
  private async sameKindOrganisation(
    tx: Tx,
    organisationId: string,
    party: Exclude<Party, 'PATIENT'>,
  ): Promise<string | null> {
    const organisation = await this.repository.organisationKindOf(organisationId, tx);
    return organisation?.kind === ORGANISATION_OF_PARTY[party] ? organisationId : null;
  }

  /** The case's employer: the opener's own organisation if it is one, else the one named. */
  private async employerFor(
    tx: Tx,
    acting: { readonly id: string; readonly kind: OrganisationKind },
    request: CreateWorkspaceRequest,
  ): Promise<string | null> {
    if (acting.kind === 'EMPLOYER') {
      return acting.id;
    }
    if (!request.employerOrganisationId) {
      return null;
    }
    const organisation = await this.repository.organisationKindOf(
      request.employerOrganisationId,
      tx,
    );
    if (organisation?.kind !== 'EMPLOYER') {
      throw unknownOrganisation('employerOrganisationId');
    }
    return request.employerOrganisationId;
  }

  private async newPatient(
    tx: Tx,
    personnummer: string,
    request: CreateWorkspaceRequest,
  ): Promise<{ id: string; name: string }> {
    if (!request.patientName) throw patientDetailsRequired('patientName');
    if (!request.patientEmail) throw patientDetailsRequired('patientEmail');
    if (await this.repository.emailInUse(tx, request.patientEmail)) {
      throw emailTaken();
    }
    return this.repository.createPatientUser(tx, {
      personnummer,
      name: request.patientName,
      email: request.patientEmail,
    });
  }
}
