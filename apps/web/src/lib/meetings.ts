import type { CancelMeetingRequest, MeetingView } from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

/**
 * Cancels a meeting (POST …/cancel, with an optional reason). The API asks its policy; the
 * web offers it only where the meeting's `may.cancel` says so. Everyone else's view follows
 * through the live `meeting.cancelled` event.
 */
export function useCancelMeeting(workspaceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CancelMeetingRequest) =>
      api<MeetingView>(`/workspaces/${workspaceId}/meetings/${meetingId}/cancel`, {
        method: 'POST',
        body: request,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.meetings(workspaceId) }),
  });
}
