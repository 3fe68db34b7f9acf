import type { Category, NotificationKind, Party } from '@atergang/contracts';
import { formatMoment } from '../mail/mail-text';
import type { MailLanguage } from '../mail/mail.types';

// What a notification says, in the bell and in e-mail alike: one plain sentence per kind
// (klarspråk, "du" to the reader). Built only from the parameters a notification stores,
// which never hold health data (no diagnosis, measure, note or task text); what the reader
// may read of the item itself (a task's title) is the list's `detail`, never in e-mail.

/** The facts a notification keeps for its text; identifiers besides these are for links. */
export interface NotificationParams {
  readonly dueDate?: string;
  readonly start?: string;
  readonly milestoneTitleSv?: string;
  readonly milestoneTitleEn?: string;
  readonly milestoneDate?: string;
  readonly milestoneDay?: number;
  readonly legalSource?: string;
  readonly party?: Party;
  readonly categories?: readonly Category[];
  readonly organisationName?: string;
  /** The patient is asked to approve another party (invitation.received). */
  readonly forApproval?: boolean;
  readonly planVersion?: number;
  /** meeting.changed by a move: new times are proposed (no fixed time yet). */
  readonly newTimes?: boolean;
  /** meeting.changed by a move: the time it was booked for before. */
  readonly previousStart?: string;
  /** meeting.request-answered: FK's decision (its message stays in the case, never here). */
  readonly decision?: 'ACCEPTED' | 'DECLINED';
}

const CATEGORY_LABELS: Readonly<Record<MailLanguage, Readonly<Record<Category, string>>>> = {
  sv: {
    PLAN: 'planen',
    TASKS: 'uppgifterna',
    MEETINGS: 'mötena',
    MEETING_NOTES: 'mötesanteckningarna',
    DOCUMENTS: 'dokumenten',
    MEDICAL: 'de medicinska uppgifterna',
  },
  en: {
    PLAN: 'the plan',
    TASKS: 'the tasks',
    MEETINGS: 'the meetings',
    MEETING_NOTES: 'the meeting notes',
    DOCUMENTS: 'the documents',
    MEDICAL: 'the medical information',
  },
};

