import type {
  AccessLogEntry,
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
import { useQuery } from '@tanstack/react-query';
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

export const useAccessLog = (id: string) =>
  useQuery({
    queryKey: keys.accessLog(id),
    queryFn: () => api<AccessLogEntry[]>(`/workspaces/${id}/access-log`),
  });
