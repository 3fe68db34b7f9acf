import {
  accessLogSummarySchema,
  caseOpeningSchema,
  caseTimelineSchema,
  certificateSchema,
  colleagueSchema,
  type ConsentParty,
  consentSchema,
  documentListSchema,
  invitationSchema,
  meetingListSchema,
  meetingNoteListSchema,
  organisationDirectoryEntrySchema,
  type OrganisationKind,
  outboxMessageSchema,
  planRevisionSummarySchema,
  planSchema,
  staffInvitationSchema,
  staffMemberSchema,
  taskListSchema,
  workspaceOverviewSchema,
  workspaceSummarySchema,
} from '@atergang/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './api';

/** Query keys: the live connection invalidates these by workspace and kind. */
export const keys = {
  workspaces: ['workspaces'] as const,
  overview: (id: string) => ['ws', id, 'overview'] as const,
  plan: (id: string) => ['ws', id, 'plan'] as const,
  revisions: (id: string) => ['ws', id, 'plan', 'revisions'] as const,
  /** The plan's hand-overs to FK or care and FK's requests for it. */
  handovers: (id: string) => ['ws', id, 'plan', 'handovers'] as const,
  tasks: (id: string) => ['ws', id, 'tasks'] as const,
  meetings: (id: string) => ['ws', id, 'meetings'] as const,
  /** Requests for an avstämningsmöte: under the meetings, so their refetch covers them. */
  meetingRequests: (id: string) => ['ws', id, 'meetings', 'requests'] as const,
  notes: (id: string, meetingId: string) => ['ws', id, 'meetings', meetingId, 'notes'] as const,
  documents: (id: string) => ['ws', id, 'documents'] as const,
  consents: (id: string) => ['ws', id, 'consents'] as const,
  accessLog: (id: string) => ['ws', id, 'access-log'] as const,
  invitations: (id: string) => ['ws', id, 'invitations'] as const,
  /** The case's facts as they changed (GET /timeline) and its certificates. */
  timeline: (id: string) => ['ws', id, 'timeline'] as const,
  certificates: (id: string) => ['ws', id, 'certificates'] as const,
  /** The caller's own requests to open a case (not under a workspace: there is none yet). */
  caseOpenings: ['case-openings'] as const,
  colleagues: (organisationId: string) => ['organisations', organisationId, 'colleagues'] as const,
  directory: (kind: OrganisationKind | null, q: string) =>
    ['organisations', 'directory', kind ?? 'all', q] as const,
};

export const useWorkspaces = () =>
  useQuery({
    queryKey: keys.workspaces,
    queryFn: () => api('/workspaces', [workspaceSummarySchema]),
  });

export const useOverview = (id: string) =>
  useQuery({
    queryKey: keys.overview(id),
    queryFn: () => api(`/workspaces/${id}`, workspaceOverviewSchema),
  });

export const usePlan = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.plan(id),
    queryFn: () => api(`/workspaces/${id}/plan`, planSchema),
    enabled,
  });

export const usePlanRevisions = (id: string) =>
  useQuery({
    queryKey: keys.revisions(id),
    queryFn: () => api(`/workspaces/${id}/plan/revisions`, [planRevisionSummarySchema]),
  });

export const useTasks = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.tasks(id),
    queryFn: () => api(`/workspaces/${id}/tasks`, taskListSchema),
    enabled,
  });

export const useMeetings = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.meetings(id),
    queryFn: () => api(`/workspaces/${id}/meetings`, meetingListSchema),
    enabled,
  });

export const useNotes = (id: string, meetingId: string, enabled = true) =>
  useQuery({
    queryKey: keys.notes(id, meetingId),
    queryFn: () => api(`/workspaces/${id}/meetings/${meetingId}/notes`, meetingNoteListSchema),
    enabled,
  });

export const useDocuments = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.documents(id),
    queryFn: () => api(`/workspaces/${id}/documents`, documentListSchema),
    enabled,
  });

export const useConsents = (id: string) =>
  useQuery({
    queryKey: keys.consents(id),
    queryFn: () => api(`/workspaces/${id}/consents`, [consentSchema]),
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
      return api(
        `/workspaces/${id}/access-log/summary?${query.toString()}`,
        accessLogSummarySchema,
      );
    },
    getNextPageParam: (page) => page.nextCursor,
  });

