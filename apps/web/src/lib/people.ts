// Who takes part in a case (`/w/:id/deltagare`, and joining from an e-mailed link): the
// writes, as hooks. The views keep what is asked and said; these say what is sent and which
// cached reads it makes stale.
import {
  type HandOverRequest,
  invitationSchema,
  type InvitationView,
  type InviteParticipantRequest,
  type acceptInvitationByTokenRequestSchema,
  workspaceOverviewSchema,
  type WorkspaceOverview,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiNoContent } from './api';
import { keys } from './queries';

/**
 * Removes a participant from the case (DELETE …/participants/:pid). Everything cached for the
 * case is refreshed before `onSuccess`: who takes part shows in more than one of its views
 * (the overview's participants, whom a task or a meeting can name).
 */
export function useRemoveParticipant(
  workspaceId: string,
  participantId: string,
  handlers: { onSuccess?: () => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiNoContent(`/workspaces/${workspaceId}/participants/${participantId}`, {
        method: 'DELETE',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
      handlers.onSuccess?.();
    },
  });
}

/**
 * Hands the caller's own place in the case to a colleague (POST …/handover {toUserId}). The
 * case list is refreshed (the case leaves it), then `onHandedOver` takes the caller out of
 * the case, and only then is the case's cache dropped: out of the case first, then forget
 * it, so nothing is left to show what they no longer see.
 */
export function useHandOver(
  workspaceId: string,
  handlers: { onHandedOver: (toUserId: string) => Promise<void> },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (toUserId: string) =>
      apiNoContent(`/workspaces/${workspaceId}/handover`, {
        method: 'POST',
        body: { toUserId } satisfies HandOverRequest,
      }),
    onSuccess: async (_result, toUserId) => {
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
      await handlers.onHandedOver(toUserId);
      queryClient.removeQueries({ queryKey: ['ws', workspaceId] });
    },
  });
}

/**
 * The patient approves another organisation's invitation (POST …/invitations/:iid/approve).
 * Everything cached for the case is refreshed before `onSuccess`, as after every change to
 * who takes part or may join.
 */
export function useApproveInvitation(
  workspaceId: string,
  invitationId: string,
  handlers: { onSuccess?: () => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api(`/workspaces/${workspaceId}/invitations/${invitationId}/approve`, invitationSchema, {
        method: 'POST',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
      handlers.onSuccess?.();
    },
  });
}

/**
 * Withdraws a pending invitation (DELETE …/invitations/:iid). Everything cached for the case
 * is refreshed before `onSuccess`, as after an approval.
 */
export function useWithdrawInvitation(
  workspaceId: string,
  invitationId: string,
  handlers: { onSuccess?: () => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiNoContent(`/workspaces/${workspaceId}/invitations/${invitationId}`, {
        method: 'DELETE',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
      handlers.onSuccess?.();
    },
  });
}

/**
 * Invites someone into the case by e-mail (POST …/invitations), for the inviter's own
 * organisation or another one. Only the invitations are refreshed before `onSuccess`: nobody
 * takes part until the invitation is accepted, so nothing else has changed.
 */
export function useInviteParticipant(
  workspaceId: string,
  handlers: {
    onSuccess?: (invitation: InvitationView) => void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteParticipantRequest) =>
      api(`/workspaces/${workspaceId}/invitations`, invitationSchema, { method: 'POST', body }),
    onSuccess: async (invitation) => {
      await queryClient.invalidateQueries({ queryKey: keys.invitations(workspaceId) });
      handlers.onSuccess?.(invitation);
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * A staff member invited into a case joins it from the e-mailed link (POST
 * /invitations/accept {token}). The case list is refreshed before `onSuccess` (which goes to
 * the case): the case is new in it.
 */
export function useAcceptInvitation(
  handlers: { onSuccess?: (overview: WorkspaceOverview) => Promise<void> } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof acceptInvitationByTokenRequestSchema>) =>
      api('/invitations/accept', workspaceOverviewSchema, { method: 'POST', body }),
    onSuccess: async (overview) => {
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
      await handlers.onSuccess?.(overview);
    },
  });
}
