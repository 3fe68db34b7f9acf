import type {
  AccessLogSummary,
  ConsentParty,
  ConsentView,
  DocumentList,
  MeetingList,
  MeetingNoteList,
  PlanRevisionSummary,
  PlanView,
  TaskList,
  WorkspaceOverview,
  WorkspaceSummary,
} from '@atergang/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** Query keys: the live connection invalidates these by workspace and kind. */
export const keys = {
  workspaces: ['workspaces'] as const,
  overview: (id: string) => ['ws', id, 'overview'] as const,
  plan: (id: string) => ['ws', id, 'plan'] as const,
  revisions: (id: string) => ['ws', id, 'plan', 'revisions'] as const,
  tasks: (id: string) => ['ws', id, 'tasks'] as const,
  meetings: (id: string) => ['ws', id, 'meetings'] as const,
  notes: (id: string, meetingId: string) => ['ws', id, 'meetings', meetingId, 'notes'] as const,
  documents: (id: string) => ['ws', id, 'documents'] as const,
  consents: (id: string) => ['ws', id, 'consents'] as const,
  accessLog: (id: string) => ['ws', id, 'access-log'] as const,
};

export const useWorkspaces = () =>
  useQuery({ queryKey: keys.workspaces, queryFn: () => api<WorkspaceSummary[]>('/workspaces') });

export const useOverview = (id: string) =>
  useQuery({
    queryKey: keys.overview(id),
    queryFn: () => api<WorkspaceOverview>(`/workspaces/${id}`),
  });

export const usePlan = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.plan(id),
    queryFn: () => api<PlanView>(`/workspaces/${id}/plan`),
    enabled,
  });

export const usePlanRevisions = (id: string) =>
  useQuery({
    queryKey: keys.revisions(id),
    queryFn: () => api<PlanRevisionSummary[]>(`/workspaces/${id}/plan/revisions`),
  });

export const useTasks = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.tasks(id),
    queryFn: () => api<TaskList>(`/workspaces/${id}/tasks`),
    enabled,
  });

export const useMeetings = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.meetings(id),
    queryFn: () => api<MeetingList>(`/workspaces/${id}/meetings`),
    enabled,
  });

export const useNotes = (id: string, meetingId: string, enabled = true) =>
  useQuery({
    queryKey: keys.notes(id, meetingId),
    queryFn: () => api<MeetingNoteList>(`/workspaces/${id}/meetings/${meetingId}/notes`),
    enabled,
  });

export const useDocuments = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.documents(id),
    queryFn: () => api<DocumentList>(`/workspaces/${id}/documents`),
    enabled,
  });

export const useConsents = (id: string) =>
  useQuery({
    queryKey: keys.consents(id),
    queryFn: () => api<ConsentView[]>(`/workspaces/${id}/consents`),
  });

/**
 * "Vem har tittat", grouped by person, day and action, newest first: one page of groups,
 * then older ones on request (the API's cursor), optionally only one party's.
 */
export const useAccessLog = (id: string, party: ConsentParty | null) =>
  useInfiniteQuery({
    queryKey: [...keys.accessLog(id), party ?? 'all'] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      // A screenful of lines at a time; "Visa äldre" asks for the next.
      const query = new URLSearchParams({ limit: '20' });
      if (pageParam) query.set('cursor', pageParam);
      if (party) query.set('party', party);
      return api<AccessLogSummary>(`/workspaces/${id}/access-log/summary?${query.toString()}`);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
