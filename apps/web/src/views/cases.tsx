import type { WorkspaceSummary } from '@atergang/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { today } from '../components/ui';
import { useMeetings, usePlan, useTasks } from '../lib/queries';

/** Signals for care and FK: plan missing after day 30, no follow-up booked, overdue tasks. */
function Signals({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const plan = usePlan(workspace.id);
  const tasks = useTasks(workspace.id);
  const meetings = useMeetings(workspace.id);
  const signals: string[] = [];
  const now = today();
  if (
    plan.data &&
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
    if (!followUpInPlan && !meetingBooked) signals.push(t('cases.noFollowUp'));
  }
  const overdue = tasks.data?.tasks.filter((task) => task.overdue).length ?? 0;
  if (overdue > 0) signals.push(t('cases.overdue', { count: overdue }));
  if (signals.length === 0) return <span className="muted">{t('cases.noSignals')}</span>;
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
  useEffect(() => {
    document.title = `${t('cases.title')} – Återgång`;
  }, [t]);
  return (
    <div>
      <h1 className="page-title" tabIndex={-1}>
        {t('cases.title')}
      </h1>
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
    </div>
  );
}