const DATE_FORMAT: Readonly<Record<MailLanguage, Intl.DateTimeFormat>> = {
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar day 'YYYY-MM-DD' as "3 december 2026". */
function formatDay(isoDate: string | undefined, language: MailLanguage): string {
  if (!isoDate) return '';
  return DATE_FORMAT[language].format(new Date(`${isoDate}T00:00:00.000Z`));
}

function formatStart(start: string | undefined, language: MailLanguage): string {
  return start ? formatMoment(new Date(start), language) : '';
}

function list(items: readonly string[], language: MailLanguage): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'sv' ? 'och' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

function categories(params: NotificationParams, language: MailLanguage): string {
  return list(
    (params.categories ?? []).map((category) => CATEGORY_LABELS[language][category]),
    language,
  );
}

type Headline = (params: NotificationParams, language: MailLanguage) => string;

const HEADLINES: Readonly<Record<NotificationKind, Readonly<Record<MailLanguage, Headline>>>> = {
  'task.assigned': {
    sv: () => 'Du har fått en ny uppgift.',
    en: () => 'You have a new task.',
  },
  'task.due-soon': {
    sv: (p) => `En uppgift ska vara klar i morgon, ${formatDay(p.dueDate, 'sv')}.`,
    en: (p) => `A task is due tomorrow, ${formatDay(p.dueDate, 'en')}.`,
  },
  'task.overdue': {
    sv: (p) => `En uppgift skulle ha varit klar ${formatDay(p.dueDate, 'sv')}.`,
    en: (p) => `A task was due on ${formatDay(p.dueDate, 'en')}.`,
  },
  'rehab.deadline-coming': {
    sv: (p) =>
      `${p.milestoneTitleSv ?? 'En tidsgräns'}: senast ${formatDay(p.milestoneDate, 'sv')} ` +
      `(dag ${p.milestoneDay ?? ''}). Enligt ${p.legalSource ?? 'lagen'}.`,
    en: (p) =>
      `${p.milestoneTitleEn ?? 'A deadline'}: by ${formatDay(p.milestoneDate, 'en')} ` +
      `(day ${p.milestoneDay ?? ''}). Under ${p.legalSource ?? 'the law'}.`,
  },
  'meeting.proposed': {
    sv: () => 'Du är inbjuden till ett möte. Svara vilka tider som passar dig.',
    en: () => 'You are invited to a meeting. Say which times suit you.',
  },
  'meeting.answers-complete': {
    sv: () => 'Alla har svarat på ditt mötesförslag. Nu kan du bestämma tiden.',
    en: () => 'Everyone has answered your meeting proposal. You can now fix the time.',
  },
  'meeting.scheduled': {
    sv: (p) => `Mötet är bestämt till ${formatStart(p.start, 'sv')}.`,
    en: (p) => `The meeting is fixed for ${formatStart(p.start, 'en')}.`,
  },
  'meeting.changed': {
    sv: (p) =>
      p.newTimes
        ? `${p.previousStart ? `Mötet ${formatStart(p.previousStart, 'sv')} flyttas` : 'Mötet flyttas'}: nya tider föreslås. Svara vilka som passar dig.`
        : `Mötet är flyttat till ${formatStart(p.start, 'sv')}.`,
    en: (p) =>
      p.newTimes
        ? `${p.previousStart ? `The meeting on ${formatStart(p.previousStart, 'en')} is moving` : 'The meeting is moving'}: new times are proposed. Say which suit you.`
        : `The meeting has moved to ${formatStart(p.start, 'en')}.`,
  },
  'meeting.cancelled': {
    sv: (p) =>
      p.start ? `Mötet ${formatStart(p.start, 'sv')} är inställt.` : 'Ett möte är inställt.',
    en: (p) =>
      p.start
        ? `The meeting on ${formatStart(p.start, 'en')} is cancelled.`
        : 'A meeting is cancelled.',
  },
  'meeting.reminder': {
    sv: (p) => `Påminnelse: du har ett möte i morgon, ${formatStart(p.start, 'sv')}.`,
    en: (p) => `Reminder: you have a meeting tomorrow, ${formatStart(p.start, 'en')}.`,
  },
  'meeting.request-answered': {
    sv: (p) =>
      p.decision === 'DECLINED'
        ? 'Försäkringskassan har avböjt ditt önskemål om avstämningsmöte. Läs varför under Möten.'
        : 'Försäkringskassan har sagt ja till ditt önskemål om avstämningsmöte.',
    en: (p) =>
      p.decision === 'DECLINED'
        ? 'Försäkringskassan has declined your request for an avstämningsmöte. See why under Meetings.'
        : 'Försäkringskassan has said yes to your request for an avstämningsmöte.',
  },
  'consent.granted': {
    sv: (p) => `Du kan nu se ${categories(p, 'sv')} i ärendet.`,
    en: (p) => `You can now see ${categories(p, 'en')} in the case.`,
  },
  'consent.revoked': {
    sv: (p) => `Du kan inte längre se ${categories(p, 'sv')} i ärendet.`,
    en: (p) => `You can no longer see ${categories(p, 'en')} in the case.`,
  },
  'plan.signoff-requested': {
    sv: () => 'Planen är fastställd och väntar på ditt svar: håller du med om den?',
    en: () => 'The plan is established and waits for your answer: do you agree with it?',
  },
  'document.added': {
    sv: () => 'Ett nytt dokument har lagts till.',
    en: () => 'A new document has been added.',
  },
  'invitation.received': {
    sv: (p) =>
      p.forApproval
        ? `${p.organisationName ?? 'En organisation'} vill delta i ditt ärende. Godkänn eller säg nej.`
        : `Du är inbjuden att delta i ett ärende för ${p.organisationName ?? 'din organisation'}.`,
    en: (p) =>
      p.forApproval
        ? `${p.organisationName ?? 'An organisation'} asks to take part in your case. Approve or decline.`
        : `You are invited to take part in a case for ${p.organisationName ?? 'your organisation'}.`,
  },
};

/** The sentence a notification says, in the reader's language. */
export function notificationHeadline(
  kind: NotificationKind,
  params: NotificationParams,
  language: MailLanguage,
): string {
  return HEADLINES[kind][language](params, language);
}

/** A case as the bell names it: "Ditt ärende" to the patient, her name to the others. */
export function caseLabelInApp(
  patientName: string,
  readerIsPatient: boolean,
  language: MailLanguage,
): string {
  if (readerIsPatient) return language === 'sv' ? 'Ditt ärende' : 'Your case';
  return patientName;
}

/**
 * A case as e-mail names it: a mailbox is often read by others, so the person's first name
 * and initial only ("Anna A."), enough for the reader to know which case, and never why.
 */
export function caseLabelInMail(
  patientName: string,
  readerIsPatient: boolean,
  language: MailLanguage,
): string {
  if (readerIsPatient) return language === 'sv' ? 'Ditt ärende' : 'Your case';
  const [first = '', ...rest] = patientName.trim().split(/\s+/);
  const initial = rest.at(-1)?.charAt(0);
  const short = initial ? `${first} ${initial}.` : first;
  return language === 'sv' ? `Ärendet för ${short}` : `The case of ${short}`;
}
