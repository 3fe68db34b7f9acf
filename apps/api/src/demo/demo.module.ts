import { type DynamicModule, Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PlanModule } from '../plan/plan.module';
import { TasksModule } from '../tasks/tasks.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { DemoCaseBuilder } from './demo-case.builder';
import { DemoDirectoryRepository } from './demo-directory.repository';
import { DemoSeeder } from './demo.seeder';

/**
 * The demo case, built through the production services. The builder is always there (the
 * tests build the demo case with it); the boot-time seeder only in demo mode.
 */
@Module({})
export class DemoModule {
  static forRoot(options: { readonly seedAtBoot: boolean }): DynamicModule {
    return {
      module: DemoModule,
      imports: [WorkspacesModule, ConsentsModule, PlanModule, MeetingsModule, TasksModule],
      providers: [
        DemoCaseBuilder,
        DemoDirectoryRepository,
        ...(options.seedAtBoot ? [DemoSeeder] : []),
      ],
      exports: [DemoCaseBuilder],
    };
  }
}
