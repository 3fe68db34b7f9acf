import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from '@atergang/contracts';
import type { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';
import { notificationDefaults } from './notification-kinds';
import { STOCKHOLM_TIME_ZONE } from '../common/calendar';
import { NotificationsRepository } from './notifications.repository';

/**
 * A person's e-mail settings: what they chose, the defaults for the rest (staff or patient,
 * notification-kinds.ts). The one place both the API and the queue read them from.
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(private readonly repository: NotificationsRepository) {}

  async effective(userId: string, db?: Tx | PrismaService): Promise<NotificationPreferences> {
    const [stored, isStaff] = await Promise.all([
      this.repository.settings(userId, db),
      this.repository.isStaff(userId, db),
    ]);
    const defaults = notificationDefaults(isStaff);
    const kinds = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, stored.kinds.get(kind) ?? defaults.kinds[kind]]),
    ) as Record<NotificationKind, NotificationDelivery>;
    return {
      kinds,
      digestHour: stored.digestHour ?? defaults.digestHour,
      quietHours: stored.quietHours === undefined ? defaults.quietHours : stored.quietHours,
      timeZone: STOCKHOLM_TIME_ZONE,
    };
  }

  /** Changes only what the request names; the rest stays as it was (chosen or default). */
  async update(
    userId: string,
    change: UpdateNotificationPreferences,
  ): Promise<NotificationPreferences> {
    const current = await this.effective(userId);
    await this.repository.saveSettings(userId, {
      kinds: Object.entries(change.kinds ?? {}),
      digestHour: change.digestHour ?? current.digestHour,
      quietHours: change.quietHours === undefined ? current.quietHours : change.quietHours,
    });
    return this.effective(userId);
  }
}
