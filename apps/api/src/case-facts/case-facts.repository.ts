import { Injectable } from '@nestjs/common';
import type {
  CaseClosingReason,
  EmploymentStatus,
  Party,
  Prisma,
  WorkspaceStatus,
} from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

/** A case's facts as stored: what the chain and its deadlines are computed from. */
export interface StoredFacts {
  readonly status: WorkspaceStatus;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly expectedLengthBasis: string | null;
  readonly employmentStatus: EmploymentStatus;
  readonly sickLeaveDegree: number | null;
  readonly closedOn: Date | null;
  readonly earlierPeriods: readonly { readonly fromDate: Date; readonly toDate: Date }[];
}

export interface FactColumns {
  readonly status?: WorkspaceStatus;
  readonly sickPeriodStart?: Date;
  readonly earlierSickDays?: number;
  readonly expectedLengthDays?: number | null;
  readonly expectedLengthBasis?: string | null;
  readonly employmentStatus?: EmploymentStatus;
  readonly sickLeaveDegree?: number | null;
  readonly closedAt?: Date | null;
  readonly closedOn?: Date | null;
  readonly closingReason?: CaseClosingReason | null;
  readonly closingNote?: string | null;
  readonly closedById?: string | null;
}

export interface NewCertificate {
  readonly periodFrom: Date;
  readonly periodTo: Date;
  readonly degree: number;
  readonly diagnosisCode: string;
  readonly diagnosisText: string;
  readonly activityLimitations: string;
  readonly remainingCapacity: string | null;
  readonly prognosis: string | null;
  readonly recommendedMeasures: string | null;
  readonly expectedLengthDays: number | null;
  readonly authorParty: Party;
  readonly createdById: string;
}

const certificateSelect = {
  id: true,
  workspaceId: true,
  periodFrom: true,
  periodTo: true,
  degree: true,
  diagnosisCode: true,
  diagnosisText: true,
  activityLimitations: true,
  remainingCapacity: true,
  prognosis: true,
  recommendedMeasures: true,
  expectedLengthDays: true,
  source: true,
  authorParty: true,
  createdAt: true,
  createdBy: { select: { name: true } },
} as const;

export type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof certificateSelect }>;

const revisionSelect = {
  id: true,
  reason: true,
  changes: true,
  certificateId: true,
  authorParty: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

export type RevisionRow = Prisma.CaseFactRevisionGetPayload<{ select: typeof revisionSelect }>;

@Injectable()
export class CaseFactsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The facts, locked for the change about to be made (one change of a case at a time). */
  async factsForUpdate(tx: Tx, workspaceId: string): Promise<StoredFacts | null> {
    await tx.$executeRaw`SELECT 1 FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    return this.facts(workspaceId, tx);
  }

  facts(workspaceId: string, db: Tx = this.prisma): Promise<StoredFacts | null> {
    return db.workspace.findUnique({
      where: { id: workspaceId },
      select: {
        status: true,
        sickPeriodStart: true,
        earlierSickDays: true,
        expectedLengthDays: true,
        expectedLengthBasis: true,
        employmentStatus: true,
        sickLeaveDegree: true,
        closedOn: true,
        earlierPeriods: {
          select: { fromDate: true, toDate: true },
          orderBy: { fromDate: 'asc' },
        },
      },
    });
  }

  async writeFacts(tx: Tx, workspaceId: string, columns: FactColumns): Promise<void> {
    await tx.workspace.update({ where: { id: workspaceId }, data: columns });
  }

  async replaceEarlierPeriods(
    tx: Tx,
    workspaceId: string,
    periods: readonly { readonly fromDate: Date; readonly toDate: Date }[],
  ): Promise<void> {
    await tx.earlierSickPeriod.deleteMany({ where: { workspaceId } });
    if (periods.length > 0) {
      await tx.earlierSickPeriod.createMany({
        data: periods.map((period) => ({ workspaceId, ...period })),
      });
    }
  }

  async addRevision(
    tx: Tx,
    data: {
      readonly workspaceId: string;
      readonly authorUserId: string;
      readonly authorParty: Party;
      readonly reason: string;
      readonly changes: Prisma.InputJsonValue;
      readonly certificateId: string | null;
    },
  ): Promise<{ id: string }> {
    return tx.caseFactRevision.create({ data, select: { id: true } });
  }

  revisions(workspaceId: string): Promise<RevisionRow[]> {
    return this.prisma.caseFactRevision.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: revisionSelect,
    });
  }

  createCertificate(tx: Tx, workspaceId: string, data: NewCertificate): Promise<CertificateRow> {
    return tx.certificate.create({ data: { workspaceId, ...data }, select: certificateSelect });
  }

  /** Every certificate of the case, by period (the service decides what each caller sees). */
  certificates(workspaceId: string, db: Tx = this.prisma): Promise<CertificateRow[]> {
    return db.certificate.findMany({
      where: { workspaceId },
      orderBy: [{ periodFrom: 'asc' }, { createdAt: 'asc' }],
      select: certificateSelect,
    });
  }

  /** Every certificate's period and degree in the order they were entered (a later one corrects). */
  certifiedPeriods(tx: Tx, workspaceId: string) {
    return tx.certificate.findMany({
      where: { workspaceId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { periodFrom: true, periodTo: true, degree: true },
    });
  }

  /** Who the case is about and its employer: what a follow-up case is asked with. */
  caseSubject(workspaceId: string) {
    return this.prisma.workspace.findUnique({
      where: { id: workspaceId },
      select: {
        employerOrganisationId: true,
        patient: { select: { personnummer: true, name: true, email: true } },
      },
    });
  }
}
