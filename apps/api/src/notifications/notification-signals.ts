import { Injectable } from '@nestjs/common';
import type { NotificationsChanged } from '@atergang/contracts';

export type NotificationsChangedListener = (
  userId: string,
  change: NotificationsChanged,
) => void | Promise<void>;

/**
 * Where the notifications module says that a person's notifications changed (one arrived,
 * some were read). The live gateway listens and tells every socket of that person, on every
 * instance; the notifications module does not depend on it (no module cycle).
 */
@Injectable()
export class NotificationSignals {
  private readonly listeners: NotificationsChangedListener[] = [];

  listen(listener: NotificationsChangedListener): void {
    this.listeners.push(listener);
  }

  async changed(userId: string, change: NotificationsChanged): Promise<void> {
    for (const listener of this.listeners) {
      await listener(userId, change);
    }
  }
}
