import { Injectable } from '@nestjs/common';
import type { ConsentView, GrantConsentRequest } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { LiveAccess } from '../live/live-access';
import { TransactionRunner } from '../prisma/transaction';
import {
  consentAlreadyRevoked,
  consentNotFound,
  expiryInThePast,
  medicalToEmployerNotConfirmed,
  onlyPatientManagesConsent,
} from './consents.errors';
import { toConsent } from './consents.mapper';
import { ConsentsRepository } from './consents.repository';

/**
 * The patient's sharing consents: specific secrecy waivers (OSL 12 kap. 2 §) per party and
 * category, recorded as such and never presented as a GDPR legal basis. Access is decided
 * from the consents in force on every request, so a revoke works on the very next one.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly repository: ConsentsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly live: LiveAccess,
  ) {}

  async list(access: WorkspaceAccess): Promise<ConsentView[]> {
    const rows = await this.repository.list(access.workspaceId, access.ability);
    await this.audit.record(access, {
      action: 'consent.listed',
      resourceType: 'Consent',
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const now = new Date();
    return rows.map((row) => toConsent(row, now));
  }

  async grant(access: WorkspaceAccess, request: GrantConsentRequest): Promise<ConsentView> {
    await this.requirePatient(access, 'consent.granted');
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw expiryInThePast();
    }
    // Mirrors the employer's copy of the medical certificate (AG7804): the diagnosis and
    // other medical details reach the employer only by the patient's explicit choice.
    const medicalToEmployer =
      request.party === 'EMPLOYER' && request.categories.includes('MEDICAL');
    if (medicalToEmployer && request.confirmMedicalToEmployer !== true) {
      throw medicalToEmployerNotConfirmed();
    }
    const row = await this.transactions.run(async (tx) => {
      const created = await this.repository.create(tx, {
        workspaceId: access.workspaceId,
        party: request.party,
        categories: request.categories,
        expiresAt,
        medicalToEmployerConfirmed: medicalToEmployer,
        grantedById: access.userId,
      });
      this.live.changedAfterCommit(tx, access.workspaceId);
      await this.audit.record(
        access,
        {
          action: 'consent.granted',
          resourceType: 'Consent',
          resourceId: created.id,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return created;
    });
    return toConsent(row);
  }

  async revoke(access: WorkspaceAccess, consentId: string): Promise<ConsentView> {
    await this.requirePatient(access, 'consent.revoked', consentId);
    const row = await this.transactions.run(async (tx) => {
      const existing = await this.repository.findForUpdate(tx, access.workspaceId, consentId);
      if (!existing) {
        throw consentNotFound();
      }
      if (existing.revokedAt) {
        throw consentAlreadyRevoked();
      }
      const revoked = await this.repository.revoke(tx, consentId, access.userId);
      // Live followers of that party stop receiving before this request returns.
      this.live.changedAfterCommit(tx, access.workspaceId);
      await this.audit.record(
        access,
        {
          action: 'consent.revoked',
          resourceType: 'Consent',
          resourceId: consentId,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        tx,
      );
      return revoked;
    });
    return toConsent(row);
  }

  private async requirePatient(
    access: WorkspaceAccess,
    action: string,
    resourceId?: string,
  ): Promise<void> {
    if (access.isPatient) {
      return;
    }
    await this.audit.record(access, {
      action,
      resourceType: 'Consent',
      resourceId: resourceId ?? null,
      workspaceId: access.workspaceId,
      outcome: 'DENIED',
      reason: 'PATIENT_ONLY',
    });
    throw onlyPatientManagesConsent();
  }
}
