import { z } from 'zod';
import { auditOutcomeSchema, consentPartySchema, partySchema } from './enums';
import { EVENT_TYPES } from './events';

/**
 * Every action the audit trail records: each change the event log records (same name), and
 * the reads, downloads, sign-ins and denials that change nothing.
 */
export const AUDIT_ACTIONS = [
  ...EVENT_TYPES,
  'auth.login',
  // The account's own sessions and password (the person's trail, no workspace).
  'auth.logout',
  'auth.logout-everywhere',
  'auth.password-changed',
  'auth.password-reset-requested',
  'auth.password-reset-completed',
  'workspace.listed',
  'workspace.read',
  'workspace.access',
  'consent.listed',
  'consent.granted',
  'consent.revoked',
  'access-log.read',
  'plan.read',
  'plan.revisions.read',
  // The plan as a PDF (issue 17): the same consent-filtered plan, downloaded as a document.
  'plan.pdf.downloaded',
  // The hand-overs of the plan (to FK, to care) and FK's requests, and a handed-over version's PDF.
  'plan.handovers.read',
  'plan.handover.downloaded',
  // The case as a FHIR R4 Bundle of what the caller may see (issue 17); each part's own read
  // is audited by its feature as well.
  'fhir.read',
  // The patient's own copy of her whole case (GDPR art. 15 and 20), as PDF or FHIR JSON.
  'case.exported',
  'task.read',
  'meeting.read',
  // The requests for an avstämningsmöte the caller may see (issue 15).
  'meeting.requests.read',
  'meeting.calendar.downloaded',
  'note.read',
  'note.reach.checked',
  // The earlier versions of a corrected meeting note (issue 15).
  'note.revisions.read',
  'document.read',
  'document.downloaded',
  'event.read',
  'certificate.read',
  'certificate.read-withheld',
  'case.timeline.read',
  'case.follow-up-requested',
  // A read whose answer held nothing but the "withheld" markers: the caller asked and saw
  // nothing, so the patient is told it was tried, not that it was read.
  'plan.read-withheld',
  'task.read-withheld',
  'meeting.read-withheld',
  'note.read-withheld',
  'document.read-withheld',
  // Following the case live (socket join, with its catch-up): changes reached the caller as
  // they happened (their ids; the content is read, and audited, through REST).
  'live.joined',
  // Opening a case for a person (no workspace yet: the opener's own trail) and her answer.
  'case-opening.requested',
  'case-opening.listed',
  'case-opening.withdrawn',
  'case-opening.looked-up',
  'case-opening.accepted',
  'case-opening.declined',
  'invitation.listed',
  // An organisation's own records (issue 12): its staff, roles and invitations to join it
  // (the organisation's trail, no workspace; a case handed over is 'participant.handed-over').
  'organisation.created',
  'organisation.access',
  'staff.listed',
  'colleagues.listed',
  'account-invitation.listed',
  'account-invitation.created',
  'account-invitation.revoked',
  'account-invitation.looked-up',
  'account-invitation.accepted',
  'account.created',
  'membership.roles-changed',
  'membership.deactivated',
  // Follow-up statistics of an organisation (issue 18): aggregates only, but every read is
  // on the organisation's trail.
  'statistics.read',
  // Notifications (issue 13): the bell's list showed what a case's items are called (one row
  // per case, in its patient's log), one was sent by e-mail, and a person's own settings.
  'notification.listed',
  'notification.mailed',
  'notification.preferences-changed',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  /** The same instant as `at`, under the contract's name. */
  when: z.iso.datetime(),
  who: z.object({ id: z.uuid().nullable(), name: z.string() }),
  organisation: z.string().nullable(),
  party: partySchema.nullable(),
  action: auditActionSchema,
  /** DENIED: the attempt was refused (and is shown as such). */
  outcome: auditOutcomeSchema,
  /** What was touched: a kind of thing and, for a single item, its id. */
  what: z.object({ type: z.string(), id: z.string().nullable() }),
  /** One sentence a patient understands: "Erik Lund, Solbacka kommun, tittade på planen". */
  textSv: z.string(),
  textEn: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

/**
 * A position in the log, newest first: the (at, id) of the last entry or group a page
 * showed. Opaque to clients (base64url of "<ISO instant>|<row id>").
 */
export interface AccessLogPosition {
  readonly at: Date;
  readonly id: bigint;
}

export function encodeAccessLogCursor(position: AccessLogPosition): string {
  const text = `${position.at.toISOString()}|${position.id.toString()}`;
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function decodeAccessLogCursor(cursor: string): AccessLogPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,19})$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const at = new Date(match[1]);
  if (Number.isNaN(at.getTime())) return null;
  return { at, id: BigInt(match[2]) };
}

const accessLogCursorSchema = z.string().transform((cursor, ctx) => {
  const position = decodeAccessLogCursor(cursor);
  if (!position) {
    ctx.addIssue({ code: 'custom', message: 'Not a cursor this log gave out.' });
    return z.NEVER;
  }
  return position;
});

export const accessLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** `nextCursor` (or the Link header's next) of the page before. */
  cursor: accessLogCursorSchema.optional(),
  /** Only what people of this party did. */
  party: consentPartySchema.optional(),
});
export type AccessLogQuery = z.output<typeof accessLogQuerySchema>;

/**
 * What one person did of one kind on one day (Europe/Stockholm): "Maria Lindqvist
 * (Solbacka kommun) tittade på planen 3 gånger", so a page visit's many rows are one line
 * and hours of history fit a few pages.
 */
export const accessLogGroupSchema = z.object({
  who: z.object({ id: z.uuid().nullable(), name: z.string() }),
  organisation: z.string().nullable(),
  party: partySchema.nullable(),
  action: auditActionSchema,
  outcome: auditOutcomeSchema,
  /** The calendar day in Sweden, YYYY-MM-DD. */
  day: z.iso.date(),
  count: z.number().int().positive(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
  textSv: z.string(),
  textEn: z.string(),
});
export type AccessLogGroup = z.infer<typeof accessLogGroupSchema>;

export const accessLogSummarySchema = z.object({
  groups: z.array(accessLogGroupSchema),
  /** Pass as `cursor` for the next (older) page; null: this was the oldest. */
  nextCursor: z.string().nullable(),
});
export type AccessLogSummary = z.infer<typeof accessLogSummarySchema>;
