import { Injectable } from '@nestjs/common';
import type { CertificateView, CreateCertificateRequest } from '@atergang/contracts';
import {
  expectedLengthAfterCertificate,
  sickLeaveDegreeOn,
  sickLeaveStepsFromCertificates,
} from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import { fromIsoDate, stockholmToday, toIsoDate } from '../common/calendar';
import { ChangeRecorder } from '../events/change-recorder';
import { PlanService } from '../plan/plan.service';
import { TransactionRunner } from '../prisma/transaction';
import { certificateBeforeSickPeriod } from './case-facts.errors';
import { toCertificateView } from './case-facts.mapper';
import { CaseFactsRepository } from './case-facts.repository';
import { CaseFactsService } from './case-facts.service';

/**
 * Certificates (läkarintyg), entered by the treating doctor. A certificate is a fact of the
 * case as well as a medical record: together they are the plan's sick-leave steps and the
 * case's current degree, and one may make the expected length known (and with it the plan
 * duty), through the one writer of the facts. Structured like a certificate service's record, so an import could fill it.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly repository: CaseFactsRepository,
    private readonly facts: CaseFactsService,
    private readonly plan: PlanService,
    private readonly transactions: TransactionRunner,
    private readonly authorization: Authorization,
    private readonly changes: ChangeRecorder,
    private readonly audit: AuditService,
  ) {}

  create(access: WorkspaceAccess, request: CreateCertificateRequest): Promise<CertificateView> {
    return this.transactions.run(async (unit) => {
      await this.authorization.require(
        access,
        'create',
        'Certificate',
        { authorParty: access.party },
        { audit: 'certificate.added', resourceType: 'Certificate' },
      );
      const before = await this.facts.factsForChange(unit, access.workspaceId);
      const sickPeriodStart = toIsoDate(before.sickPeriodStart);
      if (request.periodFrom < sickPeriodStart) throw certificateBeforeSickPeriod();
      const row = await this.repository.createCertificate(unit.tx, access.workspaceId, {
        periodFrom: fromIsoDate(request.periodFrom),
        periodTo: fromIsoDate(request.periodTo),
        degree: request.degree,
        diagnosisCode: request.diagnosisCode,
        diagnosisText: request.diagnosisText,
        activityLimitations: request.activityLimitations,
        remainingCapacity: request.remainingCapacity ?? null,
        prognosis: request.prognosis ?? null,
        recommendedMeasures: request.recommendedMeasures ?? null,
        expectedLengthDays: request.expectedLengthDays ?? null,
        authorParty: access.party,
        createdById: access.userId,
      });
      await this.changes.record(unit, access, {
        type: 'certificate.added',
        resource: { type: 'Certificate', id: row.id },
        // Its period and degree are case facts: the event names only the certificate.
        visibleAs: 'case',
      });
      const expectedLengthDays = expectedLengthAfterCertificate({
        sickPeriodStart,
        earlierSickDays: before.earlierSickDays,
        currentExpectedDays: before.expectedLengthDays,
        certificateTo: request.periodTo,
        statedExpectedDays: request.expectedLengthDays ?? null,
      });
      const lengthChanged = expectedLengthDays !== before.expectedLengthDays;
      const steps = sickLeaveStepsFromCertificates(
        (await this.repository.certifiedPeriods(unit.tx, access.workspaceId)).map((period) => ({
          from: toIsoDate(period.periodFrom),
          to: toIsoDate(period.periodTo),
          degree: period.degree,
        })),
      );
      await this.plan.setCertifiedSteps(unit, access, steps);
      await this.facts.revise(unit, access, before, {
        columns: {
          // Today's degree: a renewal written ahead of time does not change it yet.
          sickLeaveDegree: sickLeaveDegreeOn(steps, stockholmToday()),
          ...(lengthChanged
            ? {
                expectedLengthDays,
                expectedLengthBasis: `Läkarintyg ${request.periodFrom}–${request.periodTo}`,
              }
            : {}),
        },
        reason: `Nytt läkarintyg ${request.periodFrom}–${request.periodTo}, ${request.degree} %`,
        certificateId: row.id,
      });
      return toCertificateView(row, access.ability);
    });
  }

  /** Every certificate of the case: period and degree for all, the content where allowed. */
  async list(access: WorkspaceAccess): Promise<CertificateView[]> {
    const rows = await this.repository.certificates(access.workspaceId);
    const views = rows.map((row) => toCertificateView(row, access.ability));
    const withheld = views.some((view) => view.medical === null);
    await this.audit.record(access, {
      action:
        withheld && views.every((view) => view.medical === null)
          ? 'certificate.read-withheld'
          : 'certificate.read',
      resourceType: 'Certificate',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return views;
  }
}
