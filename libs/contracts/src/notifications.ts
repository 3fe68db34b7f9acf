import { z } from 'zod';
import { uuidSchema } from './common';

// Notifications: what a person must know or do, in the app (the bell) and by e-mail (at
// once, in a daily digest, or not at all). A notification names its case and links to it;
// its text never holds health data, and its detail (a task's title) only what the reader
// may read now.

/** Every kind of notification, dotted like the events they come from. */
export const NOTIFICATION_KINDS = [
  /** A task was given to the recipient or their party. */
  'task.assigned',
  /** An open task of theirs is due tomorrow. */
  'task.due-soon',
  /** An open task of theirs passed its due date. */
  'task.overdue',
  /** A deadline of the rehabilitation chain their party owns is a week away (with its legal source). */
  'rehab.deadline-coming',
  /** A meeting proposal waits for their answer. */
  'meeting.proposed',
  /** To the organiser: every invitee has answered. */
  'meeting.answers-complete',
  /** The meeting's time is fixed (.ics attached). */
  'meeting.scheduled',
  /** A fixed time was moved to another (.ics attached). */
  'meeting.changed',
  /** The meeting was cancelled (.ics attached). */
  'meeting.cancelled',
  /** The meeting is tomorrow. */
  'meeting.reminder',
  /** To the asker: FK answered their request for an avstämningsmöte. */
  'meeting.request-answered',
  /** The patient shared more categories with their party. */
  'consent.granted',
  /** The patient shared less with their party. */
  'consent.revoked',
  /** The employer established the plan: the patient is asked to agree or not. */
  'plan.signoff-requested',
  /** A document they may read was added. */
  'document.added',
  /** They were invited to take part in a case, or (the patient) asked to approve a party. */
  'invitation.received',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** How a kind reaches the person by e-mail. The bell always shows it. */
export const NOTIFICATION_DELIVERIES = ['IMMEDIATE', 'DAILY', 'OFF'] as const;
export const notificationDeliverySchema = z.enum(NOTIFICATION_DELIVERIES);
export type NotificationDelivery = z.infer<typeof notificationDeliverySchema>;

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

export const notificationSchema = z.object({
  id: uuidSchema,
  kind: notificationKindSchema,
  /** Null for a notification about no case yet (an invitation to one). */
  workspaceId: uuidSchema.nullable(),
  /** The case as the reader may name it ("Ditt ärende", "Anna Andersson"); null without a case. */
  caseLabel: z.string().nullable(),
  /** One plain sentence in the reader's language, without health data. */
  headline: z.string(),
  /** What the reader may read of the item now (a task's title); null when withheld or none. */
  detail: z.string().nullable(),
  /** Path in the web client, e.g. /workspaces/<id>/tasks; null when the reader no longer has access. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.strictObject({
  /** Only unread ones. */
  unread: z.enum(['true', 'false']).default('false'),
  /** Newest first; ask again with `before` = the last item's createdAt for older ones. */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unreadCount: z.number().int().min(0),
  more: z.boolean(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const notificationParamsSchema = z.strictObject({ notificationId: uuidSchema });

/** Marks every unread notification read, or those of one case. */
export const markAllReadRequestSchema = z.strictObject({
  workspaceId: uuidSchema.optional(),
});
export type MarkAllReadRequest = z.infer<typeof markAllReadRequestSchema>;

// ---------------------------------------------------------------------------------------
// Preferences
// ---------------------------------------------------------------------------------------

const hourSchema = z.number().int().min(0).max(23);

/** Hours in Europe/Stockholm time: no e-mail from `from` until `until` (may span midnight). */
export const quietHoursSchema = z
  .strictObject({ from: hourSchema, until: hourSchema })
  .refine((value) => value.from !== value.until, {
    message: 'from and until must differ',
    path: ['until'],
  });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const notificationPreferencesSchema = z.object({
  /** Every kind, with its e-mail delivery. */
  kinds: z.record(notificationKindSchema, notificationDeliverySchema),
  /** The hour (Europe/Stockholm) the daily digest is sent. */
  digestHour: hourSchema,
  quietHours: quietHoursSchema.nullable(),
  timeZone: z.literal('Europe/Stockholm'),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Only what is sent changes: a kind left out keeps its delivery. */
export const updateNotificationPreferencesSchema = z
  .strictObject({
    kinds: z.partialRecord(notificationKindSchema, notificationDeliverySchema).optional(),
    digestHour: hourSchema.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to change' });
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;

// ---------------------------------------------------------------------------------------
// Live
// ---------------------------------------------------------------------------------------

/** Socket event to every socket of the user when their notifications change (new, read). */
export const NOTIFICATIONS_CHANGED_EVENT = 'notifications:changed';

export const notificationsChangedSchema = z.object({
  unreadCount: z.number().int().min(0),
  /** The notification that arrived, when one did (the client refetches the list). */
  notificationId: uuidSchema.nullable(),
});
export type NotificationsChanged = z.infer<typeof notificationsChangedSchema>;
