// An organisation's administration (ORG_ADMIN): its staff's roles, deactivations and
// invitations, as hooks. The views keep what is asked and said; these say what is sent and
// which cached reads it makes stale (organisationKeys in queries.ts).
import {
  type ChangeRolesRequest,
  type DeactivateMemberRequest,
  deactivateMemberResponseSchema,
  type StaffInvitationRequest,
  staffInvitationSchema,
  type StaffInvitationView,
  staffMemberSchema,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiNoContent, type BodyOf } from './api';
import { organisationKeys } from './queries';

/**
 * Replaces a member's roles (PUT …/members/:uid/roles). All of the organisation's cache is
 * refreshed (`organisationKeys.all`: the staff list and the colleagues show the roles), then
 * the caller's own /me, since the administrator's own roles may be among those changed; then
 * `onSuccess`, with the roles sent.
 */
export function useChangeRoles(
  organisationId: string,
  userId: string,
  handlers: {
    onSuccess?: (body: ChangeRolesRequest) => void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeRolesRequest) =>
      api(`/organisations/${organisationId}/members/${userId}/roles`, staffMemberSchema, {
        method: 'PUT',
        body,
      }),
    onSuccess: async (_, body) => {
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all(organisationId) });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      handlers.onSuccess?.(body);
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * Deactivates a member (POST …/members/:uid/deactivate), their open cases handed to the
 * colleague named. All of the organisation's cache is refreshed before `onSuccess`: the
 * member leaves the staff list and the colleagues, and the colleague's open cases change.
 */
export function useDeactivateMember(
  organisationId: string,
  userId: string,
  handlers: { onSuccess?: (result: BodyOf<typeof deactivateMemberResponseSchema>) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeactivateMemberRequest) =>
      api(
        `/organisations/${organisationId}/members/${userId}/deactivate`,
        deactivateMemberResponseSchema,
        { method: 'POST', body },
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all(organisationId) });
      handlers.onSuccess?.(result);
    },
  });
}

/**
 * Invites a colleague by e-mail (POST …/invitations): the API mails them a link to join with
 * these roles. `onSuccess` runs first (the form empties and says it was sent), then the
 * invitations are refreshed: only they change until the invitation is accepted.
 */
export function useInviteStaff(
  organisationId: string,
  handlers: {
    onSuccess?: (invitation: StaffInvitationView) => void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffInvitationRequest) =>
      api(`/organisations/${organisationId}/invitations`, staffInvitationSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: (invitation) => {
      handlers.onSuccess?.(invitation);
      return queryClient.invalidateQueries({
        queryKey: organisationKeys.invitations(organisationId),
      });
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * Withdraws an invitation not yet answered (DELETE …/invitations/:iid). Only the invitations
 * are refreshed before `onSuccess`: nobody joined through it.
 */
export function useWithdrawStaffInvitation(
  organisationId: string,
  handlers: { onSuccess?: (invitation: StaffInvitationView) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation: StaffInvitationView) =>
      apiNoContent(`/organisations/${organisationId}/invitations/${invitation.id}`, {
        method: 'DELETE',
      }),
    onSuccess: async (_, invitation) => {
      await queryClient.invalidateQueries({
        queryKey: organisationKeys.invitations(organisationId),
      });
      handlers.onSuccess?.(invitation);
    },
  });
}
