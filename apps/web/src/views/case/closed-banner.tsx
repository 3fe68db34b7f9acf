import type { WorkspaceOverview } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/ui';

/**
 * Said on every view of a closed case: why and since when it is closed, that nothing can
 * be changed, and until when it may continue if a new sick period starts.
 */
export function ClosedCaseBanner({
  closing,
  isPatient,
}: {
  closing: NonNullable<WorkspaceOverview['closing']>;
  isPatient: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="closed-banner" role="status" data-testid="case-closed-banner">
      <p>
        <strong>
          {t(isPatient ? 'case.banner.titleMine' : 'case.banner.title', {
            date: formatDate(closing.closedOn),
          })}
        </strong>{' '}
        {t('case.banner.reason', { reason: t(`case.closingReasons.${closing.reason}`) })}
      </p>
      {closing.note ? <p>{t('case.banner.note', { note: closing.note })}</p> : null}
      <p>
        {t('case.banner.readOnly')}{' '}
        {t('case.banner.reopenUntil', { date: formatDate(closing.reopenUntil) })}
      </p>
    </div>
  );
}
