import {
  type AnswerMeetingRequestRequest,
  type CreateMeetingRequestRequest,
  meetingRequestListSchema,
  meetingRequestSchema,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

// Asking FK for an avstämningsmöte, and FK's answer (issue 15): the query and its
// mutations. The requests live under the meetings' key, so the live connection's
// meeting.requested and meeting.request-answered (lib/live.ts) refetch them.

export const useMeetingRequests = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: keys.meetingRequests(workspaceId),
    queryFn: () => api(`/workspaces/${workspaceId}/meeting-requests`, meetingRequestListSchema),
    enabled,
  });

/** What a request or an answer makes stale here: the requests and FK's task. */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: keys.meetingRequests(workspaceId) });
    await queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
  };
}

/** Asks FK for an avstämningsmöte (offered where `meeting-request:create` says so). */
export function useAskForMeeting(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateMeetingRequestRequest) =>
      api(`/workspaces/${workspaceId}/meeting-requests`, meetingRequestSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

/** FK's answer: accepted (with the meeting arranged for it) or declined with a message. */
export function useAnswerMeetingRequest(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ id, ...body }: AnswerMeetingRequestRequest & { id: string }) =>
      api(`/workspaces/${workspaceId}/meeting-requests/${id}/answer`, meetingRequestSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}
