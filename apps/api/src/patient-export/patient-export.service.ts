import { Injectable } from '@nestjs/common';
import type { WorkspaceAccess } from '../access/access.types';
import { Authorization } from '../access/authorization';
import { AuditService } from '../audit/audit.service';
import { CaseRecordService } from '../fhir/case-record.service';
import { caseBundle, type FhirBundle } from '../fhir/fhir-bundle';
import { renderPdf } from '../plan-export/pdf-renderer';
import { patientDocument } from './patient-document';
import { patientOnly } from './patient-export.errors';

export type ExportFormat = 'pdf' | 'json';

/**
 * The patient's own copy of her case (GDPR art. 15 and 20): the same record as the FHIR
 * Bundle, read through the features' services, as a readable PDF or as the Bundle itself.
 * Only she may have it (the policy's `CaseExport`); anyone else's attempt is audited and
 * refused before anything is read. Each download is one `case.exported` row.
 */
@Injectable()
export class PatientExportService {
  constructor(
    private readonly records: CaseRecordService,
    private readonly authorization: Authorization,
    private readonly audit: AuditService,
  ) {}

  async pdf(access: WorkspaceAccess): Promise<Buffer> {
    await this.requireOwnCase(access, 'pdf');
    const record = await this.records.read(access);
    const content = await renderPdf(patientDocument(record));
    await this.recordExport(access, 'pdf');
    return content;
  }

  async json(access: WorkspaceAccess): Promise<FhirBundle> {
    await this.requireOwnCase(access, 'json');
    const bundle = caseBundle(await this.records.read(access));
    await this.recordExport(access, 'json');
    return bundle;
  }

  private async requireOwnCase(access: WorkspaceAccess, format: ExportFormat): Promise<void> {
    await this.authorization.require(access, 'read', 'CaseExport', undefined, {
      audit: 'case.exported',
      resourceType: 'CaseExport',
      resourceId: format,
      error: patientOnly,
    });
  }

  private async recordExport(access: WorkspaceAccess, format: ExportFormat): Promise<void> {
    await this.audit.record(access, {
      action: 'case.exported',
      resourceType: 'CaseExport',
      resourceId: format,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
  }
}
