import { Inject, Injectable } from '@nestjs/common';
import type { OutboxMessageView } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { toOutboxMessageView } from './mail.mapper';
import { MailRepository } from './mail.repository';

/** How many messages the Utkorg shows. */
const OUTBOX_PAGE = 50;

/**
 * The demo's Utkorg: what the product would have e-mailed, for a visitor without a mailbox.
 * Demo mode only, where every account is fictional and its password published: any signed-in
 * user may read every message (links included). Outside demo mode there is nothing here.
 */
@Injectable()
export class DemoOutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
  ) {}

  async newest(): Promise<OutboxMessageView[]> {
    if (!this.config.demo) {
      throw new ApiError(404, 'NOT_FOUND', 'The outbox is shown in demo mode only.');
    }
    const rows = await this.repository.newest(OUTBOX_PAGE);
    return rows.map(toOutboxMessageView);
  }
}
