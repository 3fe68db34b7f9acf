import { Injectable } from '@nestjs/common';
import type { Category, PlanView } from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import { toPlanView } from './plan.mapper';
import { planNotStarted } from './plan.errors';
import { PlanRepository } from './plan.repository';

// The categories a plan's content falls under.
const PLAN_CATEGORIES: readonly Category[] = ['PLAN', 'MEDICAL'];

@Injectable()
export class PlanService {
  constructor(
    private readonly repository: PlanRepository,
    private readonly audit: AuditService,
  ) {}

  async read(access: WorkspaceAccess): Promise<PlanView> {
    const row = await this.repository.findVisible(access.workspaceId, access.ability);
    if (!row) {
      throw planNotStarted();
    }
    await this.audit.record(access, {
      action: 'plan.read',
      resourceType: 'Plan',
      resourceId: row.id,
      workspaceId: access.workspaceId,
      outcome: 'ALLOWED',
    });
    const withheld = access.isPatient
      ? []
      : PLAN_CATEGORIES.filter((category) => !access.grantedCategories.has(category));
    return toPlanView(row, access.ability.can('read', 'Plan'), withheld);
  }
}
