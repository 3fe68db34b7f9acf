// The case's facts, certificates and its closing and reopening, as hooks. The views keep
// the forms and what is said; these say what is sent and which cached reads it makes stale.
import {
  certificateSchema,
  type CloseCaseRequest,
  type CreateCertificateRequest,
  type ReopenCaseRequest,
  type UpdateCaseFactsRequest,
  workspaceOverviewSchema,
} from '@atergang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

interface Handlers {
  onSuccess?: () => void;
  onError?: (error: Error) => void;
}

/**
 * Corrects the facts the caller's role keeps (PATCH …/facts, only what changed, with a
 * reason). The answer is the overview as it now is, so it replaces the cached one; the
 * timeline (a new revision) and the tasks (deadlines follow the facts) are refetched before
 * `onSuccess`.
 */
export function useUpdateCaseFacts(workspaceId: string, handlers: Handlers = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCaseFactsRequest) =>
      api(`/workspaces/${workspaceId}/facts`, workspaceOverviewSchema, { method: 'PATCH', body }),
    onSuccess: async (overview) => {
      queryClient.setQueryData(keys.overview(workspaceId), overview);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.timeline(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) }),
      ]);
      handlers.onSuccess?.();
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/**
 * Ends the case (POST …/close) or continues a closed one (POST …/reopen). The answer is the
 * overview as it now is, so it replaces the cached one; the timeline (the closing or
 * reopening is on it), the tasks (reminders stop or start again) and the plan (read-only or
 * not) are refetched before `onSuccess`.
 */
function useCaseChange<Request>(workspaceId: string, path: 'close' | 'reopen', handlers: Handlers) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Request) =>
      api(`/workspaces/${workspaceId}/${path}`, workspaceOverviewSchema, { method: 'POST', body }),
    onSuccess: async (overview) => {
      queryClient.setQueryData(keys.overview(workspaceId), overview);
      await Promise.all(
        [keys.timeline(workspaceId), keys.tasks(workspaceId), keys.plan(workspaceId)].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey }),
        ),
      );
      handlers.onSuccess?.();
    },
    onError: (error) => handlers.onError?.(error),
  });
}

/** Ends the case (POST …/close: reason, last day, comment); see `useCaseChange` above. */
export function useCloseCase(workspaceId: string, handlers: Handlers = {}) {
  return useCaseChange<CloseCaseRequest>(workspaceId, 'close', handlers);
}

/** Continues a closed case (POST …/reopen: the new period's first day, and why). */
export function useReopenCase(workspaceId: string, handlers: Handlers = {}) {
  return useCaseChange<ReopenCaseRequest>(workspaceId, 'reopen', handlers);
}

/**
 * Records a läkarintyg (POST …/certificates), new or a renewal. Its period and degree move
 * the case's facts, so the certificates, the timeline, the overview, the plan's sick-leave
 * steps and the tasks (deadlines from a known expected length) are refetched before
 * `onSuccess`.
 */
export function useCreateCertificate(workspaceId: string, handlers: Handlers = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCertificateRequest) =>
      api(`/workspaces/${workspaceId}/certificates`, certificateSchema, { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all(
        [
          keys.certificates(workspaceId),
          keys.timeline(workspaceId),
          keys.overview(workspaceId),
          keys.plan(workspaceId),
          keys.tasks(workspaceId),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      handlers.onSuccess?.();
    },
    onError: (error) => handlers.onError?.(error),
  });
}
