import { z } from 'zod';
import { partySchema } from './enums';
import { EVENT_TYPES } from './events';

/**
 * Every action the audit trail records: each change the event log records (same name), and
 * the reads, downloads, sign-ins and denials that change nothing.
 */
export const AUDIT_ACTIONS = [
  ...EVENT_TYPES,
  'auth.login',
  'workspace.listed',
  'workspace.read',
  'workspace.access',
  'consent.listed',
  'consent.granted',
  'consent.revoked',
  'access-log.read',
  'plan.read',
  'plan.revisions.read',
  'task.read',
  'meeting.read',
  'meeting.calendar.downloaded',
  'note.read',
  'note.reach.checked',
  'document.read',
  'document.downloaded',
  'event.read',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  who: z.object({ id: z.uuid().nullable(), name: z.string() }),
  organisation: z.string().nullable(),
  party: partySchema.nullable(),
  action: auditActionSchema,
  /** One sentence a patient understands: "Erik Lund, Solbacka kommun, läste planen". */
  textSv: z.string(),
  textEn: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

export const accessLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
