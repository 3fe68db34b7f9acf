import { Injectable } from '@nestjs/common';
import type { ConsentView, GrantConsentRequest } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { needsMedicalWarning } from '../access/consent-rules';
import { AuditService } from '../audit/audit.service';
import { NotificationProducer } from '../notifications/notification-producer';
import { TransactionRunner, type UnitOfWork } from '../prisma/transaction';
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
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
    private readonly notifications: NotificationProducer,
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

  grant(access: WorkspaceAccess, request: GrantConsentRequest): Promise<ConsentView> {
    return this.transactions.run((unit) => this.grantInUnit(unit, access, request));
  }

  /** Grants in the caller's unit (the demo case's consents are given this way too). */
  async grantInUnit(
    unit: UnitOfWork,
    access: WorkspaceAccess,
    request: GrantConsentRequest,
  ): Promise<ConsentView> {
    await this.requirePatient(access, 'consent.granted');
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw expiryInThePast();
    }
    const medicalToEmployer = needsMedicalWarning(request.party, request.categories);
    if (medicalToEmployer && request.confirmMedicalToEmployer !== true) {
      throw medicalToEmployerNotConfirmed();
    }
    const created = await this.repository.create(unit.tx, {
      workspaceId: access.workspaceId,
      party: request.party,
      categories: request.categories,
      expiresAt,
      medicalToEmployerConfirmed: medicalToEmployer,
      grantedById: access.userId,
    });
    // Live followers of that party see more before this request returns.
    unit.accessChanged(access.workspaceId);
    await this.notifications.consentChanged(unit, {
      workspaceId: access.workspaceId,
      consentId: created.id,
      party: request.party,
      categories: request.categories,
      change: 'granted',
    });
    // Not in the shared event log: what the patient shares with one party is not the
    // others' business. The audit trail records it.
    await this.audit.record(
      access,
      {
        action: 'consent.granted',
        resourceType: 'Consent',
        resourceId: created.id,
        workspaceId: access.workspaceId,
        outcome: 'ALLOWED',
      },
      unit,
    );
    return toConsent(created);
  }

  async revoke(access: WorkspaceAccess, consentId: string): Promise<ConsentView> {
    await this.requirePatient(access, 'consent.revoked', consentId);
    const row = await this.transactions.run(async (unit) => {
      const { tx } = unit;
      const existing = await this.repository.findForUpdate(tx, access.workspaceId, consentId);
      if (!existing) {
        throw consentNotFound();
      }
      if (existing.revokedAt) {
        throw consentAlreadyRevoked();
      }
      const revoked = await this.repository.revoke(tx, consentId, access.userId);
      // Live followers of that party stop receiving before this request returns.
      unit.accessChanged(access.workspaceId);
      await this.notifications.consentChanged(unit, {
        workspaceId: access.workspaceId,
        consentId,
        party: existing.party,
        categories: existing.categories,
        change: 'revoked',
      });
      await this.audit.record(
        access,
        {
          action: 'consent.revoked',
          resourceType: 'Consent',
          resourceId: consentId,
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
        unit,
      );
      return revoked;
    });
    return toConsent(row);
  }

  private async requirePatient(
    access: WorkspaceAccess,
    action: 'consent.granted' | 'consent.revoked',
    resourceId?: string,
  ): Promise<void> {
    await this.authorization.require(access, 'manage', 'Consent', undefined, {
      audit: action,
      resourceType: 'Consent',
      resourceId: resourceId ?? null,
      error: onlyPatientManagesConsent,
    });
  }
}
