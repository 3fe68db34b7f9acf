import type {
  CancelMeetingRequest,
  MeetingView,
  MoveMeetingRequest,
  ReopenMeetingRequest,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

/** POSTs one of a meeting's changes and refreshes the meetings (the caller's own view). */
function useMeetingChange<Request>(workspaceId: string, meetingId: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Request) =>
      api<MeetingView>(`/workspaces/${workspaceId}/meetings/${meetingId}/${path}`, {
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
