import { PLAN_DOCUMENT_SECTIONS, type PlanPartName, type PlanView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, formatDate, Loading } from '../../components/ui';
import { downloadPlanPdf } from '../../lib/plan-handover';
import { usePlan } from '../../lib/queries';
import { useWorkspace } from '../../lib/workspace';

// The plan for print (issue 17, item 1): the same sections, in the same order, as the PDF
// the API makes (the contracts' PLAN_DOCUMENT_SECTIONS, in the order of FK's template),
// from the same consent-filtered GET /plan. "Skriv ut" prints this page (the print stylesheet
// leaves the app's chrome out); "Ladda ner PDF" fetches GET /plan.pdf.

const withheld = (plan: PlanView, part: PlanPartName) => plan.withheldParts.includes(part);

/** A link to the print view, for the plan page. */
export function PlanPrintLink() {
  const { t } = useTranslation();
  return (
    <p className="actions no-print">
      <Link to="utskrift">{t('planPrint.open')}</Link>
    </p>
  );
}

export function PlanPrintPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const plan = usePlan(ws.id);
  const [error, setError] = useState<unknown>(null);
  if (plan.isPending) return <Loading />;
  if (plan.error) return <ErrorMessage error={plan.error} />;
  const p = plan.data;
  const text = (part: PlanPartName, value: string | null) =>
    withheld(p, part)
      ? t('planPrint.notShared')
      : value?.trim()
        ? value
        : t('planPrint.notWritten');
  const heading = (index: number) =>
    `${index + 1}. ${t(`planPrint.sections.${PLAN_DOCUMENT_SECTIONS[index] ?? 'person'}`)}`;
  const employees = ws.participants.filter((participant) => participant.party === 'EMPLOYER');
  return (
    <article className="plan-print" aria-labelledby="print-title">
      <p className="actions no-print">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            window.print();
          }}
        >
          {t('planPrint.print')}
        </button>{' '}
        <button
          type="button"
          className="button"
          onClick={() => {
            setError(null);
            downloadPlanPdf(ws.id, p.version).catch(setError);
          }}
        >
          {t('planPrint.pdf')}
        </button>{' '}
        <Link to="../plan">{t('planPrint.back')}</Link>
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <h1 id="print-title">{t('plan.title')}</h1>
      <p>
        {t('planPrint.version', { version: p.version })}
        {p.updatedAt ? `, ${t('planPrint.updated', { date: formatDate(p.updatedAt) })}` : ''}
      </p>
      {p.withheld.length > 0 ? (
        <p className="muted">
          {t('planPrint.withheld', {
            categories: p.withheld.map((c) => t(`categories.${c}`)).join(', '),
          })}
        </p>
      ) : null}

      <h2>{heading(0)}</h2>
      <dl>
        <dt>{t('planPrint.person')}</dt>
        <dd>{ws.patient.name}</dd>
        <dt>{t('planPrint.employer')}</dt>
        <dd>{ws.employer?.name ?? t('planPrint.noEmployer')}</dd>
        <dt>{t('planPrint.periodStart')}</dt>
        <dd>{formatDate(ws.sickPeriodStart)}</dd>
        <dt>{t('planPrint.chainDay')}</dt>
        <dd>{ws.rehabChain.day}</dd>
      </dl>

      <h2>{heading(1)}</h2>
      <dl>
        <dt>{t('plan.goal')}</dt>
        <dd>{text('goal', p.goal)}</dd>
        <dt>{t('planPrint.expectedReturn')}</dt>
        <dd>
          {text('expectedReturnDate', p.expectedReturnDate && formatDate(p.expectedReturnDate))}
        </dd>
        <dt>{t('planPrint.basis')}</dt>
        <dd>{text('expectedReturnBasis', p.expectedReturnBasis)}</dd>
      </dl>

      <h2>{heading(2)}</h2>
      {p.measures.length === 0 ? <p>{t('planPrint.noMeasures')}</p> : null}
      {p.measures.map((m) => (
        <section key={m.id} aria-label={m.title}>
          <h3>{`${t(`measureKinds.${m.kind}`)}: ${m.title}`}</h3>
          {m.description ? <p>{m.description}</p> : null}
          <dl>
            <dt>{t('planPrint.owner')}</dt>
            <dd>
              {t(`partyTitles.${m.ownerParty}`)}
              {m.responsibleName ? `, ${m.responsibleName}` : ''}
            </dd>
            <dt>{t('planPrint.when')}</dt>
            <dd>
              {m.startDate || m.endDate
                ? `${m.startDate ? formatDate(m.startDate) : '–'} – ${
                    m.endDate ? formatDate(m.endDate) : t('planPrint.untilFurther')
                  }`
                : t('planPrint.noDates')}
            </dd>
            <dt>{t('planPrint.status')}</dt>
            <dd>{t(`measureStatuses.${m.status}`)}</dd>
            <dt>{t('planPrint.followUp')}</dt>
            <dd>{m.followUpDate ? formatDate(m.followUpDate) : t('planPrint.noDate')}</dd>
          </dl>
        </section>
      ))}

      <h2>{heading(3)}</h2>
      {withheld(p, 'sickLeaveSteps') ? (
        <p>{t('planPrint.notShared')}</p>
      ) : p.sickLeaveSteps.length === 0 ? (
        <p>{t('planPrint.notWritten')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('planPrint.from')}</th>
              <th scope="col">{t('planPrint.to')}</th>
              <th scope="col">{t('planPrint.degree')}</th>
            </tr>
          </thead>
          <tbody>
            {p.sickLeaveSteps.map((step) => (
              <tr key={step.fromDate}>
                <td>{formatDate(step.fromDate)}</td>
                <td>{step.toDate ? formatDate(step.toDate) : t('planPrint.untilFurther')}</td>
                <td>
                  {t('planPrint.degreeValue', { degree: step.degree, working: 100 - step.degree })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{heading(4)}</h2>
      <p>{text('contactArrangements', p.contactArrangements)}</p>

      <h2>{heading(5)}</h2>
      {withheld(p, 'followUps') ? (
        <p>{t('planPrint.notShared')}</p>
      ) : p.followUps.length === 0 ? (
        <p>{t('planPrint.notWritten')}</p>
      ) : (
        <ul>
          {p.followUps.map((f) => (
            <li key={`${f.date}-${f.description}`}>
              {`${formatDate(f.date)}: ${f.description}`}
              {f.ownerParty ? ` (${t(`partyTitles.${f.ownerParty}`)})` : ''}
              {f.done ? `, ${t('planPrint.done')}` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>{heading(6)}</h2>
      <p>{text('patientView', p.patientView)}</p>

      <h2>{heading(7)}</h2>
      <p>
        {t('planPrint.drawnUp', {
          names:
            employees.length > 0
              ? employees
                  .map((e) => (e.organisation ? `${e.name}, ${e.organisation.name}` : e.name))
                  .join('; ')
              : t('planPrint.noEmployer'),
        })}
      </p>
      {p.signoffs.length === 0 ? <p>{t('planPrint.noSignoffs')}</p> : null}
      <ul>
        {[...p.signoffs, ...p.earlierSignoffs].map((s) => (
          <li key={`${s.version}-${s.party}-${s.name}`}>
            {t(`plan.decided.${s.decision}`, {
              name: s.name,
              party: t(`parties.${s.party}`),
              date: formatDate(s.signedAt),
            })}{' '}
            {t('planPrint.signedVersion', { version: s.version })}
          </li>
        ))}
      </ul>
    </article>
  );
}
