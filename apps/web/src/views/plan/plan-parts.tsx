// The plan's parts as everyone reads them (goal, steps, chain, measures, follow-ups,
// contact), shared by the patient's screen and the other parties' reader.
import type { PlanMeasureView, PlanView } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate, today } from '../../components/ui';
import { useWorkspace } from '../../lib/workspace';
import { isWithheld } from './plan-form';

/**
 * Said in place of a part the caller may not read, so that nothing withheld looks empty:
 * who decides (the patient) and what the caller still sees.
 */
export function WithheldPart({ testId }: { testId?: string }) {
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

export function QualityCheck({ plan }: { plan: PlanView }) {
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

export function Steps({
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

export function Chain({ mine }: { mine: boolean }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const chain = ws.rehabChain;
  const en = i18n.language === 'en';
  const upcoming = chain.milestones.filter((m) => m.status !== 'PASSED').slice(0, 3);
  const phase = en ? chain.phaseLabelEn : chain.phaseLabelSv;
  const milestones = (
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
  );
  if (mine) {
    // Said to her in one plain sentence; the phase and the statutes behind "Läs mer".
    return (
      <section aria-labelledby="chain-heading">
        <h3 id="chain-heading">{t('plan.chain')}</h3>
        <p className="chain-day" data-testid="chain-sentence">
          {t('plan.chainSentence', { count: chain.day })}
        </p>
        <details className="chain-more">
          <summary>{t('plan.chainMore')}</summary>
          <div data-testid="chain-legal">
            <p>{t('plan.chainDay', { day: chain.day, phase })}</p>
            {milestones}
          </div>
        </details>
      </section>
    );
  }
  return (
    <section aria-labelledby="chain-heading">
      <h3 id="chain-heading">{t('plan.chainOthers')}</h3>
      <p className="chain-day">{t('plan.chainDay', { day: chain.day, phase })}</p>
      {milestones}
    </section>
  );
}

function Measure({ measure }: { measure: PlanMeasureView }) {
  const { t } = useTranslation();
  return (
    <li className="measure" id={`measure-${measure.id}`}>
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
          ? `, ${t('plan.responsible', { name: measure.responsibleName })}`
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

export function FollowUps({ plan }: { plan: PlanView }) {
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

export function Measures({ plan }: { plan: PlanView }) {
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

export function Goal({ plan, mine }: { plan: PlanView; mine: boolean }) {
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

export function Contact({ plan }: { plan: PlanView }) {
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
