import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { TasksModule } from '../tasks/tasks.module';
import { MeetingRequestsController } from './meeting-requests.controller';
import { MeetingRequestsRepository } from './meeting-requests.repository';
import { MeetingRequestsService } from './meeting-requests.service';

/** Asking FK for an avstämningsmöte, and FK's answer (issue 15, item 1). */
@Module({
  imports: [MeetingsModule, TasksModule],
  controllers: [MeetingRequestsController],
  providers: [MeetingRequestsService, MeetingRequestsRepository],
})
export class MeetingRequestsModule {}
