import { Module } from '@nestjs/common';
import { CaseFactsModule } from '../case-facts/case-facts.module';
import { ConsentsModule } from '../consents/consents.module';
import { DocumentsModule } from '../documents/documents.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PlanModule } from '../plan/plan.module';
import { TasksModule } from '../tasks/tasks.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { CaseRecordService } from './case-record.service';
import { FhirController } from './fhir.controller';
import { FhirService } from './fhir.service';

/** The case as FHIR R4 (issue 17), read through the features' own services. */
@Module({
  imports: [
    CaseFactsModule,
    ConsentsModule,
    DocumentsModule,
    MeetingsModule,
    PlanModule,
    TasksModule,
    WorkspacesModule,
  ],
  controllers: [FhirController],
  providers: [CaseRecordService, FhirService],
  exports: [CaseRecordService],
})
export class FhirModule {}
