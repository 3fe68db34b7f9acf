import {
  type Category,
  type MeetingList,
  meetingListSchema,
  planSchema,
  type PlanView,
  type TaskList,
  taskListSchema,
  type WorkspaceSummary,
} from '@atergang/contracts';
import { useQueries } from '@tanstack/react-query';
import { api } from './api';
import { keys } from './queries';

/**
 * What the case list says about one case, judged only on what the patient shares with the
 * caller: a plan, follow-up or task hidden from the caller is not missing, so each signal is
 * `null` ("cannot tell") rather than a false alarm or a false all-clear.
 */
export interface CaseSignals {
  /** Day > 30, no plan saved and no "not needed" assessment; null when the plan is withheld. */
  planMissing: boolean | null;
  /** No open follow-up in the plan and no booked meeting ahead; null when either is withheld. */
  noFollowUp: boolean | null;
  /** Overdue tasks the caller can see (null: tasks withheld). */
  overdue: number | null;
  /** Open tasks for the caller's party (what `GET /tasks?mine=true` gives); always shared. */
  mine: number;
  /** Meetings (booked, or proposed with a time) this week, Monday to Sunday. */
  meetingsThisWeek: number | null;
  /** What the patient has not shared that the signals would need. */
  hidden: Category[];
}

export type CaseSignalState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; signals: CaseSignals };

/** The Monday and Sunday ('YYYY-MM-DD') of the week holding `day`. */
export function weekOf(day: string): { from: string; to: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const monday = new Date(date.getTime() - sinceMonday * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** A calendar day in Sweden for an instant. */
const swedishDay = (iso: string): string =>
  new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** The signals of one case from what its plan, tasks and meetings responses hold. */
export function caseSignals(
  workspace: WorkspaceSummary,
  plan: PlanView,
  tasks: TaskList,
  meetings: MeetingList,
  today: string,
): CaseSignals {
  const planHidden = plan.withheldParts.includes('goal');
  const followUpsHidden = plan.withheldParts.includes('followUps');
  const meetingsHidden = meetings.withheld.includes('MEETINGS');
  const tasksHidden = tasks.withheld.includes('TASKS');
  const hidden: Category[] = [
    ...(planHidden || followUpsHidden ? (['PLAN'] as const) : []),
    ...(meetingsHidden ? (['MEETINGS'] as const) : []),
    ...(tasksHidden ? (['TASKS'] as const) : []),
  ];
  const planMissing = planHidden
    ? null
    : plan.version === 0 && !plan.notNeededReason && workspace.rehabChain.day > 30;
  const followUpInPlan = plan.followUps.some((f) => !f.done && f.date >= today);
  const live = meetings.meetings.filter((m) => m.status !== 'CANCELLED');
  const meetingBooked = live.some(
    (m) =>
      m.status === 'SCHEDULED' &&
      m.slots.some((s) => s.id === m.scheduledSlotId && swedishDay(s.start) >= today),
  );
  // A follow-up seen is enough; without one, what is hidden may hold one.
  const noFollowUp =
    followUpInPlan || meetingBooked ? false : followUpsHidden || meetingsHidden ? null : true;
  const open = tasks.tasks.filter((task) => task.status !== 'DONE' && task.status !== 'CANCELLED');
  const week = weekOf(today);
  const inWeek = (iso: string) => {
    const day = swedishDay(iso);
    return day >= week.from && day <= week.to;
  };
  const thisWeek = live.filter((m) =>
    m.status === 'SCHEDULED'
      ? m.slots.some((s) => s.id === m.scheduledSlotId && inWeek(s.start))
      : m.slots.some((s) => inWeek(s.start)),
  ).length;
  const overdue = open.filter((t) => t.overdue).length;
  return {
    planMissing,
    noFollowUp,
    // Tasks for the caller's party are always shared with it; others' only by consent.
    overdue: overdue === 0 && tasksHidden ? null : overdue,
    mine: open.filter((t) => (t.assigneeParty ?? t.assignee?.party) === workspace.myParty).length,
    meetingsThisWeek: thisWeek === 0 && meetingsHidden ? null : thisWeek,
    hidden,
  };
}

/**
 * The signals of every listed case, from the same queries (and cache keys) the case views
 * use, so the live connection keeps them current. A case whose answers are not all in is
 * `loading`: the list shows that, never a default "nothing to note".
 */
export function useCaseSignals(
  workspaces: readonly WorkspaceSummary[],
  today: string,
): Map<string, CaseSignalState> {
  // One list of queries per read, so each result has its read's type (no casts).
  const plans = useQueries({
    queries: workspaces.map((ws) => ({
      queryKey: keys.plan(ws.id),
      queryFn: () => api(`/workspaces/${ws.id}/plan`, planSchema),
    })),
  });
  const taskLists = useQueries({
    queries: workspaces.map((ws) => ({
      queryKey: keys.tasks(ws.id),
      queryFn: () => api(`/workspaces/${ws.id}/tasks`, taskListSchema),
    })),
  });
  const meetingLists = useQueries({
    queries: workspaces.map((ws) => ({
      queryKey: keys.meetings(ws.id),
      queryFn: () => api(`/workspaces/${ws.id}/meetings`, meetingListSchema),
    })),
  });
  const states = new Map<string, CaseSignalState>();
  workspaces.forEach((ws, index) => {
    const [plan, tasks, meetings] = [plans[index], taskLists[index], meetingLists[index]];
    const error = plan?.error ?? tasks?.error ?? meetings?.error;
    if (error) {
      states.set(ws.id, { status: 'error', error });
    } else if (plan?.data && tasks?.data && meetings?.data) {
      states.set(ws.id, {
        status: 'ready',
        signals: caseSignals(ws, plan.data, tasks.data, meetings.data, today),
      });
    } else {
      states.set(ws.id, { status: 'loading' });
    }
  });
  return states;
}