export const useTimeline = (id: string) =>
  useQuery({
    queryKey: keys.timeline(id),
    queryFn: () => api(`/workspaces/${id}/timeline`, caseTimelineSchema),
  });

/** Period and degree for everyone; the medical content only where the patient shares it. */
export const useCertificates = (id: string) =>
  useQuery({
    queryKey: keys.certificates(id),
    queryFn: () => api(`/workspaces/${id}/certificates`, [certificateSchema]),
  });

/** Invitations into the case: the patient sees all, staff those their party issued. */
export const useInvitations = (id: string, enabled = true) =>
  useQuery({
    queryKey: keys.invitations(id),
    queryFn: () => api(`/workspaces/${id}/invitations`, [invitationSchema]),
    enabled,
  });

/** The signed-in staff member's requests to open a case, with each one's answer so far. */
export const useCaseOpenings = (enabled = true) =>
  useQuery({
    queryKey: keys.caseOpenings,
    queryFn: () => api('/case-openings', [caseOpeningSchema]),
    enabled,
  });

/** Colleagues in a case role at one of the caller's organisations (to hand a case to). */
export const useColleagues = (organisationId: string | null) =>
  useQuery({
    queryKey: keys.colleagues(organisationId ?? ''),
    queryFn: () => api(`/organisations/${organisationId ?? ''}/colleagues`, [colleagueSchema]),
    enabled: organisationId !== null,
  });

/** Organisations by name (and kind), for choosing an employer or whom to invite. */
export const useDirectory = (kind: OrganisationKind | null, q: string, enabled = true) =>
  useQuery({
    queryKey: keys.directory(kind, q),
    queryFn: () => {
      const query = new URLSearchParams();
      if (kind) query.set('kind', kind);
      if (q) query.set('q', q);
      return api(`/organisations/directory?${query.toString()}`, [
        organisationDirectoryEntrySchema,
      ]);
    },
    enabled,
    // Typing a name asks again for each letter; the last answer stays until the next one.
    placeholderData: (previous) => previous,
  });

/**
 * An organisation's administration (ORG_ADMIN): its staff and their invitations. Under the
 * same prefix as `keys.colleagues`, so a change to the staff refreshes all three.
 */
export const organisationKeys = {
  all: (id: string) => ['organisations', id] as const,
  members: (id: string) => ['organisations', id, 'members'] as const,
  invitations: (id: string) => ['organisations', id, 'staff-invitations'] as const,
};

export const useMembers = (organisationId: string) =>
  useQuery({
    queryKey: organisationKeys.members(organisationId),
    queryFn: () => api(`/organisations/${organisationId}/members`, [staffMemberSchema]),
    // Colleagues join by their own link and no event tells the administrator, so the page
    // asks again whenever it is opened rather than show a list from a few seconds ago.
    refetchOnMount: 'always',
  });

export const useStaffInvitations = (organisationId: string) =>
  useQuery({
    queryKey: organisationKeys.invitations(organisationId),
    queryFn: () => api(`/organisations/${organisationId}/invitations`, [staffInvitationSchema]),
    // An invitation is answered elsewhere (useMembers).
    refetchOnMount: 'always',
  });

/** The demo's Utkorg: what would have been e-mailed. The API answers 404 outside demo mode. */
export const outboxKey = ['demo', 'outbox'] as const;

export const useOutbox = () =>
  useQuery({
    queryKey: outboxKey,
    queryFn: () => api('/demo/outbox', [outboxMessageSchema]),
    // A message written a moment ago is what one comes here to see.
    staleTime: 0,
    refetchOnMount: 'always',
  });

/** Whether there is an Utkorg (demo mode) for this visitor: asked once per session. */
export const useOutboxAvailable = (userId: string | null) =>
  useQuery({
    queryKey: [...outboxKey, 'available', userId ?? 'anonymous'] as const,
    queryFn: () =>
      api('/demo/outbox', [outboxMessageSchema]).then(
        () => true,
        () => false,
      ),
    staleTime: Infinity,
  });
