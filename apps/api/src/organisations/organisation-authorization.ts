import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@atergang/contracts';
import type {
  OrganisationAccess,
  OrganisationAction,
  OrganisationSubject,
} from '../access/organisation-ability';
import { AuditService } from '../audit/audit.service';
import type { ApiError } from '../common/api-error';
import { notOrganisationAdmin } from './organisations.errors';

/**
 * The organisation services' one door to the organisation's ability: a member who may not
 * do something hears 403 (they belong to it, so its existence is no secret to them), and
 * the refusal is audited before they do.
 */
@Injectable()
export class OrganisationAuthorization {
  constructor(private readonly audit: AuditService) {}

  async require(
    access: OrganisationAccess,
    action: OrganisationAction,
    subject: OrganisationSubject,
    denial: {
      readonly audit: AuditAction;
      readonly resourceType: string;
      readonly resourceId?: string;
      /** The problem the member gets; defaults to NOT_ORGANISATION_ADMIN. */
      readonly error?: () => ApiError;
    },
  ): Promise<void> {
    if (access.ability.can(action, subject)) return;
    const error = denial.error?.() ?? notOrganisationAdmin();
    await this.audit.record(access, {
      action: denial.audit,
      resourceType: denial.resourceType,
      resourceId: denial.resourceId ?? access.organisationId,
      outcome: 'DENIED',
      reason: error.code,
    });
    throw error;
  }
}
