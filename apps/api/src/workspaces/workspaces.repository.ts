import { Injectable } from '@nestjs/common';
import type {
  CaseClosingReason,
  EmploymentStatus,
  OrganisationKind,
  Party,
  Role,
  WorkspaceStatus,
} from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const organisationRef = { select: { id: true, name: true, kind: true } } as const;

export interface NewWorkspace {
  readonly id?: string;
  readonly patientUserId: string;
  readonly employerOrganisationId: string | null;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly sickLeaveDegree: number | null;
  readonly previousWorkspaceId?: string | null;
  readonly createdById: string;
  readonly creator: { readonly party: Party; readonly organisationId: string; readonly role: Role };
}

interface OrganisationRef {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
}

export interface OverviewParticipantRow {
  readonly id: string;
  readonly userId: string;
  readonly party: Party;
  readonly role: Role | null;
  readonly joinedAt: Date;
  readonly user: { readonly name: string };
  readonly organisation: OrganisationRef | null;
}

/** What a case's facts hold beyond its start (read with the overview). */
export interface CaseFactColumns {
  readonly expectedLengthBasis: string | null;
  readonly employmentStatus: EmploymentStatus;
  readonly closedOn: Date | null;
  readonly closingReason: CaseClosingReason | null;
  readonly closingNote: string | null;
  readonly previousWorkspaceId: string | null;
}

export interface OverviewRow extends CaseFactColumns {
  readonly id: string;
  readonly status: WorkspaceStatus;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly sickLeaveDegree: number | null;
  readonly patient: { readonly id: string; readonly name: string };
  readonly employer: OrganisationRef | null;
  readonly participants: readonly OverviewParticipantRow[];
}

/** The overview as one statement reads it: the participants aggregated as JSON. */
interface RawOverviewRow extends CaseFactColumns {
  readonly id: string;
  readonly status: WorkspaceStatus;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly sickLeaveDegree: number | null;
  readonly patientId: string;
  readonly patientName: string;
  readonly employerId: string | null;
  readonly employerName: string | null;
  readonly employerKind: OrganisationKind | null;
  readonly participants: readonly {
    readonly id: string;
    readonly userId: string;
    readonly party: Party;
    readonly role: Role | null;
    /** Milliseconds since the epoch (JSON has no timestamps). */
    readonly joinedAtMs: number;
    readonly name: string;
    readonly organisationId: string | null;
    readonly organisationName: string | null;
    readonly organisationKind: OrganisationKind | null;
  }[];
}

const organisationOrNull = (
  id: string | null,
  name: string | null,
  kind: OrganisationKind | null,
): OrganisationRef | null =>
  id !== null && name !== null && kind !== null ? { id, name, kind } : null;

@Injectable()
export class WorkspacesRepository {
  constructor(private readonly prisma: PrismaService) {}

  staffMemberships(userId: string, db: Tx = this.prisma) {
    return db.membership.findMany({
      where: { userId },
      select: { role: true, organisation: organisationRef },
      orderBy: { createdAt: 'asc' },
    });
  }

  organisation(id: string) {
    return this.prisma.organisation.findUnique({ where: { id }, ...organisationRef });
  }

  findUserByPersonnummer(tx: Tx, personnummer: string) {
    return tx.user.findUnique({ where: { personnummer }, select: { id: true, name: true } });
  }

  emailInUse(tx: Tx, email: string) {
    return tx.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  }

  createPatientUser(tx: Tx, data: { personnummer: string; name: string; email: string }) {
    return tx.user.create({
      data: { ...data, email: data.email.toLowerCase() },
      select: { id: true, name: true },
    });
  }

  async createWorkspace(
    tx: Tx,
    data: NewWorkspace,
  ): Promise<{ id: string; creatorParticipantId: string }> {
    const workspace = await tx.workspace.create({
      data: {
        ...(data.id ? { id: data.id } : {}),
        patientUserId: data.patientUserId,
        employerOrganisationId: data.employerOrganisationId,
        sickPeriodStart: data.sickPeriodStart,
        earlierSickDays: data.earlierSickDays,
        expectedLengthDays: data.expectedLengthDays,
        sickLeaveDegree: data.sickLeaveDegree,
        previousWorkspaceId: data.previousWorkspaceId ?? null,
        createdById: data.createdById,
      },
      select: { id: true },
    });
    await tx.participant.create({
      data: { workspaceId: workspace.id, userId: data.patientUserId, party: 'PATIENT' },
    });
    const creator = await tx.participant.create({
      data: {
        workspaceId: workspace.id,
        userId: data.createdById,
        party: data.creator.party,
        organisationId: data.creator.organisationId,
        role: data.creator.role,
      },
      select: { id: true },
    });
    return { id: workspace.id, creatorParticipantId: creator.id };
  }

