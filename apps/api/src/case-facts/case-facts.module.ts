import { Module } from '@nestjs/common';
import { CaseOpeningsModule } from '../case-openings/case-openings.module';
import { PlanModule } from '../plan/plan.module';
import { TasksModule } from '../tasks/tasks.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { CaseFactsController } from './case-facts.controller';
import { CaseFactsRepository } from './case-facts.repository';
import { CaseFactsService } from './case-facts.service';
import { CertificatesService } from './certificates.service';
import { FollowUpCaseService } from './follow-up-case.service';

/** The case follows reality (issue 16): its facts, certificates, closing and reopening. */
@Module({
  imports: [CaseOpeningsModule, PlanModule, TasksModule, WorkspacesModule],
  controllers: [CaseFactsController],
  providers: [CaseFactsService, CaseFactsRepository, CertificatesService, FollowUpCaseService],
  exports: [CaseFactsService, CertificatesService],
})
export class CaseFactsModule {}
