// The plan's writes (and its one on-demand read), as hooks: the views say what to do with
// the answer, these say where it goes and which cached reads it makes stale.
import {
  planNotNeededSchema,
  type PlanNotNeededRequest,
  planRevisionSchema,
  planSchema,
  planSignoffSchema,
  type PlanView,
  type SignoffDecision,
  type UpdatePlanRequest,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import { keys } from './queries';

/** The employer's record that no plan is needed (SFB 30 kap. 6 §). */
export function useRecordPlanNotNeeded(
  workspaceId: string,
  handlers: { onError?: (error: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanNotNeededRequest) =>
      api(`/workspaces/${workspaceId}/plan/not-needed`, planNotNeededSchema, {
        method: 'PUT',
        body,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.plan(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
    },
    onError: (error) => handlers.onError?.(error),
  });
}

export interface SignPlanRequest {
  version: number;
  decision: SignoffDecision;
  comment: string | null;
}

/** A sign-off of the plan's current version. */
export function useSignPlan(workspaceId: string, handlers: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignPlanRequest) =>
      api(`/workspaces/${workspaceId}/plan/signoffs`, planSignoffSchema, { method: 'POST', body }),
    onSuccess: () => {
      handlers.onSuccess?.();
      void queryClient.invalidateQueries({ queryKey: keys.plan(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: keys.revisions(workspaceId) });
    },
  });
}

/** The patient's own view; a stale save (409) reloads the plan and tells `onStale`. */
export function useSavePatientView(
  workspaceId: string,
  handlers: { onSuccess?: () => void; onStale?: () => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; patientView: string | null }) =>
      api(`/workspaces/${workspaceId}/plan`, planSchema, { method: 'PUT', body }),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.plan(workspaceId), next);
      handlers.onSuccess?.();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        handlers.onStale?.();
        void queryClient.invalidateQueries({ queryKey: keys.plan(workspaceId) });
      }
    },
  });
}

/**
 * A save of the editor's changes against the version it was loaded from (If-Match). A
 * conflict (409 with the plan as saved now) goes to `onConflict` and into the cache; any
 * other refusal to `onError`.
 */
export function useSavePlan(
  workspaceId: string,
  handlers: {
    onSaved: (next: PlanView) => void;
    onConflict: (theirs: PlanView, error: ApiError) => void;
    onError: (error: unknown) => void;
  },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdatePlanRequest) =>
      api(`/workspaces/${workspaceId}/plan`, planSchema, {
        method: 'PUT',
        body: request,
        headers: { 'if-match': `"${request.version ?? 0}"` },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.plan(workspaceId), next);
      void queryClient.invalidateQueries({ queryKey: keys.revisions(workspaceId) });
      handlers.onSaved(next);
    },
    onError: (error) => {
      // A problem's extensions are not serialised by a schema on the server (only 2xx bodies
      // are), so the plan in a conflict is parsed here before it replaces the cached one.
      const theirs =
        error instanceof ApiError && error.status === 409
          ? planSchema.safeParse(error.problem?.current)
          : null;
      if (error instanceof ApiError && theirs?.success) {
        handlers.onConflict(theirs.data, error);
        queryClient.setQueryData(keys.plan(workspaceId), theirs.data);
        return;
      }
      handlers.onError(error);
    },
  });
}

/** One version's changes, fetched only when `enabled` (the user opened it). */
export function usePlanRevision(workspaceId: string, number: number, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.revisions(workspaceId), number],
    queryFn: () =>
      api(`/workspaces/${workspaceId}/plan/revisions/${String(number)}`, planRevisionSchema),
    enabled,
  });
}
