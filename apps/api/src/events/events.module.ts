import { Global, Module } from '@nestjs/common';
import { ChangeRecorder } from './change-recorder';
import { CommittedEvents } from './committed-events';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventsRepository, CommittedEvents, ChangeRecorder],
  exports: [EventsService, EventsRepository, CommittedEvents, ChangeRecorder],
})
export class EventsModule {}
