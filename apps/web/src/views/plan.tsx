import {
  MEASURE_CATEGORIES,
  MEASURE_KINDS,
  MEASURE_STATUSES,
  type MeasureCategory,
  type MeasureKind,
  type MeasureStatus,
  type Party,
  type Permission,
  type PlanNotNeededRequest,
  planNotNeededRequestSchema,
  type PlanPartName,
  type PlanRevisionView,
  type PlanSignoffView,
  SICK_LEAVE_DEGREES,
  SIGNOFF_DECISIONS,
  type SignoffDecision,
  type SickLeaveStepInput,
  type PlanMeasureView,
  type PlanView,
  type UpdatePlanRequest,
  updatePlanRequestSchema,
} from '@atergang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ErrorMessage,
  Field,
  formatDate,
  formatSlot,
  Loading,
  PageTitle,
  problemFieldErrors,
  today,
  Withheld,
} from '../components/ui';
import { api, ApiError } from '../lib/api';
import { blank, contractResolver } from '../lib/forms';
import { keys, useMeetings, usePlan, usePlanRevisions, useTasks } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';
import { PlanDocumentLink } from './plan-document-link';
import { PlanOut } from './plan-handover/plan-out';

export function PlanPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const plan = usePlan(ws.id);
  if (plan.isPending) return <Loading />;
  if (plan.error) return <ErrorMessage error={plan.error} />;
  const rights = editRights(ws.can, plan.data);
  // What the editor offers is what the overview's permissions (the API's own policy) say.
  const canEdit = rights.employerPart || rights.steps || rights.measures;
  return (
    <div>
      <PageTitle>{ws.isPatient ? t('plan.myTitle') : t('plan.title')}</PageTitle>
      <PlanDocumentLink />
      <Withheld categories={plan.data.withheld} patientName={ws.patient.name} party={ws.me.party} />
      {ws.isPatient ? (
        <PatientPlan plan={plan.data} rights={rights} />
      ) : (
        <PlanReader plan={plan.data} rights={rights} />
      )}
      {/* A verdict only about a plan the caller can see and that is needed at all. */}
      {!ws.isPatient && !isWithheld(plan.data, 'goal') && !plan.data.notNeededReason ? (
        <QualityCheck plan={plan.data} />
      ) : null}
      {ws.can('plan:record-not-needed') && !plan.data.notNeededReason ? <NotNeeded /> : null}
      {!ws.isPatient && canEdit ? <PlanEditor plan={plan.data} rights={rights} /> : null}
      <PlanOut planVersion={plan.data.version} />
      <Revisions />
    </div>
  );
}

/** Which parts of the plan the caller may write, from the overview's permissions. */
interface EditRights {
  /** Goal, expected return date and basis, contact arrangements, follow-ups. */
  readonly employerPart: boolean;
  /** The graded sick-leave steps (the doctor's decision), until certificates set them. */
  readonly steps: boolean;
  /** The measures of the caller's own party. */
  readonly measures: boolean;
  /** ... and among them measures of category MEDICAL. */
  readonly medicalMeasures: boolean;
}

function editRights(can: (permission: Permission) => boolean, plan: PlanView): EditRights {
  return {
    employerPart: can('plan:update-employer-part'),
    // Once the case has certificates, a new certificate is the only way to change them.
    steps: can('plan:update-sick-leave-steps') && !plan.stepsFromCertificates,
    measures: can('plan:update-measures'),
    medicalMeasures: can('plan:update-measures') && can('plan:update-medical-measures'),
  };
}

/** Whether the API withheld this part of the plan from the caller (it reads as empty). */
const isWithheld = (plan: PlanView, part: PlanPartName): boolean =>
  plan.withheldParts.includes(part);

/**
 * Said in place of a part the caller may not read, so that nothing withheld looks empty:
 * who decides (the patient) and what the caller still sees.
 */