  /**
   * The cases a user takes part in, with the party and role they take part as: as the
   * patient, or for an organisation whose records still list them (access.repository.ts).
   */
  listForUser(userId: string) {
    return this.prisma.participant.findMany({
      where: {
        userId,
        removedAt: null,
        OR: [{ party: 'PATIENT' }, { organisation: { memberships: { some: { userId } } } }],
      },
      orderBy: { joinedAt: 'desc' },
      select: {
        party: true,
        role: true,
        organisationId: true,
        workspace: {
          select: {
            id: true,
            status: true,
            sickPeriodStart: true,
            earlierSickDays: true,
            employmentStatus: true,
            patient: { select: { id: true, name: true } },
            employer: organisationRef,
          },
        },
      },
    });
  }

  /** The personnummer of the case's patient (null for a person without one). */
  async patientPersonnummer(workspaceId: string): Promise<string | null> {
    const row = await this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: { patient: { select: { personnummer: true } } },
    });
    return row?.patient.personnummer ?? null;
  }

  /**
   * The workspace with its patient, employer and active participants (by joining order),
   * in one typed statement rather than one query per relation level.
   */
  async overview(workspaceId: string, db: Tx = this.prisma): Promise<OverviewRow | null> {
    const [row] = await db.$queryRaw<RawOverviewRow[]>`
      SELECT w.id::text AS id,
             w.status::text AS status,
             w.sick_period_start AS "sickPeriodStart",
             w.earlier_sick_days AS "earlierSickDays",
             w.expected_length_days AS "expectedLengthDays",
             w.sick_leave_degree AS "sickLeaveDegree",
             w.expected_length_basis AS "expectedLengthBasis",
             w.employment_status::text AS "employmentStatus",
             w.closed_on AS "closedOn",
             w.closing_reason::text AS "closingReason",
             w.closing_note AS "closingNote",
             w.previous_workspace_id::text AS "previousWorkspaceId",
             pu.id::text AS "patientId",
             pu.name AS "patientName",
             eo.id::text AS "employerId",
             eo.name AS "employerName",
             eo.kind::text AS "employerKind",
             coalesce((
               SELECT json_agg(json_build_object(
                        'id', p.id,
                        'userId', p.user_id,
                        'party', p.party,
                        'role', p.role,
                        'joinedAtMs', (extract(epoch FROM p.joined_at) * 1000)::bigint,
                        'name', u.name,
                        'organisationId', o.id,
                        'organisationName', o.name,
                        'organisationKind', o.kind
                      ) ORDER BY p.joined_at)
               FROM participants p
               JOIN users u ON u.id = p.user_id
               LEFT JOIN organisations o ON o.id = p.organisation_id
               WHERE p.workspace_id = w.id AND p.removed_at IS NULL
             ), '[]'::json) AS participants
      FROM workspaces w
      JOIN users pu ON pu.id = w.patient_user_id
      LEFT JOIN organisations eo ON eo.id = w.employer_organisation_id
      WHERE w.id = ${workspaceId}::uuid`;
    if (!row) {
      return null;
    }
    return {
      id: row.id,
      status: row.status,
      sickPeriodStart: row.sickPeriodStart,
      earlierSickDays: row.earlierSickDays,
      expectedLengthDays: row.expectedLengthDays,
      sickLeaveDegree: row.sickLeaveDegree,
      expectedLengthBasis: row.expectedLengthBasis,
      employmentStatus: row.employmentStatus,
      closedOn: row.closedOn,
      closingReason: row.closingReason,
      closingNote: row.closingNote,
      previousWorkspaceId: row.previousWorkspaceId,
      patient: { id: row.patientId, name: row.patientName },
      employer: organisationOrNull(row.employerId, row.employerName, row.employerKind),
      participants: row.participants.map((p) => ({
        id: p.id,
        userId: p.userId,
        party: p.party,
        role: p.role,
        joinedAt: new Date(p.joinedAtMs),
        user: { name: p.name },
        organisation: organisationOrNull(p.organisationId, p.organisationName, p.organisationKind),
      })),
    };
  }

  organisationKindOf(id: string, db: Tx = this.prisma): Promise<{ kind: OrganisationKind } | null> {
    return db.organisation.findUnique({ where: { id }, select: { kind: true } });
  }
}
