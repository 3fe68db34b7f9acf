import {
  type CancelMeetingRequest,
  type CorrectNoteRequest,
  createdNoteSchema,
  meetingNoteRevisionListSchema,
  meetingSchema,
  type MoveMeetingRequest,
  type ReopenMeetingRequest,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

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
