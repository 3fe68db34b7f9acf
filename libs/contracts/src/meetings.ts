import { z } from 'zod';
import {
  categorySchema,
  meetingKindSchema,
  meetingStatusSchema,
  partySchema,
  slotAnswerSchema,
} from './enums';
import { taskDueDateSchema } from './tasks';

// Meetings (domain.md, "Meetings"): proposed times, invitees' answers, the fixed time and a
// calendar invitation; afterwards notes whose next steps can become tasks.

const withoutNul = (value: string): boolean => !value.includes('\u0000');
const meetingText = (max: number) =>
  z.string().max(max).refine(withoutNul, { message: 'must not contain NUL characters' });
const requiredMeetingText = (max: number) =>
  z.string().trim().min(1).max(max).refine(withoutNul, {
    message: 'must not contain NUL characters',
  });

/** At most this many proposed times per meeting. */
export const MAX_MEETING_SLOTS = 10;
/** A proposed time lasts at most this long. */
export const MAX_MEETING_SLOT_HOURS = 12;

/** An instant with its offset, inside a range a case can plausibly span. */
const meetingInstantSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 2000 && year <= 2199;
  },
  { message: 'must be between the years 2000 and 2199' },
);

export const meetingSlotInputSchema = z
  .strictObject({ start: meetingInstantSchema, end: meetingInstantSchema })
  .superRefine((slot, ctx) => {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (end <= start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'must be after start',
        params: { reason: 'END_BEFORE_START' },
      });
    } else if (end - start > MAX_MEETING_SLOT_HOURS * 3_600_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `a meeting lasts at most ${MAX_MEETING_SLOT_HOURS} hours`,
      });
    }
  });
export type MeetingSlotInput = z.infer<typeof meetingSlotInputSchema>;

const distinct = (list: readonly unknown[]): boolean => new Set(list).size === list.length;

/** 1–10 distinct proposed times. */
const proposedSlotsSchema = z
  .array(meetingSlotInputSchema)
  .min(1)
  .max(MAX_MEETING_SLOTS)
  .refine((slots) => distinct(slots.map((slot) => `${slot.start}/${slot.end}`)), {
    message: 'must not repeat a time',
  });

export const createMeetingRequestSchema = z.strictObject({
  kind: meetingKindSchema,
  title: requiredMeetingText(200),
  agenda: meetingText(4000).nullable().optional(),
  /** Participants of this workspace to invite; the organiser is invited automatically. */
  participantIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .refine(distinct, { message: 'must not repeat a participant' }),
  /** 1–10 proposed times. */
  slots: proposedSlotsSchema,
  location: meetingText(300).nullable().optional(),
  videoUrl: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain })
    .max(2000)
    .nullable()
    .optional(),
});
export type CreateMeetingRequest = z.infer<typeof createMeetingRequestSchema>;

export const meetingParamsSchema = z.strictObject({ id: z.uuid(), mid: z.uuid() });

export const recordResponseRequestSchema = z.strictObject({
  slotId: z.uuid(),
  answer: slotAnswerSchema,
});
export type RecordResponseRequest = z.infer<typeof recordResponseRequestSchema>;

export const scheduleMeetingRequestSchema = z.strictObject({ slotId: z.uuid() });
export type ScheduleMeetingRequest = z.infer<typeof scheduleMeetingRequestSchema>;

export const cancelMeetingRequestSchema = z.strictObject({
  reason: meetingText(1000).nullable().optional(),
});
export type CancelMeetingRequest = z.infer<typeof cancelMeetingRequestSchema>;

/**
 * Moves a meeting (POST …/move): new proposed times replace the old ones and everyone's
 * answers are reset. A booked (SCHEDULED) meeting is moved only with a reason, which
 * everyone invited sees (else 422 naming `reason`).
 */
