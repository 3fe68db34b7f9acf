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
import { forbidden } from '../access/access.errors';
import type { Actor, WorkspaceAccess } from '../access/access.types';
import { AccessService } from '../access/access.service';
import { hasPermission, permissionsFor } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { fromIsoDate, stockholmToday } from '../common/calendar';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { EventsService } from '../events/events.service';
import { LiveAccess } from '../live/live-access';
import { TransactionRunner } from '../prisma/transaction';
import {
  alreadyParticipant,
  cannotRemovePatient,
  emailTaken,
  invalidPersonnummer,
  invitationNotFound,
  notMemberOfOrganisation,
  notStaff,
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

// Whom a party may bring in besides colleagues of its own party: the employer engages
// occupational health; FK brings in AF for joint assessment (gemensam kartläggning).
const MAY_ALSO_INVITE: Readonly<Partial<Record<Party, readonly Party[]>>> = {
  EMPLOYER: ['OCCUPATIONAL_HEALTH'],
  FK: ['AF'],
};

const INVITATION_TTL_MS = 14 * 24 * 60 * 60_000;

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repository: WorkspacesRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly live: LiveAccess,
  ) {}

  async create(
    user: AuthenticatedUser,
    origin: Origin,
    request: CreateWorkspaceRequest,
  ): Promise<WorkspaceOverview> {
    const personnummer = parsePersonnummer(request.patientPersonnummer);
    if (!personnummer.ok) {
      throw invalidPersonnummer();
    }
    const memberships = await this.repository.staffMemberships(user.id);
    const acting = request.actingOrganisationId
      ? memberships.find((m) => m.organisation.id === request.actingOrganisationId)
      : memberships[0];
    if (memberships.length === 0) {
      throw notStaff();
    }
    if (!acting) {
      throw notMemberOfOrganisation('actingOrganisationId');
    }
    const party = PARTY_OF_ORGANISATION[acting.organisation.kind];
    const employerOrganisationId = await this.employerFor(party, acting.organisation.id, request);
    const actor: Actor = {
      userId: user.id,
      name: user.name,
      party,
      organisationId: acting.organisation.id,
      ...origin,
    };
    const today = stockholmToday();

    const workspaceId = await this.transactions.run(async (tx) => {
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
      await this.events.append(tx, {
        workspaceId: created.id,
        type: 'workspace.created',
        category: null,
        actorUserId: user.id,
        actorParty: party,
        subjectType: 'Workspace',
        subjectId: created.id,
        payload: { id: created.id },
      });
      // The deadlines of the rehab chain that have an owner become that party's tasks.
      const deadlines = deadlineTasksForNewCase({
        sickPeriodStart: request.sickPeriodStart,
        expectedLengthDays: request.expectedLengthDays ?? 0,
        earlierSickDays: request.earlierSickDays ?? 0,
        today,
      });
      const tasks = await this.repository.createDeadlineTasks(
        tx,
        created.id,
        deadlines.map((deadline) => ({
          title: deadline.titleSv,
          description: `${deadline.titleEn}. ${deadline.legalSource}`,
          dueDate: fromIsoDate(deadline.dueDate),
          assigneeParty: deadline.ownerParty,
          deadlineKey: deadline.key,
        })),
      );
      for (const task of tasks) {
        await this.events.append(tx, {
          workspaceId: created.id,
          type: 'task.created',
          category: 'TASKS',
          actorUserId: user.id,
          actorParty: party,
          subjectType: 'Task',
          subjectId: task.id,
          authorParty: party,
          assigneeParty: task.assigneeParty,
          payload: { id: task.id, version: 1 },
        });
      }
      await this.audit.record(
        actor,
        {
          action: 'workspace.created',
          resourceType: 'Workspace',
          resourceId: created.id,
          workspaceId: created.id,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return created.id;
    });

    const access = await this.access.forWorkspace(workspaceId, user, origin);
    if (!access) {
      throw new Error('the creator must take part in the workspace they created');
    }
    return this.overviewOf(access, false);
  }

  async list(user: AuthenticatedUser, origin: Origin): Promise<WorkspaceSummary[]> {
    const rows = await this.repository.listForUser(user.id);
    await this.audit.record(
      { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
      { action: 'workspace.listed', resourceType: 'Workspace', outcome: 'ALLOWED' },
    );
    const today = stockholmToday();
    return rows.map((row) => toSummary(row, today));
  }

  overview(access: WorkspaceAccess): Promise<WorkspaceOverview> {
    return this.overviewOf(access, true);
  }

  async invite(
    access: WorkspaceAccess,
    request: InviteParticipantRequest,
  ): Promise<InvitationView> {
    this.require(access, 'participant:invite', 'Your party cannot invite participants.');
    const allowedParties: readonly Party[] = access.isPatient
      ? [request.party]
      : [access.party, ...(MAY_ALSO_INVITE[access.party] ?? [])];
    if (!allowedParties.includes(request.party)) {
      throw forbidden(`Your party can invite only ${allowedParties.join(', ')}.`);
    }
    if (request.organisationId) {
      const organisation = await this.repository.organisationKindOf(request.organisationId);
      if (organisation?.kind !== ORGANISATION_OF_PARTY[request.party]) {
        throw unknownOrganisation('organisationId');
      }
    }
    if (await this.repository.activeParticipantByEmail(access.workspaceId, request.email)) {
      throw alreadyParticipant();
    }
    const invitation = await this.transactions.run(async (tx) => {
      const created = await this.repository.createInvitation(tx, {
        workspaceId: access.workspaceId,
        email: request.email,
        party: request.party,
        organisationId:
          request.organisationId ?? (access.party === request.party ? access.organisationId : null),
        role: request.role ?? null,
        invitedById: access.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      await this.events.append(tx, {
        workspaceId: access.workspaceId,
        type: 'participant.invited',
        category: null,
        actorUserId: access.userId,
        actorParty: access.party,
        subjectType: 'Invitation',
        subjectId: created.id,
        payload: { id: created.id, party: created.party },
      });
      await this.audit.record(
        access,
        {
          action: 'participant.invited',
          resourceType: 'Invitation',
          resourceId: created.id,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return created;
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
    const workspaceId = await this.transactions.run(async (tx) => {
      const invitation = await this.repository.openInvitation(tx, invitationId, user.email);
      if (!invitation) {
        throw invitationNotFound();
      }
      const { participantId } = await this.repository.acceptInvitation(tx, invitation, user.id);
      await this.events.append(tx, {
        workspaceId: invitation.workspaceId,
        type: 'participant.added',
        category: null,
        actorUserId: user.id,
        actorParty: invitation.party,
        subjectType: 'Participant',
        subjectId: participantId,
        payload: { id: participantId, party: invitation.party },
      });
      await this.audit.record(
        {
          userId: user.id,
          name: user.name,
          party: invitation.party,
          organisationId: invitation.organisationId,
          ...origin,
        },
        {
          action: 'participant.added',
          resourceType: 'Participant',
          resourceId: participantId,
          workspaceId: invitation.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return invitation.workspaceId;
    });
    const access = await this.access.forWorkspace(workspaceId, user, origin);
    if (!access) {
      throw invitationNotFound();
    }
    return this.overviewOf(access, false);
  }

  async removeParticipant(access: WorkspaceAccess, participantId: string): Promise<void> {
    this.require(access, 'participant:remove', 'Only the patient can remove participants.');
    const target = await this.repository.participant(access.workspaceId, participantId);
    if (!target) {
      throw participantNotFound();
    }
    if (target.party === 'PATIENT') {
      throw cannotRemovePatient();
    }
    await this.transactions.run(async (tx) => {
      await this.repository.removeParticipant(tx, target.id);
      // The removed participant's live sockets are dropped before this request returns.
      this.live.changedAfterCommit(tx, access.workspaceId);
      await this.events.append(tx, {
        workspaceId: access.workspaceId,
        type: 'participant.removed',
        category: null,
        actorUserId: access.userId,
        actorParty: access.party,
        subjectType: 'Participant',
        subjectId: target.id,
        payload: { id: target.id, party: target.party },
      });
      await this.audit.record(
        access,
        {
          action: 'participant.removed',
          resourceType: 'Participant',
          resourceId: target.id,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
    });
  }

  private async overviewOf(access: WorkspaceAccess, audited: boolean): Promise<WorkspaceOverview> {
    const row = await this.repository.overview(access.workspaceId);
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
    return toOverview(row, access, permissionsFor(access.party), stockholmToday());
  }

  private require(
    access: WorkspaceAccess,
    permission: Parameters<typeof hasPermission>[1],
    detail: string,
  ): void {
    if (!hasPermission(access.party, permission)) {
      throw forbidden(detail);
    }
  }

  private async employerFor(
    party: Party,
    actingOrganisationId: string,
    request: CreateWorkspaceRequest,
  ): Promise<string | null> {
    if (party === 'EMPLOYER') {
      return actingOrganisationId;
    }
    if (!request.employerOrganisationId) {
      return null;
    }
    const organisation = await this.repository.organisationKindOf(request.employerOrganisationId);
    if (organisation?.kind !== 'EMPLOYER') {
      throw unknownOrganisation('employerOrganisationId');
    }
    return request.employerOrganisationId;
  }

  private async newPatient(
    tx: Parameters<Parameters<TransactionRunner['run']>[0]>[0],
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
