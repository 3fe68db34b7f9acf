import {
  planHandoverSchema,
  planHandoversSchema,
  type PlanHandoverView,
  planRequestSchema,
  type SendPlanRequest,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from './api';
import { keys } from './queries';

// The plan's hand-overs (to FK, to care) and FK's requests for it (issue 17): the query and
// its mutations. The live connection refetches `keys.handovers` on plan.handed-over,
// plan.handover-acknowledged and plan.requested (lib/live.ts).

export const useHandovers = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: keys.handovers(workspaceId),
    queryFn: () => api(`/workspaces/${workspaceId}/plan/handovers`, planHandoversSchema),
    enabled,
  });

/** What a hand-over, an acknowledgement or a request makes stale here. */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.handovers(workspaceId) });
    // A request creates the employer's task; a send closes it.
    void queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
  };
}

/** The employer sends a version of the plan (to FK unless it says care). */
export function useSendPlan(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (request: SendPlanRequest) =>
      api(`/workspaces/${workspaceId}/plan/handovers`, planHandoverSchema, {
        method: 'POST',
        body: request,
      }),
    onSuccess: refresh,
  });
}

/** The recipient confirms that the plan has arrived. */
export function useAcknowledgeHandover(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (handoverId: string) =>
      api(
        `/workspaces/${workspaceId}/plan/handovers/${handoverId}/acknowledge`,
        planHandoverSchema,
        {
          method: 'POST',
        },
      ),
    onSuccess: refresh,
  });
}

/** FK asks the employer for its plan (a task for the employer, due in 14 days). */
export function useRequestPlan(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () =>
      api(`/workspaces/${workspaceId}/plan/requests`, planRequestSchema, {
        method: 'POST',
        body: {},
      }),
    onSuccess: refresh,
  });
}

/** A handed-over version as the PDF that was sent. */
export function downloadHandedOver(
  workspaceId: string,
  handover: Pick<PlanHandoverView, 'id' | 'version'>,
): Promise<void> {
  return download(
    `/workspaces/${workspaceId}/plan/handovers/${handover.id}/plan.pdf`,
    `plan-version-${handover.version}-skickad.pdf`,
  );
}

/** The caller's own view of the plan as a PDF (GET /plan.pdf). */
export function downloadPlanPdf(workspaceId: string, version: number): Promise<void> {
  return download(
    `/workspaces/${workspaceId}/plan.pdf`,
    `plan-for-atergang-version-${version}.pdf`,
  );
}
