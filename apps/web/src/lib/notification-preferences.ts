import {
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
  type QuietHours,
  type UpdateNotificationPreferences,
} from '@atergang/contracts';
import type { Messages } from '../locales/sv';

// The preferences form and what a save sends. Pure (no React): unit/notification-preferences.spec.ts.

/** The form's values: quiet hours keep their hours while switched off, to come back on. */
export interface PreferencesForm {
  kinds: Record<NotificationKind, NotificationDelivery>;
  digestHour: number;
  quietOn: boolean;
  quietFrom: number;
  quietUntil: number;
}

/** When a person switches quiet hours on who had none: evening to morning. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: 20, until: 7 };

export function formFromPreferences(saved: NotificationPreferences): PreferencesForm {
  const quiet = saved.quietHours ?? DEFAULT_QUIET_HOURS;
  return {
    // Every kind the client knows, as the server holds it (the server answers all of them).
    kinds: Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, saved.kinds[kind]]),
    ) as Record<NotificationKind, NotificationDelivery>,
    digestHour: saved.digestHour,
    quietOn: saved.quietHours !== null,
    quietFrom: quiet.from,
    quietUntil: quiet.until,
  };
}

export function quietHoursOf(form: PreferencesForm): QuietHours | null {
  return form.quietOn ? { from: form.quietFrom, until: form.quietUntil } : null;
}

/**
 * What the person changed, compared with what the server last said: only those fields, so
 * a save never overwrites a setting changed meanwhile elsewhere (another tab) that this
 * person did not touch here. Null when nothing changed.
 */
export function preferencesChanges(
  saved: NotificationPreferences,
  form: PreferencesForm,
): UpdateNotificationPreferences | null {
  const change: UpdateNotificationPreferences = {};
  const kinds: Partial<Record<NotificationKind, NotificationDelivery>> = {};
  for (const kind of EMAIL_KINDS) {
    const chosen = form.kinds[kind];
    if (chosen !== saved.kinds[kind]) kinds[kind] = chosen;
  }
  if (Object.keys(kinds).length > 0) change.kinds = kinds;
  if (form.digestHour !== saved.digestHour) change.digestHour = form.digestHour;
  const quiet = quietHoursOf(form);
  const before = saved.quietHours;
  const quietChanged =
    quiet === null || before === null
      ? quiet !== before
      : quiet.from !== before.from || quiet.until !== before.until;
  // Quiet hours go as a whole (the contract takes both hours or null).
  if (quietChanged) change.quietHours = quiet;
  return Object.keys(change).length > 0 ? change : null;
}

/** The hours of a day as a select shows them: 0 → "00:00". */
export const HOURS: readonly number[] = Array.from({ length: 24 }, (_, hour) => hour);
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** The kinds a person may choose e-mail for (invitation.received is never e-mailed). */
export const EMAIL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (kind) => kind !== 'invitation.received',
);

/** A kind's name in the locale files (their keys cannot hold the kind's dot). */
export const KIND_TEXT_KEYS = {
  'task.assigned': 'taskAssigned',
  'task.due-soon': 'taskDueSoon',
  'task.overdue': 'taskOverdue',
  'rehab.deadline-coming': 'rehabDeadlineComing',
  'meeting.proposed': 'meetingProposed',
  'meeting.answers-complete': 'meetingAnswersComplete',
  'meeting.scheduled': 'meetingScheduled',
  'meeting.changed': 'meetingChanged',
  'meeting.cancelled': 'meetingCancelled',
  'meeting.reminder': 'meetingReminder',
  'meeting.request-answered': 'meetingRequestAnswered',
  'consent.granted': 'consentGranted',
  'consent.revoked': 'consentRevoked',
  'plan.signoff-requested': 'planSignoffRequested',
  'document.added': 'documentAdded',
  'invitation.received': 'invitationReceived',
} as const satisfies Record<NotificationKind, keyof Messages['notificationKinds']>;

/**
 * The page's sections of kinds, in the order a person thinks of them; every kind that can
 * be e-mailed once. An invitation is never e-mailed as a notification (its own message with
 * the link to accept is), so it has no choice here: the page only says so.
 */
export const KIND_SECTIONS = [
  { key: 'tasks', kinds: ['task.assigned', 'task.due-soon', 'task.overdue'] },
  {
    key: 'meetings',
    kinds: [
      'meeting.proposed',
      'meeting.answers-complete',
      'meeting.scheduled',
      'meeting.changed',
      'meeting.cancelled',
      'meeting.reminder',
      'meeting.request-answered',
    ],
  },
  { key: 'plan', kinds: ['plan.signoff-requested', 'rehab.deadline-coming'] },
  { key: 'sharing', kinds: ['document.added', 'consent.granted', 'consent.revoked'] },
] as const satisfies ReadonlyArray<{
  key: keyof Messages['notificationSettings']['sections'];
  kinds: readonly NotificationKind[];
}>;
