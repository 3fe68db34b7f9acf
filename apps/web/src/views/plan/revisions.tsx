import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, Loading } from '../../components/ui';
import { usePlanRevision } from '../../lib/plan';
import { usePlanRevisions } from '../../lib/queries';
import { useWorkspace } from '../../lib/workspace';
import { diffLabel } from './plan-form';
import { SignoffLine } from './sign-off';

/**
 * The plan's history as the caller may see it: each version with its time, author, what
 * changed (opened, the diff from the API) and who signed it.
 */
export function Revisions() {
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
  const revision = usePlanRevision(ws.id, number, open);
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
