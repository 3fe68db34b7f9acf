import { Injectable } from '@nestjs/common';
import {
  type CreateWorkspaceRequest,
  type OrganisationKind,
  PARTY_OF_ORGANISATION_KIND,
  type Party,
  type Role,
  type WorkspaceOverview,
  type WorkspaceSummary,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { allows } from '../access/authorization';
import { permissionsOf } from '../access/permissions';
import { hasCaseAccess } from '../access/workspace-ability';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { fromIsoDate, stockholmToday, toIsoDate } from '../common/calendar';
import type { RequestOrigin as Origin } from '../common/request-origin.decorator';
import { ChangeRecorder } from '../events/change-recorder';
import type { Tx, UnitOfWork } from '../prisma/transaction';
import { TasksService } from '../tasks/tasks.service';
import {
  administratorOpensNoCase,
  notMemberOfOrganisation,
  notStaff,
  participantNotFound,
  unknownOrganisation,
} from './workspaces.errors';
import { toOverview, toSummary } from './workspaces.mapper';
import { WorkspacesRepository } from './workspaces.repository';

/** A case to create: an accepted opening's facts (or the demo's). */
export interface OpenWorkspace {
  /** The opening's id becomes the workspace's (the opener's link keeps working). */
  readonly id?: string;
  readonly patientUserId: string;
  readonly opener: {
    readonly user: { readonly id: string; readonly name: string };
    readonly organisationId: string;
    readonly organisationKind: OrganisationKind;
    readonly role: Role;
  };
  readonly employerOrganisationId: string | null;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly sickLeaveDegree: number | null;
  /** The closed case this one follows, when it is a follow-up of one. */
  readonly previousWorkspaceId?: string | null;
}

export interface DemoCaseRequest {
  readonly patientUserId: string;
  readonly actingOrganisationId: string;
  readonly employerOrganisationId: string;
  readonly sickPeriodStart: string;
  readonly expectedLengthDays: number;
  readonly sickLeaveDegree: number;
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repository: WorkspacesRepository,
    private readonly changes: ChangeRecorder,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Who opens a case, for which organisation and role, with which employer: checked when
   * the request is made (POST /api/workspaces). An administrator (ORG_ADMIN) administers
   * people, not cases: opening one would make them a participant without case access.
   * Without a chosen organisation, the caller acts for one where they have a case role.
   */
  async resolveOpener(
    tx: Tx,
    user: AuthenticatedUser,
    request: Pick<CreateWorkspaceRequest, 'actingOrganisationId' | 'employerOrganisationId'>,
  ): Promise<{
    organisation: { id: string; name: string; kind: OrganisationKind };
    role: Role;
    party: Exclude<Party, 'PATIENT'>;
    employerOrganisationId: string | null;
  }> {
    const memberships = await this.repository.staffMemberships(user.id, tx);
    const inCaseRole = (membership: (typeof memberships)[number]) =>
      hasCaseAccess({
        party: PARTY_OF_ORGANISATION_KIND[membership.organisation.kind],
        role: membership.role,
      });
    const acting = request.actingOrganisationId
      ? (memberships.find(
          (m) => m.organisation.id === request.actingOrganisationId && inCaseRole(m),
        ) ?? memberships.find((m) => m.organisation.id === request.actingOrganisationId))
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
    return {
      organisation: acting.organisation,
      role: acting.role,
      party: PARTY_OF_ORGANISATION_KIND[acting.organisation.kind],
      employerOrganisationId: await this.employerFor(tx, acting.organisation, request),
    };
  }

  /**
   * Creates the workspace of an accepted case opening (the demo's case too), in the
   * caller's unit: the workspace with its patient and its opener, and the rehab-chain
   * deadlines that have an owner as that party's tasks. `keepDeadline` narrows which ones
   * (the demo case's earlier deadlines were met before it came to Återgång).
   */
  async openWorkspaceInUnit(
    unit: UnitOfWork,
    origin: Origin,
    opening: OpenWorkspace,
    keepDeadline: (key: string) => boolean = () => true,
  ): Promise<string> {
    const party = PARTY_OF_ORGANISATION_KIND[opening.opener.organisationKind];
    const created = await this.repository.createWorkspace(unit.tx, {
      id: opening.id,
      patientUserId: opening.patientUserId,
      employerOrganisationId: opening.employerOrganisationId,
      sickPeriodStart: opening.sickPeriodStart,
      earlierSickDays: opening.earlierSickDays,
      expectedLengthDays: opening.expectedLengthDays,
      sickLeaveDegree: opening.sickLeaveDegree,
      previousWorkspaceId: opening.previousWorkspaceId ?? null,
      createdById: opening.opener.user.id,
      creator: { party, organisationId: opening.opener.organisationId, role: opening.opener.role },
    });
    const actor = {
      userId: opening.opener.user.id,
      name: opening.opener.user.name,
      party,
      organisationId: opening.opener.organisationId,
      workspaceId: created.id,
      ...origin,
    };
    await this.changes.record(unit, actor, {
      type: 'workspace.created',
      resource: { type: 'Workspace', id: created.id },
      visibleAs: 'case',
    });
    await this.tasks.reconcileDeadlines(
      unit,
      actor,
      {
        sickPeriodStart: toIsoDate(opening.sickPeriodStart),
        earlierSickDays: opening.earlierSickDays,
        expectedLengthDays: opening.expectedLengthDays,
        employmentStatus: 'EMPLOYED',
      },
      { keep: keepDeadline, opening: true },
    );
    return created.id;
  }

  /**
   * The demo's case, for its seeded patient (her "yes" is part of the demo's story): the
   * opener's checks of a request, then the workspace at once. Nothing else opens a case
   * without the person's answer (case-openings.service.ts).
   */
  async openDemoCaseInUnit(
    unit: UnitOfWork,
    user: AuthenticatedUser,
    origin: Origin,
    request: DemoCaseRequest,
    keepDeadline: (key: string) => boolean,
  ): Promise<string> {
    const opener = await this.resolveOpener(unit.tx, user, request);
    return this.openWorkspaceInUnit(
      unit,
      origin,
      {
        patientUserId: request.patientUserId,
        opener: {
          user,
          organisationId: opener.organisation.id,
          organisationKind: opener.organisation.kind,
          role: opener.role,
        },
        employerOrganisationId: opener.employerOrganisationId,
        sickPeriodStart: fromIsoDate(request.sickPeriodStart),
        earlierSickDays: 0,
        expectedLengthDays: request.expectedLengthDays,
        sickLeaveDegree: request.sickLeaveDegree,
      },
      keepDeadline,
    );
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

  /**
   * The patient's personnummer, for a caller the policy lets see it (the patient herself),
   * else null. Not audited here: only for a document whose read is audited (FHIR, export).
   */
  async patientIdentifierFor(access: WorkspaceAccess): Promise<string | null> {
    if (!allows(access.ability, 'read', 'PatientIdentifier')) return null;
    return this.repository.patientPersonnummer(access.workspaceId);
  }

  /** The case's employer: the opener's own organisation if it is one, else the one named. */
  private async employerFor(
    tx: Tx,
    acting: { readonly id: string; readonly kind: OrganisationKind },
    request: Pick<CreateWorkspaceRequest, 'employerOrganisationId'>,
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
}
