import {
  type CreateTaskRequest,
  taskListSchema,
  taskSchema,
  type TaskStatus,
  type UpdateTaskRequest,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

/** The filters `GET /tasks` has (its contract's `tasksQuerySchema`). */
export interface TaskFilters {
  mine: boolean;
  overdue: boolean;
  status: TaskStatus | null;
}

/** The query string for the filters set; none set: the whole list. */
export function taskQuery(filters: TaskFilters): string {
  const params = new URLSearchParams();
  if (filters.mine) params.set('mine', 'true');
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.status) params.set('status', filters.status);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The case's tasks, filtered by the API. The key starts with `keys.tasks(id)`, so the live
 * connection's invalidation of a workspace's tasks refetches every filtered list too.
 */
export const useTaskList = (id: string, filters: TaskFilters) =>
  useQuery({
    queryKey: [...keys.tasks(id), taskQuery(filters)],
    queryFn: () => api(`/workspaces/${id}/tasks${taskQuery(filters)}`, taskListSchema),
    placeholderData: (previous) => previous,
  });

/** PATCH a task with only the fields given (the version read, and what changed). */
export function useUpdateTask(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTaskRequest) =>
      api(`/workspaces/${workspaceId}/tasks/${taskId}`, taskSchema, { method: 'PATCH', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) }),
  });
}

/**
 * The request for an edit: the version and only the fields whose value differs from what was
 * read, so a field the user did not touch is never sent (nor erased).
 */
export function changedTaskFields<F extends Record<string, string>>(
  version: number,
  initial: F,
  values: F,
  toRequest: (field: keyof F, value: string) => Partial<UpdateTaskRequest>,
): UpdateTaskRequest {
  const request: UpdateTaskRequest = { version };
  for (const field of Object.keys(initial) as (keyof F)[]) {
    if (values[field] !== initial[field])
      Object.assign(request, toRequest(field, values[field] ?? ''));
  }
  return request;
}

/** POST a task; `onSuccess` runs before the list is refetched. */
export function useCreateTask(
  workspaceId: string,
  options: { onSuccess: () => void; onError: (error: Error) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateTaskRequest>) =>
      api(`/workspaces/${workspaceId}/tasks`, taskSchema, { method: 'POST', body }),
    onSuccess: () => {
      options.onSuccess();
      return queryClient.invalidateQueries({ queryKey: keys.tasks(workspaceId) });
    },
    onError: options.onError,
  });
}
