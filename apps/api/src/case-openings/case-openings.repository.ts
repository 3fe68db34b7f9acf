import { Injectable } from '@nestjs/common';
import type { Prisma, Role } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

const organisationRef = { select: { id: true, name: true, kind: true } } as const;

export const caseOpeningSelect = {
  id: true,
  status: true,
  personnummer: true,
  patientName: true,
  patientEmail: true,
  actingOrganisationId: true,
  creatorRole: true,
  employerOrganisationId: true,
  sickPeriodStart: true,
  earlierSickDays: true,
  expectedLengthDays: true,
  sickLeaveDegree: true,
  createdById: true,
  createdAt: true,
  expiresAt: true,
  decidedAt: true,
  previousWorkspaceId: true,
  actingOrganisation: organisationRef,
  employer: { select: { name: true } },
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

export type CaseOpeningRow = Prisma.CaseOpeningGetPayload<{ select: typeof caseOpeningSelect }>;

export interface NewCaseOpening {
  readonly personnummer: string;
  readonly patientName: string;
  readonly patientEmail: string;
  readonly actingOrganisationId: string;
  readonly creatorRole: Role;
  readonly employerOrganisationId: string | null;
  readonly sickPeriodStart: Date;
  readonly earlierSickDays: number;
  readonly expectedLengthDays: number | null;
  readonly sickLeaveDegree: number | null;
  readonly tokenHash: string;
  readonly createdById: string;
  readonly expiresAt: Date;
  /** The closed case it continues, if any. */
  readonly previousWorkspaceId?: string | null;
}

@Injectable()
export class CaseOpeningsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: NewCaseOpening) {
    return tx.caseOpening.create({
      data: { ...data, patientEmail: data.patientEmail.toLowerCase() },
      select: caseOpeningSelect,
    });
  }

  /** The person a personnummer belongs to, if she has an account: where she is asked. */
  personByPersonnummer(db: Tx | undefined, personnummer: string) {
    return (db ?? this.prisma).user.findUnique({
      where: { personnummer },
      select: { id: true, email: true, language: true, disabledAt: true },
    });
  }

  accountByEmail(db: Tx | undefined, email: string) {
    return (db ?? this.prisma).user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true, personnummer: true },
    });
  }

  byOpener(userId: string) {
    return this.prisma.caseOpening.findMany({
      where: { createdById: userId },
      orderBy: { createdAt: 'desc' },
      take: 100,
      select: caseOpeningSelect,
    });
  }

  /** A pending opening by its link's token, locked for the answer. */
  async pendingByTokenForUpdate(tx: Tx, tokenHash: string) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM case_openings
      WHERE token_hash = ${tokenHash} AND status = 'PENDING' AND expires_at > now()
      FOR UPDATE`;
    const id = rows[0]?.id;
    return id ? tx.caseOpening.findUnique({ where: { id }, select: caseOpeningSelect }) : null;
  }

  pendingByToken(tokenHash: string) {
    return this.prisma.caseOpening.findFirst({
      where: { tokenHash, status: 'PENDING', expiresAt: { gt: new Date() } },
      select: caseOpeningSelect,
    });
  }

  /** Pending openings for a personnummer (the person signed in with e-ID sees them). */
  pendingFor(personnummer: string) {
    return this.prisma.caseOpening.findMany({
      where: { personnummer, status: 'PENDING', expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
      select: caseOpeningSelect,
    });
  }

  async pendingByIdForUpdate(tx: Tx, id: string) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM case_openings
      WHERE id = ${id}::uuid AND status = 'PENDING' AND expires_at > now()
      FOR UPDATE`;
    return rows[0] ? tx.caseOpening.findUnique({ where: { id }, select: caseOpeningSelect }) : null;
  }

  async decide(tx: Tx, id: string, status: 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN') {
    await tx.caseOpening.update({ where: { id }, data: { status, decidedAt: new Date() } });
  }

  /** Whether the opener still acts for the organisation in the role they opened it in. */
  async openerStillMember(tx: Tx, userId: string, organisationId: string, role: Role) {
    const membership = await tx.membership.findUnique({
      where: { userId_organisationId_role: { userId, organisationId, role } },
      select: { id: true },
    });
    return membership !== null;
  }

  createPerson(
    tx: Tx,
    data: { personnummer: string; name: string; email: string; passwordHash: string },
  ) {
    return tx.user.create({
      data: { ...data, email: data.email.toLowerCase() },
      select: { id: true, name: true, email: true },
    });
  }

  async linkPersonnummer(tx: Tx, userId: string, personnummer: string): Promise<void> {
    await tx.user.update({ where: { id: userId }, data: { personnummer } });
  }

  userForAnswer(db: Tx | undefined, userId: string) {
    return (db ?? this.prisma).user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, personnummer: true },
    });
  }
}
