import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { InvitationsController, WorkspacesController } from './workspaces.controller';
import { WorkspacesRepository } from './workspaces.repository';
import { WorkspacesService } from './workspaces.service';

/** Cases and who takes part; a new case's deadline tasks are made through TasksService. */
@Module({
  imports: [TasksModule],
  controllers: [WorkspacesController, InvitationsController],
  providers: [WorkspacesService, WorkspacesRepository, InvitationsService, InvitationsRepository],
  exports: [WorkspacesService, InvitationsService],
})
export class WorkspacesModule {}