export const moveMeetingRequestSchema = z.strictObject({
  slots: proposedSlotsSchema,
  reason: meetingText(1000).nullable().optional(),
});
export type MoveMeetingRequest = z.infer<typeof moveMeetingRequestSchema>;

/**
 * Opens a cancelled meeting again (POST …/reopen) with new proposed times: the old ones
 * have usually passed. It is proposed again and everyone answers anew.
 */
export const reopenMeetingRequestSchema = moveMeetingRequestSchema;
export type ReopenMeetingRequest = MoveMeetingRequest;

// ---------------------------------------------------------------------------------------
// A meeting as read
// ---------------------------------------------------------------------------------------

const personSchema = z.object({
  participantId: z.uuid(),
  name: z.string(),
  party: partySchema,
});

export const slotResponseSchema = personSchema.extend({
  answer: slotAnswerSchema,
  answeredAt: z.iso.datetime(),
});

export const meetingSlotSchema = z.object({
  id: z.uuid(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /**
   * Answers at a glance; `unanswered` counts the invitees who have not answered this slot,
   * the organiser not counted (they proposed it).
   */
  counts: z.object({
    yes: z.number().int(),
    no: z.number().int(),
    maybe: z.number().int(),
    unanswered: z.number().int(),
  }),
  /** Who answered what. */
  responses: z.array(slotResponseSchema),
  /** Who is still to answer this time (the invitees but the organiser, by name). */
  notAnswered: z.array(personSchema),
});

export const meetingSchema = z.object({
  id: z.uuid(),
  kind: meetingKindSchema,
  title: z.string(),
  agenda: z.string().nullable(),
  status: meetingStatusSchema,
  organiser: z.object({
    userId: z.uuid(),
    /** Null only if the organiser has since left the workspace. */
    participantId: z.uuid().nullable(),
    name: z.string(),
    party: partySchema,
  }),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  /** Proposed times, earliest first. */
  slots: z.array(meetingSlotSchema),
  /** Everyone invited, the organiser included. */
  invitees: z.array(personSchema.extend({ organisation: z.string().nullable() })),
  /** The fixed time once scheduled. */
  scheduledSlotId: z.uuid().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
  /**
   * The latest move (new proposed times) or reopening, with its reason and, for a meeting
   * that was booked, the time it was booked for; null if the times were never changed.
   */
  lastChange: z
    .object({
      kind: z.enum(['MOVED', 'REOPENED']),
      at: z.iso.datetime(),
      reason: z.string().nullable(),
      previousStart: z.iso.datetime().nullable(),
      previousEnd: z.iso.datetime().nullable(),
    })
    .nullable(),
  /**
   * What the caller may do with this meeting now, asked of the API's one policy (arrange)
   * and the meeting's status: the web shows a control only where this says true.
   */
  may: z.object({
    /** Cancel it (POST …/cancel): the caller may arrange it and it is not cancelled. */
    cancel: z.boolean(),
    /** Fix one of its proposed times, or another one (POST …/schedule). */
    schedule: z.boolean(),
    /** Propose new times, answers reset (POST …/move); a booked meeting needs a reason. */
    move: z.boolean(),
    /** Open it again with new times (POST …/reopen): the caller may arrange it and it is cancelled. */
    reopen: z.boolean(),
  }),
  /** The calendar invitation's SEQUENCE (RFC 5545): raised each time the time is fixed, the meeting moved, reopened or cancelled. */
  icsSequence: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MeetingView = z.infer<typeof meetingSchema>;

export const meetingListSchema = z.object({
  meetings: z.array(meetingSchema),
  /** MEETINGS when the caller's party sees only the meetings it organises or is invited to. */
  withheld: z.array(categorySchema),
});
export type MeetingList = z.infer<typeof meetingListSchema>;

// ---------------------------------------------------------------------------------------
// Meeting notes (protocol)
// ---------------------------------------------------------------------------------------

export const NOTE_CATEGORIES = ['MEETING_NOTES', 'MEDICAL'] as const;
export const noteCategorySchema = z.enum(NOTE_CATEGORIES);

/** The fields of a note a correction may change (all but its category). */
export const NOTE_CORRECTABLE_FIELDS = [
  'situation',
  'workCapacity',
  'rehabilitationNeeds',
  'decisions',
  'nextSteps',
  'attendeeParticipantIds',
] as const;
export type NoteCorrectableField = (typeof NOTE_CORRECTABLE_FIELDS)[number];

/** Who attended: participants invited to the meeting (else 422 naming the entry), each once. */
const noteAttendeesSchema = z
  .array(z.uuid())
  .max(50)
  .refine(distinct, { message: 'must not repeat a participant' });

export const nextStepInputSchema = z
  .strictObject({
    title: requiredMeetingText(200),
    assigneeParticipantId: z.uuid().optional(),
    assigneeParty: partySchema.optional(),
    dueDate: taskDueDateSchema.nullable().optional(),
    /** true: the step becomes a task in the same request, linked to the note and meeting. */
    createTask: z.boolean(),
  })
  .superRefine((step, ctx) => {
    if (step.createTask && !step.assigneeParticipantId && !step.assigneeParty) {
      ctx.addIssue({
        code: 'custom',
        path: ['assigneeParticipantId'],
        message: 'a step that becomes a task needs assigneeParticipantId or assigneeParty',
        params: { reason: 'ASSIGNEE_REQUIRED' },
      });
    }
  });
export type NextStepInput = z.infer<typeof nextStepInputSchema>;

export const createNoteRequestSchema = z.strictObject({
  situation: meetingText(8000).nullable().optional(),
  workCapacity: meetingText(8000).nullable().optional(),
  rehabilitationNeeds: meetingText(8000).nullable().optional(),
  decisions: z.array(requiredMeetingText(1000)).max(50).default([]),
  nextSteps: z.array(nextStepInputSchema).max(50).default([]),
  /** The note holds medical information: category MEDICAL instead of MEETING_NOTES. */
  medical: z.boolean().optional(),
  attendeeParticipantIds: noteAttendeesSchema.optional(),
});
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;

/**
 * A correction of a note (PATCH …/notes/:nid) by its author's party: `version` is the one
 * read (a stale one gets 409 NOTE_VERSION_CONFLICT naming who saved since); only the fields
 * sent change, so a field left out is never touched. The category (medical) is not
 * corrected: the earlier text stays under the rule it was written under. `nextSteps` are
 * the steps that have not become tasks, as they should now be, and new ones (createTask
 * makes a task as on creation); the steps that already became tasks are kept as they are
 * (their task is changed as a task). `reason` says why, and shows in the note's history.
 * A correction that changes nothing (no field sent, or each as it already is) saves nothing:
 * the note is answered as it stands, with no new version.
 */
export const correctNoteRequestSchema = z.strictObject({
  version: z.number().int().min(1),
  situation: meetingText(8000).nullable().optional(),
  workCapacity: meetingText(8000).nullable().optional(),
  rehabilitationNeeds: meetingText(8000).nullable().optional(),
  decisions: z.array(requiredMeetingText(1000)).max(50).optional(),
  nextSteps: z.array(nextStepInputSchema).max(50).optional(),
  attendeeParticipantIds: noteAttendeesSchema.optional(),
  reason: meetingText(1000).nullable().optional(),
});
export type CorrectNoteRequest = z.infer<typeof correctNoteRequestSchema>;

export const noteParamsSchema = z.strictObject({ id: z.uuid(), mid: z.uuid(), nid: z.uuid() });

export const nextStepSchema = z.object({
  title: z.string(),
  assigneeParticipantId: z.uuid().nullable(),
  assigneeParty: partySchema.nullable(),
  dueDate: z.iso.date().nullable(),
  /** The task the step became, if any. */
  taskId: z.uuid().nullable(),
});
export type NextStepView = z.infer<typeof nextStepSchema>;

export const meetingNoteSchema = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  author: z.object({ userId: z.uuid(), name: z.string(), party: partySchema }),
  category: noteCategorySchema,
  situation: z.string().nullable(),
  workCapacity: z.string().nullable(),
  rehabilitationNeeds: z.string().nullable(),
  decisions: z.array(z.string()),
  nextSteps: z.array(nextStepSchema),
  /** Who attended the meeting, as the note records it, by name. */
  attendees: z.array(personSchema),
  /** The latest correction (who, when, why); null for a note never corrected. */
  lastCorrection: z
    .object({
      by: z.object({ name: z.string(), party: partySchema }),
      at: z.iso.datetime(),
      reason: z.string().nullable(),
    })
    .nullable(),
  /**
   * What the caller may do with this note now, asked of the API's one policy: the web shows
   * a control only where this says true.
   */
  may: z.object({
    /** Correct it (PATCH …/notes/:nid): the caller's party wrote it and the case is open. */
    correct: z.boolean(),
  }),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MeetingNoteView = z.infer<typeof meetingNoteSchema>;

/**
 * One earlier version of a corrected note (GET …/notes/:nid/revisions): the fields as they
 * were at `version`, who saved that version and when, and the correction that replaced it.
 */
export const meetingNoteRevisionSchema = z.object({
  version: z.number().int(),
  situation: z.string().nullable(),
  workCapacity: z.string().nullable(),
  rehabilitationNeeds: z.string().nullable(),
  decisions: z.array(z.string()),
  nextSteps: z.array(nextStepSchema),
  attendees: z.array(personSchema),
  savedBy: z.object({ name: z.string(), party: partySchema }),
  savedAt: z.iso.datetime(),
  replacedBy: z.object({ name: z.string(), party: partySchema }),
  replacedAt: z.iso.datetime(),
  /** Why it was corrected, as the corrector wrote it. */
  reason: z.string().nullable(),
});
export type MeetingNoteRevisionView = z.infer<typeof meetingNoteRevisionSchema>;

export const meetingNoteRevisionListSchema = z.object({
  noteId: z.uuid(),
  /** The note's current version (the one GET …/notes shows). */
  currentVersion: z.number().int(),
  /** Earlier versions, newest first; empty for a note never corrected. */
  revisions: z.array(meetingNoteRevisionSchema),
});
export type MeetingNoteRevisionList = z.infer<typeof meetingNoteRevisionListSchema>;

export const meetingNoteListSchema = z.object({
  notes: z.array(meetingNoteSchema),
  /** MEETING_NOTES and/or MEDICAL when notes in them were left out for the caller's party. */
  withheld: z.array(categorySchema),
});
export type MeetingNoteList = z.infer<typeof meetingNoteListSchema>;

export const createdNoteSchema = z.object({
  note: meetingNoteSchema,
  /** The tasks made from next steps with createTask: true, in step order. */
  taskIds: z.array(z.uuid()),
});
export type CreatedNote = z.infer<typeof createdNoteSchema>;

/**
 * Before saving: which parties of the case a note, and each of its next steps, will reach
 * (`POST .../notes/reach` with the note as it would be saved). A step's task reaches its
 * assignee, the author's party, the patient and those the patient shares the note's
 * categories with; `assigneeMayRead` false means saving would be refused (422) because the
 * patient has not let the assignee read it.
 */
export const noteReachSchema = z.object({
  note: z.object({ parties: z.array(partySchema) }),
  nextSteps: z.array(
    z.object({
      /** Who will see the step: in the note only, or also as a task. */
      parties: z.array(partySchema),
      /** False when the step's assignee may not read its task (saving would be refused). */
      assigneeMayRead: z.boolean(),
    }),
  ),
});
export type NoteReach = z.infer<typeof noteReachSchema>;
