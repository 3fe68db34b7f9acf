import type { Category, WorkspaceSummary } from '@atergang/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { today } from '../components/ui';
import { useMeetings, usePlan, useTasks } from '../lib/queries';
import { CaseOpenings, OpenCaseLink } from './case-openings';

/**
 * Signals for care and FK: plan missing after day 30, no follow-up booked, overdue tasks.
 * Each is judged only on what the patient shares with the caller (each response's
 * `withheld`, the plan's `withheldParts`): a plan, follow-up or task hidden from the caller
 * is not missing, so the list says what is not shared instead of a false alarm or all-clear.
 */
function Signals({ workspace }: { workspace: WorkspaceSummary }) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(workspace.id);
  const tasks = useTasks(workspace.id);
  const meetings = useMeetings(workspace.id);
  const signals: string[] = [];
  const now = today();
  const patient = workspace.patient.name.split(' ')[0] ?? workspace.patient.name;
  const sentence = (categories: readonly Category[]) =>
    new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
      style: 'long',
      type: 'conjunction',
    }).format(categories.map((category) => t(`categoryObjects.${category}`)));

  // The employer's part of the plan (its goal, "not needed" and follow-ups) as the caller sees it.
  const planHidden = plan.data ? plan.data.withheldParts.includes('goal') : false;
  const followUpsHidden = plan.data ? plan.data.withheldParts.includes('followUps') : false;
  const meetingsHidden = meetings.data?.withheld.includes('MEETINGS') ?? false;
  const tasksHidden = tasks.data?.withheld.includes('TASKS') ?? false;
  const hidden: Category[] = [
    ...(planHidden || followUpsHidden ? (['PLAN'] as const) : []),
    ...(meetingsHidden ? (['MEETINGS'] as const) : []),
    ...(tasksHidden ? (['TASKS'] as const) : []),
  ];

  if (
    plan.data &&
    !planHidden &&
    plan.data.version === 0 &&
    !plan.data.notNeededReason &&
    workspace.rehabChain.day > 30
  ) {
    signals.push(t('cases.planMissing'));
  }
  if (plan.data && meetings.data) {
    const followUpInPlan = plan.data.followUps.some((f) => !f.done && f.date >= now);
    const meetingBooked = meetings.data.meetings.some(
      (m) =>
        m.status === 'SCHEDULED' &&
        m.slots.some((s) => s.id === m.scheduledSlotId && s.start.slice(0, 10) >= now),
    );
    if (!followUpInPlan && !meetingBooked) {
      const unseen: Category[] = [
        ...(followUpsHidden ? (['PLAN'] as const) : []),
        ...(meetingsHidden ? (['MEETINGS'] as const) : []),
      ];
      signals.push(
        unseen.length === 0
          ? t('cases.noFollowUp')
          : t('cases.followUpWithheld', { patient, what: sentence(unseen) }),
      );
    }
  }
  const overdue = tasks.data?.tasks.filter((task) => task.overdue).length ?? 0;
  if (overdue > 0) signals.push(t('cases.overdue', { count: overdue }));
  if (signals.length === 0) {
    return (
      <span className="muted">
        {hidden.length === 0
          ? t('cases.noSignals')
          : t('cases.noSignalsWithheld', { patient, what: sentence(hidden) })}
      </span>
    );
  }
  return (
    <ul className="signals">
      {signals.map((signal) => (
        <li key={signal} className="signal">
          {signal}
        </li>
      ))}
    </ul>
  );
}

export function CasesPage({ workspaces }: { workspaces: WorkspaceSummary[] }) {
  const { t } = useTranslation();
  // A change made elsewhere that took the user here (a case handed over) says so here.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useEffect(() => {
    document.title = `${t('cases.title')} – Återgång`;
  }, [t]);
  return (
    <div>
      <h1 className="page-title" tabIndex={-1}>
        {t('cases.title')}
      </h1>
      {notice ? (
        <p role="status" className="alert alert-ok">
          {notice}
        </p>
      ) : null}
      <OpenCaseLink />
      {workspaces.length === 0 ? (
        <p>{t('cases.empty')}</p>
      ) : (
        <ul className="case-list">
          {workspaces.map((workspace) => (
            <li key={workspace.id} className="card case">
              <h2>
                <Link
                  to={`/w/${workspace.id}/plan`}
                  aria-label={t('cases.open', { name: workspace.patient.name })}
                >
                  {workspace.patient.name}
                </Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t('cases.employer')}</dt>
                  <dd>{workspace.employer?.name ?? '–'}</dd>
                </div>
                <div>
                  <dt>{t('cases.day')}</dt>
                  <dd>{workspace.rehabChain.day}</dd>
                </div>
                <div>
                  <dt>{t('cases.signals')}</dt>
                  <dd>
                    <Signals workspace={workspace} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <CaseOpenings />
    </div>
  );
}
