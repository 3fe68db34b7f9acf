import type { CaseTimeline } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/ui';
import { useWorkspace } from '../../lib/workspace';
import { editableFacts, factsFormOf } from './case-model';
import { FactsEditor } from './facts-form';

/**
 * The case's facts as they stand, for everyone in the case; with a correction form for the
 * roles that keep some of them, while the case is open.
 */
export function CaseFacts({ timeline }: { timeline: CaseTimeline }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editable = ws.closing ? [] : editableFacts(ws.can);
  const notKnown = t('case.facts.notKnown');
  return (
    <section aria-labelledby="facts-heading">
      <h3 id="facts-heading">{ws.isPatient ? t('case.facts.titleMine') : t('case.facts.title')}</h3>
      <dl className="facts" data-testid="case-facts">
        <div>
          <dt>{t('case.fields.sickPeriodStart')}</dt>
          <dd>
            <time dateTime={ws.sickPeriodStart}>{formatDate(ws.sickPeriodStart)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('case.fields.sickLeaveDegree')}</dt>
          <dd>
            {ws.sickLeaveDegree === null
              ? notKnown
              : t('case.percent', { degree: ws.sickLeaveDegree })}
          </dd>
        </div>
        <div>
          <dt>{t('case.fields.earlierPeriods')}</dt>
          <dd>
            {timeline.earlierPeriods.length === 0 ? (
              t('case.facts.noEarlier')
            ) : (
              <ul className="plain-list">
                {timeline.earlierPeriods.map((period) => (
                  <li key={`${period.from}-${period.to}`}>
                    {t('case.fromTo', { from: formatDate(period.from), to: formatDate(period.to) })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('case.fields.earlierSickDays')}</dt>
          <dd>{t('case.days', { count: ws.earlierSickDays })}</dd>
        </div>
        <div>
          <dt>{t('case.fields.employmentStatus')}</dt>
          <dd>{t(`case.employment.${ws.employmentStatus}`)}</dd>
        </div>
        <div>
          <dt>{t('case.fields.expectedLengthDays')}</dt>
          <dd>
            {ws.expectedLengthDays === null
              ? notKnown
              : t('case.days', { count: ws.expectedLengthDays })}
          </dd>
        </div>
        <div>
          <dt>{t('case.fields.expectedLengthBasis')}</dt>
          <dd>{ws.expectedLengthBasis ?? t('case.facts.notStated')}</dd>
        </div>
      </dl>
      {saved ? (
        <p role="status" className="alert alert-ok">
          {t('case.facts.saved')}
        </p>
      ) : null}
      {editable.length > 0 && !editing ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('case.facts.edit')}
        </button>
      ) : null}
      {editable.length > 0 && editing ? (
        <FactsEditor
          initial={factsFormOf(ws, timeline)}
          editable={editable}
          onDone={(done) => {
            setEditing(false);
            setSaved(done);
          }}
        />
      ) : null}
    </section>
  );
}
