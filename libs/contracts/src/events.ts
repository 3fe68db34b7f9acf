import { z } from 'zod';
import { categorySchema, partySchema } from './enums';

/**
 * Every kind of change the event log records, dotted past tense. Clients switch over these
 * exhaustively; the API's one change writer accepts nothing else.
 */
export const EVENT_TYPES = [
  'workspace.created',
  'participant.invited',
  'participant.added',
  'participant.removed',
  'participant.handed-over',
  'invitation.approved',
  'invitation.withdrawn',
  'plan.updated',
  'plan.signed',
  'plan.not-needed.recorded',
  // The plan handed over to FK or care, its receipt acknowledged, FK asking for it (issue 17).
  'plan.handed-over',
  'plan.handover-acknowledged',
  'plan.requested',
  'task.created',
  'task.updated',
  'meeting.created',
  'meeting.response.recorded',
  'meeting.scheduled',
  'meeting.cancelled',
  // New proposed times for a meeting (answers reset), and a cancelled meeting opened again.
  'meeting.moved',
  'meeting.reopened',
  // Someone asks FK for an avstämningsmöte, and FK's answer (issue 15).
  'meeting.requested',
  'meeting.request-answered',
  'note.created',
  // A meeting note corrected by its author's party; the earlier text is kept (issue 15).
  'note.corrected',
  'document.uploaded',
  'document.deleted',
  'certificate.added',
  'case.facts-changed',
  'case.closed',
  'case.reopened',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

/**
 * One entry of a workspace's event log, as REST (`GET /events`) and the live socket
 * (`workspace:event`) deliver it. `data` holds only the changed item's id and version,
 * for the client to refetch through the same consent-filtered REST route.
 */
export const workspaceEventSchema = z.object({
  workspaceId: z.uuid(),
  seq: z.number().int().positive(),
  type: eventTypeSchema,
  category: categorySchema.nullable(),
  at: z.iso.datetime(),
  actor: z.object({
    userId: z.uuid().nullable(),
    name: z.string().nullable(),
    party: partySchema.nullable(),
  }),
  data: z.record(z.string(), z.unknown()),
});
export type WorkspaceEventView = z.infer<typeof workspaceEventSchema>;

export const eventsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

export const eventsPageSchema = z.object({
  events: z.array(workspaceEventSchema),
  /** Categories the caller's party has not been granted: events in them were left out. */
  withheld: z.array(categorySchema),
  /** True when more visible events follow; ask again with after = the last seq. */
  more: z.boolean(),
});
export type EventsPage = z.infer<typeof eventsPageSchema>;
