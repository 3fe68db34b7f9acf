import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { MeetingNotesController } from './meeting-notes.controller';
import { MeetingNotesRepository } from './meeting-notes.repository';
import { MeetingNotesService } from './meeting-notes.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** Meetings and their notes; next steps become tasks through TasksService. */
@Module({
  imports: [TasksModule],
  controllers: [MeetingsController, MeetingNotesController],
  providers: [MeetingsService, MeetingsRepository, MeetingNotesService, MeetingNotesRepository],
  exports: [MeetingsService, MeetingsRepository, MeetingNotesService],
})
export class MeetingsModule {}
