import { Global, Module } from '@nestjs/common';
import { DemoOutboxController } from './demo-outbox.controller';
import { DemoOutboxService } from './demo-outbox.service';
import { MailOutbox } from './mail-outbox';
import { MailWorker } from './mail-worker';
import { MailRepository } from './mail.repository';

/**
 * E-mail through a transactional outbox. Global, like the audit trail: any feature's service
 * injects MailOutbox and enqueues in its own transaction.
 */
@Global()
@Module({
  controllers: [DemoOutboxController],
  providers: [MailRepository, MailOutbox, MailWorker, DemoOutboxService],
  exports: [MailOutbox],
})
export class MailModule {}