function WithheldPart({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  return (
    <p className="muted withheld-part" data-testid={testId}>
      {t('plan.withheldPart', { patient: ws.firstName })}
    </p>
  );
}

function measureTitle(plan: PlanView, measureId: string | null): string {
  return plan.measures.find((m) => m.id === measureId)?.title ?? '';
}

function QualityCheck({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="quality-heading">
      <h3 id="quality-heading">{t('plan.quality')}</h3>
      {plan.quality.length === 0 ? (
        <p className="ok">{t('plan.qualityOk')}</p>
      ) : (
        <>
          <p>{t('plan.qualityIntro')}</p>
          <ul className="quality-list">
            {plan.quality.map((problem) => (
              <li key={`${problem.code}-${problem.path}`}>
                {t(`quality.${problem.code}`, { title: measureTitle(plan, problem.measureId) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The employer's documented assessment that no plan för återgång i arbete is needed
 * (SFB 30 kap. 6 §, e.g. back at work within 60 days), with its reason.
 */
function NotNeeded() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const form = useForm<PlanNotNeededRequest>({
    defaultValues: { reason: '' },
    resolver: contractResolver(
      planNotNeededRequestSchema,
      (values: PlanNotNeededRequest) => values,
    ),
  });
  const record = useMutation({
    mutationFn: (body: PlanNotNeededRequest) =>
      api(`/workspaces/${ws.id}/plan/not-needed`, { method: 'PUT', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.plan(ws.id) });
      void queryClient.invalidateQueries({ queryKey: keys.tasks(ws.id) });
    },
    onError: (error) => {
      for (const { path, message } of problemFieldErrors(error)) {
        if (path === 'reason') form.setError('reason', { type: 'server', message });
      }
    },
  });
  const { errors } = form.formState;
  return (
    <details className="card not-needed">
      <summary>{t('plan.notNeededSummary')}</summary>
      <p>{t('plan.notNeededIntro')}</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            record.mutate(values);
          })(event)
        }
      >
        <Field label={t('plan.notNeededReason')} error={errors.reason?.message}>
          {(props) => <textarea rows={3} {...props} {...form.register('reason')} />}
        </Field>
        {record.error ? <ErrorMessage error={record.error} /> : null}
        <button type="submit" className="button" disabled={record.isPending}>
          {t('plan.notNeededButton')}
        </button>
      </form>
    </details>
  );
}

function Steps({
  plan,
  mine,
  readOnly,
}: {
  plan: PlanView;
  mine: boolean;
  /** The caller may not change the steps: say who decides them. */
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const now = today();
  return (
    <section aria-labelledby="steps-heading">
      <h3 id="steps-heading">{mine ? t('plan.steps') : t('plan.stepsOthers')}</h3>
      {plan.stepsFromCertificates ? null : readOnly ? (
        <p className="muted" data-testid="steps-decided-by-doctor">
          {mine ? t('plan.stepsDoctorDecidesMine') : t('plan.stepsDoctorDecides')}
        </p>
      ) : null}
      {/* Certificates say who decides: the doctor, by writing the next one. */}
      {plan.stepsFromCertificates ? (
        <p className="muted" data-testid="steps-from-certificates">
          {mine ? t('plan.stepsFromCertificatesMine') : t('plan.stepsFromCertificates')}
        </p>
      ) : null}
      {isWithheld(plan, 'sickLeaveSteps') ? (
        <WithheldPart />
      ) : plan.sickLeaveSteps.length === 0 ? (
        <p className="muted">{t('plan.noSteps')}</p>
      ) : (
        <ol className="timeline">
          {plan.sickLeaveSteps.map((step) => {
            const current = step.fromDate <= now && (!step.toDate || step.toDate >= now);
            return (
              <li
                key={step.fromDate}
                className={current ? 'timeline-step current' : 'timeline-step'}
              >
                <span className="timeline-degree" aria-hidden="true">
                  {step.degree} %
                </span>
                <span>
                  <strong>
                    {step.degree === 0
                      ? t('plan.stepBack')
                      : t('plan.step', { degree: step.degree })}
                  </strong>{' '}
                  {step.toDate
                    ? t('plan.stepFromTo', {
                        from: formatDate(step.fromDate),
                        to: formatDate(step.toDate),
                      })
                    : t('plan.stepFrom', { from: formatDate(step.fromDate) })}
                  {current ? <span className="badge"> {t('plan.current')}</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Chain({ mine }: { mine: boolean }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const chain = ws.rehabChain;
  const en = i18n.language === 'en';
  const upcoming = chain.milestones.filter((m) => m.status !== 'PASSED').slice(0, 3);
  return (
    <section aria-labelledby="chain-heading">
      <h3 id="chain-heading">{mine ? t('plan.chain') : t('plan.chainOthers')}</h3>
      <p className="chain-day">
        {t('plan.chainDay', {
          day: chain.day,
          phase: en ? chain.phaseLabelEn : chain.phaseLabelSv,
        })}
      </p>
      <ul className="milestones">
        {upcoming.map((m) => (
          <li key={m.key}>
            {t('plan.milestone', {
              day: m.day,
              date: formatDate(m.date),
              title: en ? m.titleEn : m.titleSv,
            })}{' '}
            <span className="muted">({m.legalSource})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Measure({ measure }: { measure: PlanMeasureView }) {
  const { t } = useTranslation();
  return (
    <li className="measure">
      <p className="measure-title">
        <strong>{measure.title}</strong>{' '}
        <span className="tag">{t(`measureKinds.${measure.kind}`)}</span>{' '}
        <span className="tag">{t(`measureStatuses.${measure.status}`)}</span>
        {measure.category === 'MEDICAL' ? (
          <>
            {' '}
            <span className="tag">{t('plan.medicalTag')}</span>
          </>
        ) : null}
      </p>
      {measure.description ? <p>{measure.description}</p> : null}
      <p className="muted">
        {t('plan.owner', { party: t(`parties.${measure.ownerParty}`) })}
        {measure.responsibleName
          ? ` · ${t('plan.responsible', { name: measure.responsibleName })}`
          : ''}
      </p>
      {measure.startDate ? (
        <p className="muted">
          {t('plan.period', {
            from: formatDate(measure.startDate),
            to: formatDate(measure.endDate) || '…',
          })}
          {measure.followUpDate
            ? ` · ${t('plan.followUp', { date: formatDate(measure.followUpDate) })}`
            : ''}
        </p>
      ) : null}
    </li>
  );
}

function FollowUps({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const withheld = isWithheld(plan, 'followUps');
  if (plan.followUps.length === 0 && !withheld) return null;
  return (
    <section aria-labelledby="followups-heading">
      <h3 id="followups-heading">{t('plan.followUps')}</h3>
      {withheld ? <WithheldPart /> : null}
      <ul>
        {plan.followUps.map((f) => (
          <li key={`${f.date}-${f.description}`}>
            {formatDate(f.date)}: {f.description}
            {f.ownerParty ? ` (${t(`parties.${f.ownerParty}`)})` : ''}
            {f.done ? ` – ${t('plan.followUpDone').toLowerCase()}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Measures({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  // Other parties' measures (or the medical ones) are left out of what the caller sees:
  // an empty list then says "not shared", never "no measures yet".
  const partial = plan.withheld.includes('PLAN') || plan.withheld.includes('MEDICAL');
  return (
    <section aria-labelledby="measures-heading">
      <h3 id="measures-heading">{t('plan.measures')}</h3>
      {partial ? (
        <p className="muted" data-testid="measures-withheld">
          {plan.withheld.includes('PLAN')
            ? t('plan.measuresWithheld', { patient: ws.firstName })
            : t('plan.medicalMeasuresWithheld', { patient: ws.firstName })}
        </p>
      ) : null}
      {plan.measures.length === 0 ? (
        partial ? null : (
          <p className="muted">{t('plan.noMeasures')}</p>
        )
      ) : (
        <ul className="measures">
          {plan.measures.map((measure) => (
            <Measure key={measure.id} measure={measure} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Goal({ plan, mine }: { plan: PlanView; mine: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="goal-heading" className="card goal">
      <h3 id="goal-heading">{mine ? t('plan.myGoal') : t('plan.goal')}</h3>
      {isWithheld(plan, 'goal') ? (
        <WithheldPart testId="plan-goal-withheld" />
      ) : (
        <p className="goal-text" data-testid="plan-goal">
          {plan.goal ?? t('plan.noGoal')}
        </p>
      )}
      {plan.notNeededReason ? (
        <p className="alert" data-testid="plan-not-needed">
          {t('plan.notNeededRecorded', { reason: plan.notNeededReason })}
        </p>
      ) : null}
      {plan.expectedReturnDate ? (
        <p>
          <strong>{t('plan.expectedReturn', { date: formatDate(plan.expectedReturnDate) })}</strong>
        </p>
      ) : null}
      {plan.expectedReturnBasis ? (
        <p className="muted">{t('plan.basis', { text: plan.expectedReturnBasis })}</p>
      ) : null}
      {plan.version > 0 && plan.updatedAt ? (
        <p className="muted">
          {t('plan.version', { version: plan.version, date: formatDate(plan.updatedAt) })}
        </p>
      ) : null}
    </section>
  );
}

function Contact({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const withheld = isWithheld(plan, 'contactArrangements');
  if (!plan.contactArrangements && !withheld) return null;
  return (
    <section aria-labelledby="contact-heading">
      <h3 id="contact-heading">{t('plan.contact')}</h3>
      {withheld ? <WithheldPart /> : <p>{plan.contactArrangements}</p>}
    </section>
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

/** The decisions the caller's sign-off may make, in the policy's order (from permissions). */
function myDecisions(can: (permission: Permission) => boolean): SignoffDecision[] {
  return SIGNOFF_DECISIONS.filter((decision) => can(`plan:sign:${decision}`));
}

/** "Maria Lindqvist (Arbetsgivaren) fastställde planen 2 dec 2026" and its siblings. */
function SignoffLine({ signoff }: { signoff: PlanSignoffView }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`plan.decided.${signoff.decision}`, {
        name: signoff.name,
        party: t(`parties.${signoff.party}`),
        date: formatDate(signoff.signedAt),
      })}
      {signoff.comment ? (
        <>
          {' '}
          <q>{signoff.comment}</q>
        </>
      ) : null}
    </>
  );
}

/**
 * Sign-off: the employer establishes its plan (fastställer); the patient confirms she took
 * part and agrees, or records that she does not. A save that changed what someone signed
 * makes it an earlier sign-off: they are told so here and asked again.
 */
function SignOff({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const sign = useMutation({
    mutationFn: (decision: SignoffDecision) =>
      api(`/workspaces/${ws.id}/plan/signoffs`, {
        method: 'POST',
        body: { version: plan.version, decision, comment: blank(comment) },
      }),
    onSuccess: () => {
      setComment('');
      void queryClient.invalidateQueries({ queryKey: keys.plan(ws.id) });
      void queryClient.invalidateQueries({ queryKey: keys.revisions(ws.id) });
    },
  });
  if (plan.version === 0 || isWithheld(plan, 'goal')) return null;
  const decisions = myDecisions(ws.can);
  const mine = plan.signoffs.find((s) => s.byMe);
  const myEarlier = plan.earlierSignoffs.find((s) => s.byMe);
  const others = plan.earlierSignoffs.filter((s) => s !== myEarlier);
  const commentId = 'signoff-comment';
  return (
    <section aria-labelledby="signoff-heading" className="signoff">
      <h3 id="signoff-heading">{t('plan.signoffs', { version: plan.version })}</h3>
      {plan.signoffs.length > 0 ? (
        <ul>
          {plan.signoffs.map((s) => (
            <li key={`${s.party}-${s.name}`}>
              <SignoffLine signoff={s} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('plan.noSignoffs')}</p>
      )}
      {others.length > 0 ? (
        <>
          <p className="muted">{t('plan.earlierSignoffs')}</p>
          <ul className="muted">
            {others.map((s) => (
              <li key={`${s.party}-${s.name}`}>
                {t('plan.earlierVersion', { version: s.version })}: <SignoffLine signoff={s} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {myEarlier && !mine ? (
        <p role="status" className="alert" data-testid="signoff-asked-again">
          {t(`plan.askAgain.${myEarlier.decision}`, {
            version: myEarlier.version,
            current: plan.version,
          })}
        </p>
      ) : null}
      {mine ? (
        <p className="ok" data-testid="signoff-mine">
          {t(`plan.signedMine.${mine.decision}`)}
        </p>
      ) : null}
      {decisions.length > 0 && (!mine || decisions.length > 1) ? (
        <div className="signoff-actions">
          {decisions.includes('DISAGREED') ? (
            <div className="field">
              <label htmlFor={commentId}>{t('plan.signoffComment')}</label>
              <textarea
                id={commentId}
                rows={2}
                value={comment}
                onChange={(event) => {
                  setComment(event.target.value);
                }}
              />
            </div>
          ) : null}
          <p className="actions">
            {decisions
              .filter((decision) => decision !== mine?.decision)
              .map((decision) => (
                <button
                  key={decision}
                  type="button"
                  className={decision === decisions[0] ? 'button button-primary' : 'button'}
                  onClick={() => {
                    sign.mutate(decision);
                  }}
                  disabled={sign.isPending}
                >
                  {t(`plan.decide.${decision}`)}
                </button>
              ))}
          </p>
        </div>
      ) : null}
      {sign.error ? <ErrorMessage error={sign.error} /> : null}
    </section>
  );
}

function PatientPlan({ plan, rights }: { plan: PlanView; rights: EditRights }) {
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

/** The patient's own view and goals: only she writes it. A stale save gets 409, never an overwrite. */
function PatientView({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const [text, setText] = useState(plan.patientView ?? '');
  const [saved, setSaved] = useState(false);
  const [stale, setStale] = useState(false);
  const id = 'patient-view';
  const save = useMutation({
    mutationFn: (version: number) =>
      api<PlanView>(`/workspaces/${ws.id}/plan`, {
        method: 'PUT',
        body: { version, patientView: blank(text) },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.plan(ws.id), next);
      setSaved(true);
      setStale(false);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setStale(true);
        void queryClient.invalidateQueries({ queryKey: keys.plan(ws.id) });
      }
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
          save.mutate(plan.version);
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

function PlanReader({ plan, rights }: { plan: PlanView; rights: EditRights }) {
  const { t } = useTranslation();
  return (
    <div className="plan">
      <Goal plan={plan} mine={false} />
      <div className="two-columns">
        <Steps plan={plan} mine={false} readOnly={!rights.steps} />
        <Chain mine={false} />
      </div>
      <Measures plan={plan} />
      <FollowUps plan={plan} />
      <Contact plan={plan} />
      {plan.patientView ? (
        <section aria-labelledby="pv-heading">
          <h3 id="pv-heading">{t('plan.patientViewOthers')}</h3>
          <p>{plan.patientView}</p>
        </section>
      ) : null}
      <SignOff plan={plan} />
    </div>
  );
}

/**
 * The plan's history as the caller may see it: each version with its time, author, what
 * changed (opened, the diff from the API) and who signed it.
 */
function Revisions() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const revisions = usePlanRevisions(ws.id);
  if (!revisions.data || revisions.data.length === 0) return null;
  return (
    <details className="revisions">
      <summary>{t('plan.revisions')}</summary>
      <ol reversed className="revision-list">
        {revisions.data.map((r) => (
          <li key={r.number} data-testid={`revision-${String(r.number)}`}>
            <p>
              <strong>{t('plan.revisionTitle', { version: r.number })}</strong>{' '}
              {formatDate(r.createdAt)} – {r.authorName} ({t(`parties.${r.authorParty}`)}):{' '}
              {i18n.language === 'en' ? r.summaryEn : r.summary}
            </p>
            {r.signoffs.length > 0 ? (
              <ul className="muted">
                {r.signoffs.map((s) => (
                  <li key={`${s.party}-${s.name}-${s.signedAt}`}>
                    <SignoffLine signoff={s} />
                  </li>
                ))}
              </ul>
            ) : null}
            <RevisionChanges number={r.number} />
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One version's changes, fetched when opened: each field's value before and after. */
function RevisionChanges({ number }: { number: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [open, setOpen] = useState(false);
  const labels = useDiffLabels();
  const revision = useQuery({
    queryKey: [...keys.revisions(ws.id), number],
    queryFn: () => api<PlanRevisionView>(`/workspaces/${ws.id}/plan/revisions/${String(number)}`),
    enabled: open,
  });
  const value = (v: unknown): string =>
    v === null || v === undefined || v === ''
      ? t('plan.empty_value')
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return (
    <details
      onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}
    >
      <summary>{t('plan.revisionChanges', { version: number })}</summary>
      {revision.isPending && open ? <Loading /> : null}
      {revision.error ? <ErrorMessage error={revision.error} /> : null}
      {revision.data ? (
        <ul className="diff">
          {revision.data.diff.map((entry, index) => (
            <li key={`${entry.path}-${String(index)}`}>
              {entry.measure ? `${entry.measure.title}: ` : ''}
              {t(`plan.diff.${entry.op}`, {
                what: diffLabel(entry.path, labels),
                from: value(entry.from),
                to: value(entry.to),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

/** A diff path ('goal', 'measures[<id>].status') in the reader's words. */
function diffLabel(path: string, labels: Readonly<Record<string, string>>): string {
  const field = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1) : path;
  const base = field.replace(/\[.*$/, '');
  return labels[base] ?? base;
}

function useDiffLabels(): Readonly<Record<string, string>> {
  const { t } = useTranslation();
  return {
    goal: t('plan.goalLabel'),
    expectedReturnDate: t('plan.returnLabel'),
    expectedReturnBasis: t('plan.basisLabel'),
    contactArrangements: t('plan.contactLabel'),
    patientView: t('plan.patientView'),
    sickLeaveSteps: t('plan.stepsOthers'),
    followUps: t('plan.followUps'),
    measures: t('plan.measures'),
    title: t('plan.measureTitle'),
    description: t('plan.descriptionLabel'),
    responsibleName: t('plan.responsibleLabel'),
    startDate: t('plan.start'),
    endDate: t('plan.end'),
    followUpDate: t('plan.followUpLabel'),
    status: t('plan.status'),
    kind: t('plan.kind'),
    category: t('plan.category'),
  };
}

// ---------------------------------------------------------------------------------------
// Editing, and merging after a conflict
// ---------------------------------------------------------------------------------------

interface MeasureForm {
  id?: string | undefined;
  category: MeasureCategory;
  kind: MeasureKind;
  title: string;
  description: string;
  responsibleName: string;
  startDate: string;
  endDate: string;
  followUpDate: string;
  status: MeasureStatus;
}

interface StepForm {
  degree: string;
  fromDate: string;
  toDate: string;
}

interface FollowUpForm {
  date: string;
  description: string;
  ownerParty: Party | null;
  done: boolean;
}

interface PlanForm {
  goal: string;
  expectedReturnDate: string;
  expectedReturnBasis: string;
  contactArrangements: string;
  measures: MeasureForm[];
  sickLeaveSteps: StepForm[];
  followUps: FollowUpForm[];
}

/**
 * The form for the plan as read. Only the caller's own measures are in it (a party writes
 * only its own); a medical one only when the caller may write medical measures.
 */
function toForm(plan: PlanView, party: Party, rights: EditRights): PlanForm {
  return {
    goal: plan.goal ?? '',
    expectedReturnDate: plan.expectedReturnDate ?? '',
    expectedReturnBasis: plan.expectedReturnBasis ?? '',
    contactArrangements: plan.contactArrangements ?? '',
    measures: plan.measures
      .filter((m) => m.ownerParty === party && (rights.medicalMeasures || m.category !== 'MEDICAL'))
      .map((m) => ({
        id: m.id,
        category: m.category,
        kind: m.kind,
        title: m.title,
        description: m.description ?? '',
        responsibleName: m.responsibleName ?? '',
        startDate: m.startDate ?? '',
        endDate: m.endDate ?? '',
        followUpDate: m.followUpDate ?? '',
        status: m.status,
      })),
    sickLeaveSteps: plan.sickLeaveSteps.map((step) => ({
      degree: String(step.degree),
      fromDate: step.fromDate,
      toDate: step.toDate ?? '',
    })),
    followUps: plan.followUps.map((f) => ({
      date: f.date,
      description: f.description,
      ownerParty: f.ownerParty,
      done: f.done,
    })),
  };
}

const EMPLOYER_FIELDS = [
  'goal',
  'expectedReturnDate',
  'expectedReturnBasis',
  'contactArrangements',
] as const;

/**
 * The parts of the form the caller may write, as the request would carry them: every field
 * of the caller's own measures is in the form, so a save never sends a value nobody saw.
 */
function writableParts(values: PlanForm, rights: EditRights): Omit<UpdatePlanRequest, 'version'> {
  const request: Omit<UpdatePlanRequest, 'version'> = {};
  if (rights.employerPart) {
    for (const field of EMPLOYER_FIELDS) request[field] = blank(values[field]);
    request.followUps = values.followUps.map((f) => ({
      date: f.date,
      description: f.description,
      ownerParty: f.ownerParty,
      done: f.done,
    }));
  }
  if (rights.steps) {
    request.sickLeaveSteps = values.sickLeaveSteps.map((step) => ({
      degree: Number(step.degree) as SickLeaveStepInput['degree'],
      fromDate: step.fromDate,
      toDate: blank(step.toDate),
    }));
  }
  if (rights.measures) {
    request.measures = values.measures.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      category: m.category,
      kind: m.kind,
      title: m.title,
      description: blank(m.description),
      responsibleName: blank(m.responsibleName),
      startDate: blank(m.startDate),
      endDate: blank(m.endDate),
      followUpDate: blank(m.followUpDate),
      status: m.status,
    }));
  }
  return request;
}

/**
 * The save: `version` from GET and only the parts that changed since then, and only those
 * the caller may write (the API keeps every part a save leaves out). The measures list,
 * when sent, holds all of the caller's own measures: one of them left out is deleted.
 */
function changesOf(
  values: PlanForm,
  base: PlanForm,
  version: number,
  rights: EditRights,
): UpdatePlanRequest | null {
  const next = writableParts(values, rights);
  const before = writableParts(base, rights);
  const request: UpdatePlanRequest = { version };
  let changed = false;
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) {
      Object.assign(request, { [key]: next[key] });
      changed = true;
    }
  }
  return changed ? request : null;
}

/** A new measure starts as the kind a party most often proposes. */
const DEFAULT_MEASURE_KIND: Readonly<Record<Party, MeasureKind>> = {
  PATIENT: 'OTHER',
  EMPLOYER: 'WORKPLACE_ADAPTATION',
  CARE: 'REHABILITATION',
  FK: 'COORDINATION',
  AF: 'LABOUR_MARKET',
  OCCUPATIONAL_HEALTH: 'OCCUPATIONAL_HEALTH',
};

const emptyMeasure = (party: Party): MeasureForm => ({
  category: 'PLAN',
  kind: DEFAULT_MEASURE_KIND[party],
  title: '',
  description: '',
  responsibleName: '',
  startDate: '',
  endDate: '',
  followUpDate: '',
  status: 'PLANNED',
});

interface Conflict {
  mine: PlanForm;
  theirs: PlanView;
}

/** The form and the plan version it was loaded from: a save sends the changes since then. */
interface Baseline {
  version: number;
  form: PlanForm;
}

function PlanEditor({ plan, rights }: { plan: PlanView; rights: EditRights }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const queryClient = useQueryClient();
  const party = ws.me.party;
  // The version this form is based on: it changes only when the user loads a newer one.
  const [baseline, setBaseline] = useState<Baseline>(() => ({
    version: plan.version,
    form: toForm(plan, party, rights),
  }));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  const form = useForm<PlanForm>({
    defaultValues: baseline.form,
    // Only what the caller may write is checked (and sent): other parts are not in the form.
    resolver: contractResolver(updatePlanRequestSchema, (values: PlanForm) => ({
      version: baseline.version,
      ...writableParts(values, rights),
    })),
  });
  const measures = useFieldArray({ control: form.control, name: 'measures' });
  const steps = useFieldArray({ control: form.control, name: 'sickLeaveSteps' });
  const followUps = useFieldArray({ control: form.control, name: 'followUps' });
  const { errors, isDirty } = form.formState;

  const loadBaseline = (next: PlanView) => {
    const nextForm = toForm(next, party, rights);
    form.reset(nextForm);
    setBaseline({ version: next.version, form: nextForm });
  };

  // A newer plan arrives live: an untouched form follows it; a form being edited keeps the
  // user's text, and a save will meet the conflict view instead of overwriting.
  useEffect(() => {
    if (!isDirty && plan.version !== baseline.version) {
      const nextForm = toForm(plan, party, rights);
      form.reset(nextForm);
      setBaseline({ version: plan.version, form: nextForm });
    }
  }, [plan, isDirty, baseline.version, form, party, rights]);

  const save = useMutation({
    mutationFn: (request: UpdatePlanRequest) =>
      api<PlanView>(`/workspaces/${ws.id}/plan`, {
        method: 'PUT',
        body: request,
        headers: { 'if-match': `"${request.version ?? 0}"` },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.plan(ws.id), next);
      void queryClient.invalidateQueries({ queryKey: keys.revisions(ws.id) });
      loadBaseline(next);
      setConflict(null);
      setSaved(next.version);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && error.problem?.current) {
        const theirs = error.problem.current as PlanView;
        setConflict({ mine: form.getValues(), theirs });
        queryClient.setQueryData(keys.plan(ws.id), theirs);
        return;
      }
      // A refusal that names a field (a part not the caller's, a medical measure) shows there.
      for (const { path, message } of problemFieldErrors(error)) {
        form.setError(path as FieldPath<PlanForm>, { type: 'server', message });
      }
    },
  });

  const submit = (values: PlanForm, base: Baseline) => {
    setSaved(null);
    const request = changesOf(values, base.form, base.version, rights);
    setUnchanged(request === null);
    if (request) save.mutate(request);
  };
  const onSubmit = form.handleSubmit((values) => {
    submit(values, baseline);
  });

  const listFormat = new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'long',
    type: 'conjunction',
  });
  const parts = [
    ...(rights.employerPart ? [t('plan.partEmployer')] : []),
    ...(rights.steps ? [t('plan.partSteps')] : []),
    ...(rights.measures ? [t('plan.partMeasures', { party: t(`parties.${party}`) })] : []),
  ];
  const mine = ws.isPatient;

  return (
    <section className="card editor" aria-labelledby="edit-heading">
      <h3 id="edit-heading">{mine ? t('plan.editMine') : t('plan.edit')}</h3>
      <p className="muted">
        {mine ? t('plan.editIntroMine') : t('plan.editIntro', { parts: listFormat.format(parts) })}
      </p>
      {saved !== null ? (
        <p role="status" className="alert alert-ok">
          {t('plan.saved', { version: saved })}
        </p>
      ) : null}
      {unchanged ? (
        <p role="status" className="alert">
          {t('plan.nothingChanged')}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="alert alert-error">
          {t('plan.formErrors')}
        </p>
      ) : null}
      {save.error && !(save.error instanceof ApiError && save.error.status === 409) ? (
        <ErrorMessage error={save.error} />
      ) : null}
      {conflict ? (
        <ConflictMerge
          conflict={conflict}
          rights={rights}
          onDiscard={() => {
            loadBaseline(conflict.theirs);
            setConflict(null);
          }}
          onSave={(merged) => {
            const base = {
              version: conflict.theirs.version,
              form: toForm(conflict.theirs, party, rights),
            };
            form.reset(merged);
            setBaseline(base);
            const request = changesOf(merged, base.form, base.version, rights);
            if (request) {
              save.mutate(request);
            } else {
              // Every part taken from the saved version: nothing of mine is left to save.
              loadBaseline(conflict.theirs);
              setConflict(null);
            }
          }}
        />
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate hidden={conflict !== null}>
        {rights.employerPart ? (
          <>
            <h4>{t('plan.employerPart')}</h4>
            <Field label={t('plan.goalLabel')} error={errors.goal?.message}>
              {(props) => <textarea rows={3} {...props} {...form.register('goal')} />}
            </Field>
            <div className="row">
              <Field label={t('plan.returnLabel')} error={errors.expectedReturnDate?.message}>
                {(props) => (
                  <input type="date" {...props} {...form.register('expectedReturnDate')} />
                )}
              </Field>
              <Field label={t('plan.basisLabel')} error={errors.expectedReturnBasis?.message}>
                {(props) => (
                  <input type="text" {...props} {...form.register('expectedReturnBasis')} />
                )}
              </Field>
            </div>
            <Field label={t('plan.contactLabel')} error={errors.contactArrangements?.message}>
              {(props) => (
                <textarea rows={2} {...props} {...form.register('contactArrangements')} />
              )}
            </Field>
            <h4>{t('plan.followUps')}</h4>
            {followUps.fields.map((field, index) => {
              const e = errors.followUps?.[index];
              return (
                <fieldset key={field.id}>
                  <legend>{t('plan.followUpLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.followUpDate')} error={e?.date?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`followUps.${index}.date`)}
                        />
                      )}
                    </Field>
                    <Field label={t('plan.followUpWhat')} error={e?.description?.message}>
                      {(props) => (
                        <input
                          type="text"
                          {...props}
                          {...form.register(`followUps.${index}.description`)}
                        />
                      )}
                    </Field>
                  </div>
                  <label className="checkbox">
                    <input type="checkbox" {...form.register(`followUps.${index}.done`)} />{' '}
                    {t('plan.followUpDone')}
                  </label>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      followUps.remove(index);
                    }}
                  >
                    {t('plan.removeFollowUp', { n: index + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  followUps.append({ date: '', description: '', ownerParty: party, done: false });
                }}
              >
                {t('plan.addFollowUp')}
              </button>
            </p>
          </>
        ) : null}
        {rights.steps ? (
          <>
            <h4>{t('plan.stepsOthers')}</h4>
            {steps.fields.map((field, index) => {
              const e = errors.sickLeaveSteps?.[index];
              return (
                <fieldset key={field.id}>
                  <legend>{t('plan.stepLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.degree')} error={e?.degree?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`sickLeaveSteps.${index}.degree`)}>
                          {SICK_LEAVE_DEGREES.map((degree) => (
                            <option key={degree} value={String(degree)}>
                              {degree} %
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={t('plan.from')} error={e?.fromDate?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`sickLeaveSteps.${index}.fromDate`)}
                        />
                      )}
                    </Field>
                    <Field label={t('plan.to')} error={e?.toDate?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`sickLeaveSteps.${index}.toDate`)}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      steps.remove(index);
                    }}
                  >
                    {t('plan.removeStep', { n: index + 1 })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  steps.append({ degree: '50', fromDate: '', toDate: '' });
                }}
              >
                {t('plan.addStep')}
              </button>
            </p>
          </>
        ) : null}
        {rights.measures ? (
          <>
            <h4>{mine ? t('plan.myMeasuresMine') : t('plan.myMeasures')}</h4>
            {measures.fields.map((field, index) => {
              const e = errors.measures?.[index];
              return (
                <fieldset key={field.id} className="measure-form">
                  <legend>{t('plan.measureLegend', { n: index + 1 })}</legend>
                  <div className="row">
                    <Field label={t('plan.kind')} error={e?.kind?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`measures.${index}.kind`)}>
                          {MEASURE_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {t(`measureKinds.${kind}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={t('plan.status')} error={e?.status?.message}>
                      {(props) => (
                        <select {...props} {...form.register(`measures.${index}.status`)}>
                          {MEASURE_STATUSES.map((status) => (
                            <option key={status} value={status}>
                              {t(`measureStatuses.${status}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    {rights.medicalMeasures ? (
                      <Field
                        label={t('plan.category')}
                        error={e?.category?.message}
                        hint={
                          mine
                            ? t('plan.categoryHintMine')
                            : t('plan.categoryHint', { patient: ws.firstName })
                        }
                      >
                        {(props) => (
                          <select {...props} {...form.register(`measures.${index}.category`)}>
                            {MEASURE_CATEGORIES.map((category) => (
                              <option key={category} value={category}>
                                {category === 'MEDICAL'
                                  ? t('plan.categoryMedical')
                                  : t('plan.categoryPlan')}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    ) : null}
                  </div>
                  <Field label={t('plan.measureTitle')} error={e?.title?.message}>
                    {(props) => (
                      <input type="text" {...props} {...form.register(`measures.${index}.title`)} />
                    )}
                  </Field>
                  <Field label={t('plan.descriptionLabel')} error={e?.description?.message}>
                    {(props) => (
                      <textarea
                        rows={2}
                        {...props}
                        {...form.register(`measures.${index}.description`)}
                      />
                    )}
                  </Field>
                  <Field label={t('plan.responsibleLabel')} error={e?.responsibleName?.message}>
                    {(props) => (
                      <input
                        type="text"
                        {...props}
                        {...form.register(`measures.${index}.responsibleName`)}
                      />
                    )}
                  </Field>
                  <div className="row">
                    <Field label={t('plan.start')} error={e?.startDate?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`measures.${index}.startDate`)}
                        />
                      )}
                    </Field>
                    <Field label={t('plan.end')} error={e?.endDate?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`measures.${index}.endDate`)}
                        />
                      )}
                    </Field>
                    <Field label={t('plan.followUpLabel')} error={e?.followUpDate?.message}>
                      {(props) => (
                        <input
                          type="date"
                          {...props}
                          {...form.register(`measures.${index}.followUpDate`)}
                        />
                      )}
                    </Field>
                  </div>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => {
                      measures.remove(index);
                    }}
                  >
                    {t('plan.removeMeasure', {
                      title: form.getValues(`measures.${index}.title`) || index + 1,
                    })}
                  </button>
                </fieldset>
              );
            })}
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  measures.append(emptyMeasure(party));
                }}
              >
                {t('plan.addMeasure')}
              </button>
            </p>
          </>
        ) : null}
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('plan.saving') : t('plan.saveButton')}
        </button>
      </form>
    </section>
  );
}

type Part =
  | 'goal'
  | 'expectedReturnDate'
  | 'expectedReturnBasis'
  | 'contactArrangements'
  | 'measures'
  | 'sickLeaveSteps'
  | 'followUps';

/** The parts of the form the caller may write, in the order the editor shows them. */
function editableParts(rights: EditRights): Part[] {
  return [
    ...(rights.employerPart ? ([...EMPLOYER_FIELDS, 'followUps'] as const) : []),
    ...(rights.steps ? (['sickLeaveSteps'] as const) : []),
    ...(rights.measures ? (['measures'] as const) : []),
  ];
}

function ConflictMerge({
  conflict,
  rights,
  onDiscard,
  onSave,
}: {
  conflict: Conflict;
  rights: EditRights;
  onDiscard: () => void;
  onSave: (merged: PlanForm) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const theirs = toForm(conflict.theirs, ws.me.party, rights);
  const mine = conflict.mine;
  const label: Record<Part, string> = {
    goal: t('plan.goalLabel'),
    expectedReturnDate: t('plan.returnLabel'),
    expectedReturnBasis: t('plan.basisLabel'),
    contactArrangements: t('plan.contactLabel'),
    measures: ws.isPatient ? t('plan.myMeasuresMine') : t('plan.myMeasures'),
    sickLeaveSteps: t('plan.stepsOthers'),
    followUps: t('plan.followUps'),
  };
  const show = (form: PlanForm, part: Part): string => {
    if (part === 'measures') {
      return form.measures
        .map(
          (m) =>
            `${m.title}${m.description ? `: ${m.description}` : ''} (${t(`measureStatuses.${m.status}`)}${m.startDate ? `, ${m.startDate}` : ''}${m.followUpDate ? ` → ${m.followUpDate}` : ''})`,
        )
        .join('\n');
    }
    if (part === 'sickLeaveSteps') {
      return form.sickLeaveSteps
        .map((step) => `${step.degree} %: ${step.fromDate} – ${step.toDate}`)
        .join('\n');
    }
    if (part === 'followUps') {
      return form.followUps
        .map((f) => `${f.date}: ${f.description}${f.done ? ' ✓' : ''}`)
        .join('\n');
    }
    return form[part];
  };
  // Only the parts the caller writes can differ in a way it chooses between.
  const differing = editableParts(rights).filter((part) => show(mine, part) !== show(theirs, part));
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(differing.map((part) => [part, 'mine'])),
  );
  const merged = (): PlanForm => {
    const pick = (part: Part) => (choice[part] === 'theirs' ? theirs : mine);
    return {
      goal: pick('goal').goal,
      expectedReturnDate: pick('expectedReturnDate').expectedReturnDate,
      expectedReturnBasis: pick('expectedReturnBasis').expectedReturnBasis,
      contactArrangements: pick('contactArrangements').contactArrangements,
      measures: pick('measures').measures,
      sickLeaveSteps: pick('sickLeaveSteps').sickLeaveSteps,
      followUps: pick('followUps').followUps,
    };
  };
  return (
    <div className="conflict" role="alert" aria-labelledby="conflict-heading">
      <h4 id="conflict-heading">{t('plan.conflictTitle')}</h4>
      <p>{t('plan.conflictIntro', { version: conflict.theirs.version })}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('plan.conflictTitle')}>
        <table className="compare">
          <caption className="visually-hidden">{t('plan.conflictTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.conflictField')}</th>
              <th scope="col">{t('plan.conflictMine')}</th>
              <th scope="col">{t('plan.conflictTheirs')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((part) => (
              <tr key={part}>
                <th scope="row">{label[part]}</th>
                <td>
                  <p className="compare-value" data-testid={`mine-${part}`}>
                    {show(mine, part) || t('plan.empty_value')}
                  </p>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`merge-${part}`}
                      checked={choice[part] === 'mine'}
                      onChange={() => {
                        setChoice((c) => ({ ...c, [part]: 'mine' }));
                      }}
                    />{' '}
                    {t('plan.useMine')}
                  </label>
                </td>
                <td>
                  <p className="compare-value" data-testid={`theirs-${part}`}>
                    {show(theirs, part) || t('plan.empty_value')}
                  </p>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`merge-${part}`}
                      checked={choice[part] === 'theirs'}
                      onChange={() => {
                        setChoice((c) => ({ ...c, [part]: 'theirs' }));
                      }}
                    />{' '}
                    {t('plan.useTheirs')}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            onSave(merged());
          }}
        >
          {t('plan.conflictSave')}
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          {t('plan.conflictDiscard')}
        </button>
      </p>
    </div>
  );
}
