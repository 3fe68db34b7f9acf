import { Injectable } from '@nestjs/common';
import type { WorkspaceAccess } from '../access/access.types';
import { PlanService } from '../plan/plan.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { planDocument } from './plan-document';
import { renderPdf } from './pdf-renderer';

export interface PlanPdf {
  readonly version: number;
  readonly filename: string;
  readonly content: Buffer;
}

/**
 * The plan as a PDF for the caller: made from the very view GET /plan returns (consent-
 * filtered by the plan feature), so what a reader may see has one home and an employer's
 * PDF holds no MEDICAL text unless the patient shared it. The download is audited there.
 */
@Injectable()
export class PlanExportService {
  constructor(
    private readonly plan: PlanService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async pdf(access: WorkspaceAccess): Promise<PlanPdf> {
    // The overview's names and dates are what every participant sees; its read is part of
    // this download's audit row, not one of its own.
    const overview = await this.workspaces.overviewOf(access, false);
    const plan = await this.plan.readForExport(access);
    const content = await renderPdf(
      planDocument({ plan, overview, printedAt: new Date().toISOString() }),
    );
    // No name or personnummer in the file name: it ends up in download folders and logs.
    return {
      version: plan.version,
      filename: `plan-for-atergang-version-${plan.version}.pdf`,
      content,
    };
  }
}
