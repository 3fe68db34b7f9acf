import { Injectable } from '@nestjs/common';
import type { Notification, NotificationDelivery, NotificationEmailState } from '@prisma/client';
import type { NotificationKind, QuietHours } from '@atergang/contracts';
import { PrismaService } from '../prisma/prisma.service';
import type { Tx } from '../prisma/transaction';

/** A stored notification, as the rest of the module reads it. */
export type NotificationRow = Notification;

export interface NewNotificationRow {
  readonly userId: string;
  readonly workspaceId: string | null;
  readonly kind: NotificationKind;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Serialised as JSON: ids and dates the text is made from, never an item's text. */
  readonly params: object;
  readonly eventSeq: number | null;
  readonly dedupeKey: string;
}

/** A person's own choices; null fields: the defaults apply. */
export interface StoredSettings {
  readonly kinds: ReadonlyMap<string, NotificationDelivery>;
  readonly digestHour: number | null;
  /** Undefined: never chosen (defaults); null: chosen none. */
  readonly quietHours: QuietHours | null | undefined;
}

export interface NotificationPage {
  readonly rows: Notification[];
  readonly more: boolean;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the notification unless one with its key exists: the id when it is new, null
   * when a run before this one already made it (the queue ran the job again).
   */
  async insertIfNew(tx: Tx, row: NewNotificationRow): Promise<string | null> {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO notifications
        (id, user_id, workspace_id, kind, subject_type, subject_id, params, event_seq, dedupe_key)
      VALUES (gen_random_uuid(), ${row.userId}::uuid, ${row.workspaceId}::uuid, ${row.kind},
              ${row.subjectType}, ${row.subjectId}, ${JSON.stringify(row.params)}::jsonb,
              ${row.eventSeq}::int, ${row.dedupeKey})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id::text AS id`;
    return inserted[0]?.id ?? null;
  }

  async setEmail(tx: Tx, id: string, email: NotificationEmailState): Promise<void> {
    await tx.notification.update({ where: { id }, data: { email }, select: { id: true } });
  }

  /** The notification, locked until the transaction ends (a deferred e-mail, once). */
  async findForUpdate(tx: Tx, id: string): Promise<Notification | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM notifications WHERE id = ${id}::uuid FOR UPDATE`;
    return row ? tx.notification.findUnique({ where: { id } }) : null;
  }

  /** A person's notifications waiting for the digest, locked so one digest takes them. */
  async waitingForDigest(tx: Tx, userId: string): Promise<Notification[]> {
    const ids = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM notifications
       WHERE user_id = ${userId}::uuid AND email = 'IN_DIGEST'
       ORDER BY created_at
         FOR UPDATE SKIP LOCKED`;
    if (ids.length === 0) return [];
    return tx.notification.findMany({
      where: { id: { in: ids.map((row) => row.id) } },
      orderBy: { createdAt: 'asc' },
    });
  }

  async markEmails(tx: Tx, ids: readonly string[], email: NotificationEmailState): Promise<void> {
    if (ids.length === 0) return;
    await tx.notification.updateMany({ where: { id: { in: [...ids] } }, data: { email } });
  }

  /** Newest first; `before` pages on. */
  async page(
    userId: string,
    options: { unreadOnly: boolean; before: Date | undefined; limit: number },
  ): Promise<NotificationPage> {
    const rows = await this.prisma.notification.findMany({
      where: {
        userId,
        ...(options.unreadOnly ? { readAt: null } : {}),
        ...(options.before ? { createdAt: { lt: options.before } } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.limit + 1,
    });
    return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
  }

  unreadCount(userId: string, db: Tx | PrismaService = this.prisma): Promise<number> {
    return db.notification.count({ where: { userId, readAt: null } });
  }

  findOwn(userId: string, id: string): Promise<Notification | null> {
    return this.prisma.notification.findFirst({ where: { id, userId } });
  }

  async markRead(userId: string, id: string): Promise<Notification | null> {
    await this.prisma.notification.updateMany({
      where: { id, userId, readAt: null },
      data: { readAt: new Date() },
    });
    return this.findOwn(userId, id);
  }

  async markAllRead(userId: string, workspaceId: string | undefined): Promise<number> {
    const { count } = await this.prisma.notification.updateMany({
      where: { userId, readAt: null, ...(workspaceId ? { workspaceId } : {}) },
      data: { readAt: new Date() },
    });
    return count;
  }

  /** Whether an organisation lists the person (staff defaults) or not (the patient's). */
  async isStaff(userId: string, db: Tx | PrismaService = this.prisma): Promise<boolean> {
    return (await db.membership.count({ where: { userId } })) > 0;
  }

  async settings(userId: string, db: Tx | PrismaService = this.prisma): Promise<StoredSettings> {
    const [kinds, settings] = await Promise.all([
      db.notificationPreference.findMany({ where: { userId } }),
      db.notificationSettings.findUnique({ where: { userId } }),
    ]);
    return {
      kinds: new Map(kinds.map((row) => [row.kind, row.delivery])),
      digestHour: settings?.digestHour ?? null,
      quietHours: !settings
        ? undefined
        : settings.quietFrom === null || settings.quietUntil === null
          ? null
          : { from: settings.quietFrom, until: settings.quietUntil },
    };
  }

  /** Stores only what was sent; `digestHour` and `quietHours` become the person's own. */
  async saveSettings(
    userId: string,
    change: {
      readonly kinds: readonly (readonly [string, NotificationDelivery])[];
      readonly digestHour: number;
      readonly quietHours: QuietHours | null;
    },
  ): Promise<void> {
    await this.prisma.$transaction([
      ...change.kinds.map(([kind, delivery]) =>
        this.prisma.notificationPreference.upsert({
          where: { userId_kind: { userId, kind } },
          create: { userId, kind, delivery },
          update: { delivery },
        }),
      ),
      this.prisma.notificationSettings.upsert({
        where: { userId },
        create: {
          userId,
          digestHour: change.digestHour,
          quietFrom: change.quietHours?.from ?? null,
          quietUntil: change.quietHours?.until ?? null,
        },
        update: {
          digestHour: change.digestHour,
          quietFrom: change.quietHours?.from ?? null,
          quietUntil: change.quietHours?.until ?? null,
        },
      }),
    ]);
  }
}
