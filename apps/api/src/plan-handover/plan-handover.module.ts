import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { TasksModule } from '../tasks/tasks.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { PlanHandoverController } from './plan-handover.controller';
import { PlanHandoverRepository } from './plan-handover.repository';
import { PlanHandoverService } from './plan-handover.service';

/** The plan handed over to FK or care, and FK's requests for it (issue 17, item 2). */
@Module({
  imports: [PlanModule, TasksModule, WorkspacesModule],
  controllers: [PlanHandoverController],
  providers: [PlanHandoverService, PlanHandoverRepository],
})
export class PlanHandoverModule {}
