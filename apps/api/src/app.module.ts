import type { Writable } from 'node:stream';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CaseFactsModule } from './case-facts/case-facts.module';
import { CaseOpeningsModule } from './case-openings/case-openings.module';
import { LoggingModule } from './common/logging.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DemoModule } from './demo/demo.module';
import { DocumentsModule } from './documents/documents.module';
import { ConsentsModule } from './consents/consents.module';
import { EventsModule } from './events/events.module';
import { FhirModule } from './fhir/fhir.module';
import { HealthModule } from './health/health.module';
import { LimitsModule } from './limits/limits.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PatientExportModule } from './patient-export/patient-export.module';
import { PlanModule } from './plan/plan.module';
import { PlanExportModule } from './plan-export/plan-export.module';
import { PlanHandoverModule } from './plan-handover/plan-handover.module';
import { MeetingRequestsModule } from './meeting-requests/meeting-requests.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TasksModule } from './tasks/tasks.module';
import { WorkspacesModule } from './workspaces/workspaces.module';
import { PrismaModule } from './prisma/prisma.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logDestination?: Writable): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logDestination),
        PrismaModule,
        HealthModule,
        AuditModule,
        MailModule,
        EventsModule,
        NotificationsModule,
        LiveModule,
        AuthModule,
        // After AuthModule: its guard runs after authentication, so limits know the user.
        LimitsModule,
        AccessModule,
        WorkspacesModule,
        CaseFactsModule,
        CaseOpeningsModule,
        OrganisationsModule,
        ConsentsModule,
        PlanModule,
        PlanExportModule,
        PlanHandoverModule,
        MeetingRequestsModule,
        FhirModule,
        PatientExportModule,
        TasksModule,
        MeetingsModule,
        DocumentsModule,
        StatisticsModule,
        DemoModule.forRoot({ seedAtBoot: config.demo }),
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Every JSON body a route declares with @ZodResponse is parsed by its contract schema on
        // the way out (unknown keys stripped); a body that fails it is a server bug: 500.
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
      ],
    };
  }
}
