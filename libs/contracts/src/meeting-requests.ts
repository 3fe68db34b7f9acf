import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './common';
import { partySchema } from './enums';

// Asking Försäkringskassan for an avstämningsmöte (issue 15, item 1). FK calls an
// avstämningsmöte and decides whether it is held; others (the person herself, the doctor or
// the care unit's rehabilitation coordinator, the employer) may ask for one (domain.md,
// "Meetings"). A request is a task for FK that closes when FK answers it: accepted (with the
// avstämningsmöte FK arranged for it, when there is one) or declined with a message.

const withoutNul = (value: string): boolean => !value.includes('\u0000');
const requiredText = (max: number) =>
  z.string().trim().min(1).max(max).refine(withoutNul, {
    message: 'must not contain NUL characters',
  });
const optionalText = (max: number) =>
  z.string().trim().max(max).refine(withoutNul, { message: 'must not contain NUL characters' });

/** A day inside a range a case can plausibly span. */
const preferredDaySchema = isoDateSchema.refine(
  (value) => value >= '2000-01-01' && value <= '2199-12-31',
  { message: 'must be between 2000-01-01 and 2199-12-31' },
);

/** The parties that may ask (the database holds the requests to these, too). */
export const MEETING_REQUEST_PARTIES = ['PATIENT', 'CARE', 'EMPLOYER'] as const;

export const MEETING_REQUEST_DECISIONS = ['ACCEPTED', 'DECLINED'] as const;
export const meetingRequestDecisionSchema = z.enum(MEETING_REQUEST_DECISIONS);
export type MeetingRequestDecision = z.infer<typeof meetingRequestDecisionSchema>;

/** POST /workspaces/:id/meeting-requests. */
export const createMeetingRequestRequestSchema = z
  .strictObject({
    /** Why a meeting is needed, in the asker's words (seen by FK, and by consent by others). */
    reason: requiredText(2000),
    /** What the meeting should take up. */
    topics: optionalText(2000).nullable().optional(),
    /** The period the asker would like the meeting in. */
    preferredFrom: preferredDaySchema.nullable().optional(),
    preferredTo: preferredDaySchema.nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.preferredFrom && value.preferredTo && value.preferredTo < value.preferredFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['preferredTo'],
        message: 'must not be before preferredFrom',
        params: { reason: 'END_BEFORE_START' },
      });
    }
  });
export type CreateMeetingRequestRequest = z.infer<typeof createMeetingRequestRequestSchema>;

/**
 * POST /workspaces/:id/meeting-requests/:rid/answer: FK's answer. A decline needs a
 * `message` (422 naming it otherwise); `meetingId`, when given, is the avstämningsmöte FK
 * arranged for the request (an AVSTAMNINGSMOTE of this case, else 422 naming it).
 */
export const answerMeetingRequestRequestSchema = z.strictObject({
  decision: meetingRequestDecisionSchema,
  message: optionalText(2000).nullable().optional(),
  meetingId: uuidSchema.nullable().optional(),
});
export type AnswerMeetingRequestRequest = z.infer<typeof answerMeetingRequestRequestSchema>;

export const meetingRequestParamsSchema = z.strictObject({ id: uuidSchema, rid: uuidSchema });

const personSchema = z.object({ name: z.string(), party: partySchema });

export const meetingRequestSchema = z.object({
  id: z.uuid(),
  requestedAt: z.iso.datetime(),
  requestedBy: personSchema,
  reason: z.string(),
  topics: z.string().nullable(),
  preferredFrom: isoDateSchema.nullable(),
  preferredTo: isoDateSchema.nullable(),
  /** When FK is to have answered (its task's due date). */
  dueDate: isoDateSchema,
  /** FK's task; null for a reader other than FK and the patient. */
  taskId: z.uuid().nullable(),
  /** OPEN until FK answers. */
  status: z.enum(['OPEN', ...MEETING_REQUEST_DECISIONS]),
  answer: z
    .object({
      decision: meetingRequestDecisionSchema,
      message: z.string().nullable(),
      answeredAt: z.iso.datetime(),
      answeredBy: personSchema,
      /** The avstämningsmöte arranged for it; null when none is named. */
      meetingId: z.uuid().nullable(),
    })
    .nullable(),
  may: z.object({
    /** The caller may answer it now (FK's case officer, while it is open). */
    answer: z.boolean(),
  }),
});
export type MeetingRequestView = z.infer<typeof meetingRequestSchema>;

/** GET /workspaces/:id/meeting-requests: the requests the caller may see, newest first. */
export const meetingRequestListSchema = z.object({
  requests: z.array(meetingRequestSchema),
  /** Whether FK takes part in the case (nobody can ask it otherwise). */
  fkTakesPart: z.boolean(),
  /** The caller's own party's open request, if there is one (one at a time). */
  ownOpenRequestId: z.uuid().nullable(),
});
export type MeetingRequestList = z.infer<typeof meetingRequestListSchema>;
