import type { NotificationDelivery, NotificationKind, QuietHours } from '@atergang/contracts';

/** What a notification is about: the row whose visibility decides whether it may be sent. */
export type NotificationSubjectType =
  | 'Task'
  | 'Meeting'
  | 'MeetingRequest'
  | 'Document'
  | 'Plan'
  | 'Consent'
  | 'Milestone'
  | 'Invitation';

/** The web client's page of a case a kind links to (apps/web/src/app.tsx routes under /w/:id). */
export type CasePage = 'tasks' | 'meetings' | 'plan' | 'documents' | 'consents' | 'deltagare' | '';

export interface NotificationKindSpec {
  readonly subjectType: NotificationSubjectType;
  readonly page: CasePage;
  /**
   * Whether the kind may be e-mailed at all. An invitation is not: its own message (with the
   * link to accept) was already sent by the invitation itself.
   */
  readonly email: boolean;
  /** The meeting's .ics goes with the e-mail. */
  readonly calendar?: boolean;
}

export const NOTIFICATION_KIND_SPECS: Readonly<Record<NotificationKind, NotificationKindSpec>> = {
  'task.assigned': { subjectType: 'Task', page: 'tasks', email: true },
  'task.due-soon': { subjectType: 'Task', page: 'tasks', email: true },
  'task.overdue': { subjectType: 'Task', page: 'tasks', email: true },
  'rehab.deadline-coming': { subjectType: 'Milestone', page: '', email: true },
  'meeting.proposed': { subjectType: 'Meeting', page: 'meetings', email: true },
  'meeting.answers-complete': { subjectType: 'Meeting', page: 'meetings', email: true },
  'meeting.scheduled': { subjectType: 'Meeting', page: 'meetings', email: true, calendar: true },
  'meeting.changed': { subjectType: 'Meeting', page: 'meetings', email: true, calendar: true },
  'meeting.cancelled': { subjectType: 'Meeting', page: 'meetings', email: true, calendar: true },
  'meeting.reminder': { subjectType: 'Meeting', page: 'meetings', email: true },
  'meeting.request-answered': { subjectType: 'MeetingRequest', page: 'meetings', email: true },
  'consent.granted': { subjectType: 'Consent', page: '', email: true },
  'consent.revoked': { subjectType: 'Consent', page: '', email: true },
  'plan.signoff-requested': { subjectType: 'Plan', page: 'plan', email: true },
  'document.added': { subjectType: 'Document', page: 'documents', email: true },
  'invitation.received': { subjectType: 'Invitation', page: 'deltagare', email: false },
};

/** The e-mail settings of someone who has chosen none. */
export interface NotificationDefaults {
  readonly kinds: Readonly<Record<NotificationKind, NotificationDelivery>>;
  readonly digestHour: number;
  readonly quietHours: QuietHours | null;
}

/**
 * Staff (anyone an organisation lists) get what asks them to act at once, and what is only
 * news in the morning digest.
 */
const STAFF_DEFAULTS: NotificationDefaults = {
  kinds: {
    'task.assigned': 'IMMEDIATE',
    'task.due-soon': 'IMMEDIATE',
    'task.overdue': 'IMMEDIATE',
    'rehab.deadline-coming': 'IMMEDIATE',
    'meeting.proposed': 'IMMEDIATE',
    'meeting.answers-complete': 'IMMEDIATE',
    'meeting.scheduled': 'IMMEDIATE',
    'meeting.changed': 'IMMEDIATE',
    'meeting.cancelled': 'IMMEDIATE',
    'meeting.reminder': 'IMMEDIATE',
    'meeting.request-answered': 'IMMEDIATE',
    'consent.granted': 'DAILY',
    'consent.revoked': 'IMMEDIATE',
    'plan.signoff-requested': 'IMMEDIATE',
    'document.added': 'DAILY',
    'invitation.received': 'IMMEDIATE',
  },
  digestHour: 8,
  quietHours: { from: 20, until: 7 },
};

/**
 * The person on sick leave is spared: one message a day in the late afternoon, except for
 * what concerns a meeting she is to attend (a time to answer, fixed, moved or cancelled, and
 * the day before), and no e-mail in the evening or at night.
 */
const PATIENT_DEFAULTS: NotificationDefaults = {
  kinds: {
    ...STAFF_DEFAULTS.kinds,
    'task.assigned': 'DAILY',
    'task.due-soon': 'DAILY',
    'task.overdue': 'DAILY',
    'rehab.deadline-coming': 'OFF',
    'meeting.answers-complete': 'DAILY',
    'consent.granted': 'OFF',
    'consent.revoked': 'OFF',
    'plan.signoff-requested': 'DAILY',
    'document.added': 'DAILY',
  },
  digestHour: 17,
  quietHours: { from: 19, until: 9 },
};

/** The defaults of a person: staff when an organisation lists them, else the patient's. */
export function notificationDefaults(isStaff: boolean): NotificationDefaults {
  return isStaff ? STAFF_DEFAULTS : PATIENT_DEFAULTS;
}
