// One's own account: the password, signing out everywhere, a forgotten password, and an
// invitation to an organisation's staff; as hooks. The views keep the forms and what is said;
// these say what is sent and what it does to the session and the cache.
import {
  type AcceptAccountInvitationRequest,
  acceptAccountInvitationResponseSchema,
  type ChangePasswordRequest,
  type PasswordResetConfirm,
  type PasswordResetRequest,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, apiNoContent, session } from './api';

interface Handlers {
  onSuccess?: () => void;
  onError?: (error: Error) => void;
}

/**
 * Changes the signed-in user's password (POST /auth/password, 204). Nothing cached depends
 * on it, so nothing is refreshed.
 */
export function useChangePassword(handlers: Handlers = {}) {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) =>
      apiNoContent('/auth/password', { method: 'POST', body }),
    onSuccess: () => handlers.onSuccess?.(),
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * Ends every session of the account (POST /auth/logout-all, 204): the API ended this
 * session too and cleared its cookie. Nothing is refreshed here: `onSuccess` signs this
 * browser out, which forgets what it had.
 */
export function useSignOutEverywhere(handlers: { onSuccess?: () => Promise<void> } = {}) {
  return useMutation({
    mutationFn: () => apiNoContent('/auth/logout-all', { method: 'POST' }),
    onSuccess: async () => {
      await handlers.onSuccess?.();
    },
  });
}

/**
 * Asks for a link to choose a new password (POST /auth/password-reset): 202 Accepted with no
 * body, whether or not there is an account. Nobody is signed in: nothing to refresh.
 */
export function useRequestPasswordReset(
  handlers: { onSuccess?: (body: PasswordResetRequest) => void } = {},
) {
  return useMutation({
    mutationFn: async (body: PasswordResetRequest) => {
      const response = await apiFetch('/auth/password-reset', { method: 'POST', body });
      await response.text();
    },
    onSuccess: (_, body) => handlers.onSuccess?.(body),
  });
}

/**
 * Chooses the new password from the e-mailed link (POST /auth/password-reset/confirm, 204).
 * Every session of the account ended; if this browser held one, its next call finds out
 * (the link may be for another account than the one signed in here, so none is ended and
 * nothing is refreshed).
 */
export function useConfirmPasswordReset(handlers: Handlers = {}) {
  return useMutation({
    mutationFn: (body: PasswordResetConfirm) =>
      apiNoContent('/auth/password-reset/confirm', { method: 'POST', body }),
    onSuccess: () => handlers.onSuccess?.(),
    onError: (error) => handlers.onError?.(error),
  });
}

/** A new account comes back signed in; an existing one (signed in already) gets `ok`. */
const acceptAccountInvitation = (body: AcceptAccountInvitationRequest) =>
  api('/account-invitations/accept', acceptAccountInvitationResponseSchema, {
    method: 'POST',
    body,
  });

/**
 * No account with the invited address yet: the invitation accepted with a name and a
 * password makes one (POST /account-invitations/accept), signed in. The answer's session
 * replaces whatever this browser had, so the cache is cleared rather than refreshed (nothing
 * in it belongs to the new session); then `onSuccess`.
 */
export function useCreateInvitedAccount(handlers: Handlers = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptAccountInvitationRequest) => acceptAccountInvitation(body),
    onSuccess: (signedIn) => {
      if ('accessToken' in signedIn) {
        queryClient.clear();
        session.set(signedIn);
      }
      handlers.onSuccess?.();
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * An account exists and is signed in: the token alone joins the organisation (POST
 * /account-invitations/accept {token}). /me is refreshed: the new membership shows there
 * (the links to administer, the roles).
 */
export function useJoinOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptAccountInvitationRequest) => acceptAccountInvitation(body),
    onSuccess: async (signedIn) => {
      if ('accessToken' in signedIn) session.set(signedIn);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
