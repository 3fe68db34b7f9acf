import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventsModule } from '../events/events.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { JobQueue } from './job-queue';
import { NotificationDelivery } from './notification-delivery';
import { NotificationMail } from './notification-mail';
import { NotificationPreferencesService } from './notification-preferences';
import { NotificationProducer } from './notification-producer';
import { NotificationRecipients } from './notification-recipients';
import { NotificationReminders } from './notification-reminders';
import { NotificationSignals } from './notification-signals';
import { NotificationVisibility } from './notification-visibility';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * Notifications and reminders (issue 13), on the PostgreSQL job queue. Global like the mail
 * outbox: the consents service tells the producer about a consent change in its own unit.
 */
@Global()
@Module({
  imports: [AccessModule, EventsModule, MeetingsModule],
  controllers: [NotificationsController],
  providers: [
    JobQueue,
    NotificationsRepository,
    NotificationPreferencesService,
    NotificationVisibility,
    NotificationRecipients,
    NotificationSignals,
    NotificationDelivery,
    NotificationReminders,
    NotificationProducer,
    NotificationMail,
    NotificationsService,
  ],
  exports: [NotificationProducer, NotificationSignals, JobQueue],
})
export class NotificationsModule {}
