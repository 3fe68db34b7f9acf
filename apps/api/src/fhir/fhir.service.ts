import { Injectable } from '@nestjs/common';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { CaseRecordService } from './case-record.service';
import { caseBundle, type FhirBundle } from './fhir-bundle';

/**
 * GET /fhir: the case as a FHIR R4 Bundle of what the caller may see. Each part is read
 * through its feature's service (which applies the policy and consent and audits that
 * read); the Bundle as a whole is one more row, `fhir.read`, in the patient's access log.
 */
@Injectable()
export class FhirService {
  constructor(
    private readonly records: CaseRecordService,
    private readonly audit: AuditService,
  ) {}

  async bundle(access: WorkspaceAccess): Promise<FhirBundle> {
    const bundle = caseBundle(await this.records.read(access));
    await this.audit.record(access, {
      action: 'fhir.read',
      resourceType: 'Bundle',
      resourceId: access.workspaceId,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    return bundle;
  }
}
