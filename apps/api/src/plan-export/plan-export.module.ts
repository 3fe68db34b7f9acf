import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { PlanExportController } from './plan-export.controller';
import { PlanExportService } from './plan-export.service';

/** The plan leaving the workspace as a document (issue 17), built from the plan's own view. */
@Module({
  imports: [PlanModule, WorkspacesModule],
  controllers: [PlanExportController],
  providers: [PlanExportService],
})
export class PlanExportModule {}
