import type { CaseFactField, CaseTimeline } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/ui';
import { useWorkspace } from '../../lib/workspace';
import { factValue, type TimelineEntry, timelineEntries } from './case-model';

function FactValueText({ field, value }: { field: CaseFactField; value: unknown }) {
  const { t } = useTranslation();
  const fact = factValue(field, value);
  switch (fact.type) {
    case 'none':
      return <>{t('case.timeline.none')}</>;
    case 'date':
      return <>{formatDate(fact.value)}</>;
    case 'days':
      return <>{t('case.days', { count: fact.value })}</>;
    case 'percent':
      return <>{t('case.percent', { degree: fact.value })}</>;
    case 'text':
      return <>{`”${fact.value}”`}</>;
    case 'employment':
      return <>{t(`case.employment.${fact.value}`)}</>;
    case 'status':
      return <>{t(`case.statuses.${fact.value}`)}</>;
    case 'periods':
      return (
        <>
          {fact.value.length === 0
            ? t('case.facts.noEarlier')
            : fact.value
                .map((period) =>
                  t('case.fromTo', { from: formatDate(period.from), to: formatDate(period.to) }),
                )
                .join(', ')}
        </>
      );
  }
}

function EntryContent({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  switch (entry.kind) {
    case 'earlier-period':
      return (
        <p>
          <strong>{t('case.timeline.earlierPeriod')}</strong>{' '}
          {t('case.fromTo', { from: formatDate(entry.date), to: formatDate(entry.to) })}
        </p>
      );
    case 'period':
      return (
        <p>
          <strong>{t('case.timeline.period', { degree: entry.degree })}</strong>{' '}
          {t('case.fromTo', { from: formatDate(entry.date), to: formatDate(entry.to) })}
        </p>
      );
    case 'milestone': {
      const { milestone } = entry;
      return (
        <>
          <p>
            <strong>{i18n.language === 'en' ? milestone.titleEn : milestone.titleSv}</strong>{' '}
            <span className="tag">{t(`case.timeline.milestoneStatus.${milestone.status}`)}</span>
          </p>
          <p className="muted">
            {[
              t('case.timeline.day', { day: milestone.day }),
              milestone.owner
                ? t('case.timeline.owner', { party: t(`parties.${milestone.owner}`) })
                : '',
              milestone.legalSource,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </>
      );
    }
    case 'revision': {
      const { revision } = entry;
      return (
        <>
          <p>
            <strong>{revision.reason}</strong>
          </p>
          <p className="muted">
            {t('case.timeline.changedBy', {
              name: revision.author.name,
              party: t(`parties.${revision.author.party}`),
            })}
          </p>
          {revision.changes.length > 0 ? (
            <ul className="case-changes">
              {revision.changes.map((change) => (
                <li key={change.field}>
                  {t(`case.fields.${change.field}`)}:{' '}
                  <FactValueText field={change.field} value={change.from} /> →{' '}
                  <FactValueText field={change.field} value={change.to} />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      );
    }
  }
}

const entryKey = (entry: TimelineEntry): string =>
  entry.kind === 'revision'
    ? entry.revision.id
    : entry.kind === 'milestone'
      ? `milestone-${entry.milestone.key}`
      : `${entry.kind}-${entry.date}-${entry.to}`;

/**
 * What the case went through and has ahead, in date order: earlier sick periods, the
 * certificates' periods and degrees, the chain's milestones and each change of the facts
 * with its author and reason.
 */
export function CaseTimelineList({ timeline }: { timeline: CaseTimeline }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const entries = timelineEntries(timeline, ws.rehabChain.milestones);
  return (
    <section aria-labelledby="case-timeline-heading">
      <h3 id="case-timeline-heading">{t('case.timeline.title')}</h3>
      <p className="hint">{t('case.timeline.intro')}</p>
      {entries.length === 0 ? (
        <p className="muted">{t('case.timeline.empty')}</p>
      ) : (
        <ol className="case-timeline" data-testid="case-timeline">
          {entries.map((entry) => (
            <li key={entryKey(entry)} className={`case-event case-event-${entry.kind}`}>
              <time className="case-event-date" dateTime={entry.date}>
                {formatDate(entry.date)}
              </time>
              <div className="case-event-body">
                <EntryContent entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
