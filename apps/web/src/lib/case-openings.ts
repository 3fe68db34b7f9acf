// Opening a case: the request a staff member sends (or withdraws), the follow-up case after
// a closed one, and the person's answer from her e-mail; as hooks. The views keep the forms
// and what is said; these say what is sent and which cached reads it makes stale.
import {
  type acceptCaseOpeningRequestSchema,
  acceptCaseOpeningResponseSchema,
  type AcceptCaseOpeningResponse,
  caseOpeningSchema,
  type CaseOpeningView,
  type caseOpeningTokenRequestSchema,
  type CreateWorkspaceRequest,
  type FollowUpCaseRequest,
  type registerCaseOpeningRequestSchema,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiNoContent, session, sessionFromToken } from './api';
import { keys } from './queries';

/**
 * Asks the person to let a case be opened (POST /workspaces, 202 with the request). No case
 * exists until she accepts, so only the caller's own requests are refreshed before
 * `onSuccess`.
 */
export function useOpenCase(
  handlers: {
    onSuccess?: (opening: CaseOpeningView) => void;
    onError?: (error: Error) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkspaceRequest) =>
      api('/workspaces', caseOpeningSchema, { method: 'POST', body }),
    onSuccess: async (opening) => {
      await queryClient.invalidateQueries({ queryKey: keys.caseOpenings });
      handlers.onSuccess?.(opening);
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * Withdraws a request not yet answered (DELETE /case-openings/:oid). Only the caller's own
 * requests are refreshed before `onSuccess`: no case was opened.
 */
export function useWithdrawCaseOpening(
  openingId: string,
  handlers: { onSuccess?: () => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiNoContent(`/case-openings/${openingId}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.caseOpenings });
      handlers.onSuccess?.();
    },
  });
}

/**
 * A new sick period too late to reopen a closed case: a request for a new case goes to the
 * person (POST …/follow-up-case), answered like any opening. Nothing is refreshed: the
 * closed case does not change, and the view shows the answer itself (`data`).
 */
export function useAskFollowUpCase(
  workspaceId: string,
  handlers: { onError?: (error: Error) => void } = {},
) {
  return useMutation({
    mutationFn: (body: FollowUpCaseRequest) =>
      api(`/workspaces/${workspaceId}/follow-up-case`, caseOpeningSchema, {
        method: 'POST',
        body,
      }),
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * The person, signed in, says yes from her e-mailed link (POST /case-openings/accept
 * {token}). Her case list is refreshed before `onSuccess` (which goes to the case): the case
 * is new in it.
 */
export function useAcceptCaseOpening(
  handlers: { onSuccess?: (answer: AcceptCaseOpeningResponse) => Promise<void> } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof acceptCaseOpeningRequestSchema>) =>
      api('/case-openings/accept', acceptCaseOpeningResponseSchema, { method: 'POST', body }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
      await handlers.onSuccess?.(answer);
    },
  });
}

/**
 * The person says no (POST /case-openings/decline {token}): no case is opened. Nothing is
 * refreshed: no case was opened, so nothing cached here changes.
 */
export function useDeclineCaseOpening(handlers: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: (body: z.infer<typeof caseOpeningTokenRequestSchema>) =>
      apiNoContent('/case-openings/decline', { method: 'POST', body }),
    onSuccess: () => handlers.onSuccess?.(),
  });
}

/**
 * The person has no account yet: her password creates it, signs her in and opens the case
 * in one step (POST /case-openings/register {token, password}). The answer's token becomes
 * the session (her name and e-mail from /me); nothing cached from before belongs to it, so
 * the cache is cleared instead of refreshed, as after a login. Then `onSuccess`.
 */
export function useRegisterAndAcceptCaseOpening(
  handlers: { onSuccess?: (answer: AcceptCaseOpeningResponse) => Promise<void> } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.infer<typeof registerCaseOpeningRequestSchema>) => {
      const answer = await api('/case-openings/register', acceptCaseOpeningResponseSchema, {
        method: 'POST',
        body,
      });
      if (answer.accessToken && answer.expiresIn) {
        const signedIn = await sessionFromToken(answer.accessToken, answer.expiresIn);
        // As after a login: nothing cached from before belongs to the new session.
        queryClient.clear();
        session.set(signedIn);
      }
      return answer;
    },
    onSuccess: async (answer) => {
      await handlers.onSuccess?.(answer);
    },
  });
}
