import { Injectable } from '@nestjs/common';
import type { CaseOpeningView, FollowUpCaseRequest } from '@atergang/contracts';
import { lastJoiningStart } from '@atergang/domain';
import type { WorkspaceAccess } from '../access/access.types';
import { workspaceNotFound } from '../access/access.errors';
import { Authorization } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CaseOpeningsService } from '../case-openings/case-openings.service';
import { toIsoDate } from '../common/calendar';
import type { RequestOrigin } from '../common/request-origin.decorator';
import { caseNotClosed, periodJoinsCase } from './case-facts.errors';
import { CaseFactsRepository } from './case-facts.repository';

/**
 * A new sick period 90 days or more after a case closed does not join its chain
 * (LEGAL_SOURCES via lastJoiningStart): it is a new case, linked to the closed one. Like
 * every case it opens only when the person says yes, so this asks her through the one
 * way cases are opened (CaseOpeningsService), as the caller and for the caller's
 * organisation in the closed case.
 */
@Injectable()
export class FollowUpCaseService {
  constructor(
    private readonly repository: CaseFactsRepository,
    private readonly authorization: Authorization,
    private readonly caseOpenings: CaseOpeningsService,
    private readonly audit: AuditService,
  ) {}

  async request(
    access: WorkspaceAccess,
    user: AuthenticatedUser,
    origin: RequestOrigin,
    request: FollowUpCaseRequest,
  ): Promise<CaseOpeningView> {
    // Whoever may reopen the case may ask for the case that follows it.
    await this.authorization.require(access, 'reopen', 'Workspace', undefined, {
      audit: 'case.follow-up-requested',
      resourceType: 'Workspace',
      resourceId: access.workspaceId,
    });
    const [facts, subject] = await Promise.all([
      this.repository.facts(access.workspaceId),
      this.repository.caseSubject(access.workspaceId),
    ]);
    if (!facts || !subject) throw workspaceNotFound();
    if (facts.status !== 'CLOSED' || !facts.closedOn) throw caseNotClosed();
    const lastStart = lastJoiningStart(toIsoDate(facts.closedOn));
    if (request.newPeriodStart <= lastStart) throw periodJoinsCase(lastStart);
    const { personnummer, name, email } = subject.patient;
    // Every patient came in through an opening with her personnummer (or the demo's seed).
    if (!personnummer) throw workspaceNotFound();
    const opening = await this.caseOpenings.request(
      user,
      origin,
      {
        patientPersonnummer: personnummer,
        patientName: name,
        patientEmail: email,
        ...(access.organisationId ? { actingOrganisationId: access.organisationId } : {}),
        ...(subject.employerOrganisationId
          ? { employerOrganisationId: subject.employerOrganisationId }
          : {}),
        sickPeriodStart: request.newPeriodStart,
        ...(request.expectedLengthDays !== undefined
          ? { expectedLengthDays: request.expectedLengthDays }
          : {}),
        ...(request.sickLeaveDegree !== undefined
          ? { sickLeaveDegree: request.sickLeaveDegree }
          : {}),
      },
      { previousWorkspaceId: access.workspaceId },
    );
    // In the closed case's log too: the patient sees who asked for a new case of hers.
    await this.audit.record(access, {
      action: 'case.follow-up-requested',
      resourceType: 'CaseOpening',
      resourceId: opening.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return opening;
  }
}
