import {
  type CancelMeetingRequest,
  type CorrectNoteRequest,
  type CreatedNote,
  createdNoteSchema,
  type CreateMeetingRequest,
  type CreateNoteRequest,
  meetingNoteRevisionListSchema,
  meetingSchema,
  type MeetingView,
  type MoveMeetingRequest,
  type RecordResponseRequest,
  type ReopenMeetingRequest,
  type ScheduleMeetingRequest,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { useAnswerMeetingRequest } from './meeting-requests';
import { keys } from './queries';

/** A new meeting, and the request for an avstämningsmöte it is arranged for, if any. */
export interface NewMeeting {
  body: CreateMeetingRequest;
  /** The request it accepts once proposed (only an avstämningsmöte does). */
  requestId: string | null;
}

/** What came of a new meeting: the meeting, and the request's refusal, if it was refused. */
export interface CreatedMeeting {
  created: MeetingView;
  answered: unknown;
}

/**
 * Proposes a meeting (POST …/meetings) and, when it is an avstämningsmöte arranged for FK's
 * request, accepts that request naming it (useAnswerMeetingRequest, which refreshes the
 * requests and FK's task). A refused answer does not undo the meeting: it is proposed, the
 * request stays open, and `answered` says why. The meetings are refreshed before `onSuccess`
 * (the caller's own view; the others follow the live `meeting.created` event).
 */
export function useCreateMeeting(
  workspaceId: string,
  handlers: {
    onSuccess?: (result: CreatedMeeting) => Promise<void> | void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  const accept = useAnswerMeetingRequest(workspaceId);
  return useMutation({
    mutationFn: async ({ body, requestId }: NewMeeting): Promise<CreatedMeeting> => {
      const created = await api(`/workspaces/${workspaceId}/meetings`, meetingSchema, {
        method: 'POST',
        body,
      });
      if (requestId !== null && created.kind === 'AVSTAMNINGSMOTE') {
        try {
          await accept.mutateAsync({ id: requestId, decision: 'ACCEPTED', meetingId: created.id });
        } catch (error) {
          // The meeting is proposed; the request stays open and says so.
          return { created, answered: error };
        }
      }
      return { created, answered: null };
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: keys.meetings(workspaceId) });
      await handlers.onSuccess?.(result);
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/** POSTs one of a meeting's changes and refreshes the meetings (the caller's own view). */
function useMeetingChange<Request>(workspaceId: string, meetingId: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Request) =>
      api(`/workspaces/${workspaceId}/meetings/${meetingId}/${path}`, meetingSchema, {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.meetings(workspaceId) }),
  });
}

/** An invitee's answer for one proposed time (POST …/responses {slotId, answer}). */
export function useAnswerSlot(workspaceId: string, meetingId: string) {
  return useMeetingChange<RecordResponseRequest>(workspaceId, meetingId, 'responses');
}

/** Books the meeting at one of its proposed times (POST …/schedule), where `may.schedule`. */
export function useScheduleMeeting(workspaceId: string, meetingId: string) {
  return useMeetingChange<ScheduleMeetingRequest>(workspaceId, meetingId, 'schedule');
}

/**
 * Cancels a meeting (POST …/cancel, with an optional reason). The API asks its policy; the
 * web offers it only where the meeting's `may.cancel` says so. Everyone else's view follows
 * through the live `meeting.cancelled` event.
 */
export function useCancelMeeting(workspaceId: string, meetingId: string) {
  return useMeetingChange<CancelMeetingRequest>(workspaceId, meetingId, 'cancel');
}

/**
 * Moves a meeting (POST …/move): new proposed times, everyone's answers reset; a booked
 * meeting needs a reason (422 naming `reason` otherwise). Offered where `may.move` says so;
 * the others see it through the live `meeting.moved` event.
 */
export function useMoveMeeting(workspaceId: string, meetingId: string) {
  return useMeetingChange<MoveMeetingRequest>(workspaceId, meetingId, 'move');
}

/** Opens a cancelled meeting again with new times (POST …/reopen), where `may.reopen` says so. */
export function useReopenMeeting(workspaceId: string, meetingId: string) {
  return useMeetingChange<ReopenMeetingRequest>(workspaceId, meetingId, 'reopen');
}

/**
 * Corrects a note (PATCH …/notes/:nid) with the version read and only the fields changed;
 * offered where the note's `may.correct` says so. A stale version answers 409
 * NOTE_VERSION_CONFLICT (with `savedBy`); everyone else follows through `note.corrected`.
 */
export function useCorrectNote(workspaceId: string, meetingId: string, noteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CorrectNoteRequest) =>
      api(`/workspaces/${workspaceId}/meetings/${meetingId}/notes/${noteId}`, createdNoteSchema, {
        method: 'PATCH',
        body: request,
      }),
    // The notes and their history live under the meetings' key; new steps may be tasks.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.meetings(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
    },
  });
}

/**
 * Writes a meeting's notes (POST …/notes); next steps marked so become tasks. `onCreated`
 * runs first (the view says how many tasks), then the notes and the tasks are refreshed (the
 * steps' new tasks), then `onSuccess`.
 */
export function useCreateNote(
  workspaceId: string,
  meetingId: string,
  handlers: {
    onCreated?: (created: CreatedNote) => void;
    onSuccess?: () => void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNoteRequest) =>
      api(`/workspaces/${workspaceId}/meetings/${meetingId}/notes`, createdNoteSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: async (created) => {
      handlers.onCreated?.(created);
      await queryClient.invalidateQueries({ queryKey: keys.notes(workspaceId, meetingId) });
      await queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
      handlers.onSuccess?.();
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/** A note's earlier versions (GET …/notes/:nid/revisions), asked for when shown. */
export function useNoteRevisions(
  workspaceId: string,
  meetingId: string,
  noteId: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...keys.notes(workspaceId, meetingId), noteId, 'revisions'],
    queryFn: () =>
      api(
        `/workspaces/${workspaceId}/meetings/${meetingId}/notes/${noteId}/revisions`,
        meetingNoteRevisionListSchema,
      ),
    enabled,
  });
}

/** The fields of a note a correction may send (all but its version and reason). */
export type NoteDraft = Required<Omit<CorrectNoteRequest, 'version' | 'reason'>>;

/**
 * Only the fields of a correction that differ between the note as the form opened it and
 * as it is now (so a field left alone is never sent, and never overwritten); `null` when
 * nothing differs. Who attended is compared as a set.
 */
export function changedNoteFields(
  initial: NoteDraft,
  current: NoteDraft,
): Partial<NoteDraft> | null {
  const changed: Partial<NoteDraft> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const field of ['situation', 'workCapacity', 'rehabilitationNeeds'] as const) {
    if (current[field] !== initial[field]) changed[field] = current[field];
  }
  if (!same(current.decisions, initial.decisions)) changed.decisions = current.decisions;
  if (!same(current.nextSteps, initial.nextSteps)) changed.nextSteps = current.nextSteps;
  const ids = (list: readonly string[]) => [...list].sort();
  if (!same(ids(current.attendeeParticipantIds), ids(initial.attendeeParticipantIds))) {
    changed.attendeeParticipantIds = current.attendeeParticipantIds;
  }
  return Object.keys(changed).length > 0 ? changed : null;
}

/** A datetime-local value ('2026-03-01T09:00') in the browser's zone → ISO with offset. */
export const toInstant = (local: string): string => {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
};

/** Next weekday at `hour`, `days` ahead, as a datetime-local value. */
export function suggestion(days: number, hour: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  while (date.getDay() === 0 || date.getDay() === 6) date.setDate(date.getDate() + 1);
  date.setHours(hour, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}
