import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { InvitationsController, WorkspacesController } from './workspaces.controller';
import { WorkspacesRepository } from './workspaces.repository';
import { WorkspacesService } from './workspaces.service';

/** Cases and who takes part; a new case's deadline tasks are made through TasksService. */
@Module({
  imports: [TasksModule],
  controllers: [WorkspacesController, InvitationsController],
  providers: [WorkspacesService, WorkspacesRepository],
  exports: [WorkspacesService],
})
export class WorkspacesModule {}
