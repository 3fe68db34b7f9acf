// The patient's screen: her plan, what comes next, her own view and sign-off.
import type { PlanView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, formatSlot, today } from '../../components/ui';
import { blank } from '../../lib/forms';
import { useSavePatientView } from '../../lib/plan';
import { useMeetings, useTasks } from '../../lib/queries';
import { useWorkspace } from '../../lib/workspace';
import { PlanEditor } from './plan-editor';
import type { EditRights } from './plan-form';
import { Chain, Contact, FollowUps, Goal, Measures, Steps } from './plan-parts';
import { SignOff } from './sign-off';

export function PatientPlan({ plan, rights }: { plan: PlanView; rights: EditRights }) {
  return (
    <div className="plan plan-patient">
      <Goal plan={plan} mine />
      <WhatsNext plan={plan} />
      <Steps plan={plan} mine readOnly={!rights.steps} />
      <Chain mine />
      <Measures plan={plan} />
      <FollowUps plan={plan} />
      <Contact plan={plan} />
      <PatientView plan={plan} />
      {rights.measures ? <PlanEditor plan={plan} rights={rights} /> : null}
      <SignOff plan={plan} />
    </div>
  );
}

function WhatsNext({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const tasks = useTasks(ws.id);
  const meetings = useMeetings(ws.id);
  const now = today();
  const items: Array<{ key: string; date: string; text: string }> = [];
  for (const m of plan.measures) {
    if (m.startDate && m.startDate >= now) {
      items.push({
        key: `m-${m.id}`,
        date: m.startDate,
        text: t('plan.nextMeasure', { title: m.title, date: formatDate(m.startDate) }),
      });
    }
  }
  for (const f of plan.followUps) {
    if (!f.done && f.date >= now) {
      items.push({
        key: `f-${f.date}-${f.description}`,
        date: f.date,
        text: t('plan.nextFollowUp', { date: formatDate(f.date), text: f.description }),
      });
    }
  }
  for (const task of tasks.data?.tasks ?? []) {
    if (
      task.status !== 'DONE' &&
      task.status !== 'CANCELLED' &&
      task.dueDate &&
      task.assigneeParty === 'PATIENT'
    ) {
      items.push({
        key: `t-${task.id}`,
        date: task.dueDate,
        text: t('plan.nextTask', { title: task.title, date: formatDate(task.dueDate) }),
      });
    }
  }
  for (const meeting of meetings.data?.meetings ?? []) {
    const slot = meeting.slots.find((s) => s.id === meeting.scheduledSlotId);
    if (meeting.status === 'SCHEDULED' && slot && slot.start.slice(0, 10) >= now) {
      items.push({
        key: `mt-${meeting.id}`,
        date: slot.start.slice(0, 10),
        text: t('plan.nextMeeting', {
          title: meeting.title,
          time: formatSlot(slot.start, slot.end),
        }),
      });
    }
  }
  items.sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="next-heading" className="card">
      <h3 id="next-heading">{t('plan.next')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('plan.nothingNext')}</p>
      ) : (
        <ul className="next-list">
          {items.slice(0, 6).map((item) => (
            <li key={item.key}>{item.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The patient's own view and goals: only she writes it. A stale save gets 409, never an overwrite. */
function PatientView({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [text, setText] = useState(plan.patientView ?? '');
  const [saved, setSaved] = useState(false);
  const [stale, setStale] = useState(false);
  const id = 'patient-view';
  const save = useSavePatientView(ws.id, {
    onSuccess: () => {
      setSaved(true);
      setStale(false);
    },
    onStale: () => {
      setStale(true);
    },
  });
  if (!ws.can('plan:update-patient-view')) {
    return plan.patientView ? (
      <section aria-labelledby="pv-heading">
        <h3 id="pv-heading">{t('plan.patientView')}</h3>
        <p>{plan.patientView}</p>
      </section>
    ) : null;
  }
  return (
    <section aria-labelledby="pv-heading">
      <h3 id="pv-heading">{t('plan.patientView')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate({ version: plan.version, patientView: blank(text) });
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('plan.patientViewLabel')}</label>
          <textarea
            id={id}
            rows={3}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setSaved(false);
            }}
          />
        </div>
        {saved ? (
          <p role="status" className="alert alert-ok">
            {t('plan.patientViewSaved')}
          </p>
        ) : null}
        {stale ? (
          <p role="alert" className="alert alert-error">
            {t('plan.patientViewStale')}
          </p>
        ) : null}
        {save.error && !stale ? <ErrorMessage error={save.error} /> : null}
        <button type="submit" className="button" disabled={save.isPending}>
          {t('app.save')}
        </button>
      </form>
    </section>
  );
}
