import { Global, Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Global()
@Module({ providers: [EventsService, EventsRepository], exports: [EventsService] })
export class EventsModule {}
