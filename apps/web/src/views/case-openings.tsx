import type { CaseOpeningView } from '@atergang/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, formatDate } from '../components/ui';
import { useAuth } from '../lib/auth';
import { useWithdrawCaseOpening } from '../lib/case-openings';
import { useCaseOpenings } from '../lib/queries';
import { caseRoleOrganisations } from './open-case';

/** A pending request past its last day: the person can no longer answer it. */
const expired = (opening: CaseOpeningView) =>
  opening.status === 'PENDING' && new Date(opening.expiresAt).getTime() < Date.now();

/** The way to open a case, for staff in a case role (the case list's head). */
export function OpenCaseLink() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (caseRoleOrganisations(me).length === 0) return null;
  return (
    <p>
      <Link className="button button-primary" to="/nytt-arende">
        {t('openCase.title')}
      </Link>
    </p>
  );
}

/**
 * The requests to open a case that the staff member has sent, with each person's answer so
 * far (pending ones can be withdrawn), below their case list.
 */
export function CaseOpenings() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const staff = caseRoleOrganisations(me).length > 0;
  const openings = useCaseOpenings(staff);
  const [message, setMessage] = useState<string | null>(null);
  if (!staff) return null;
  const list = openings.data ?? [];
  return (
    <>
      <div aria-live="polite">
        {message ? (
          <p role="status" className="alert alert-ok">
            {message}
          </p>
        ) : null}
      </div>
      {openings.error ? <ErrorMessage error={openings.error} /> : null}
      {list.length > 0 ? (
        <section aria-labelledby="case-openings-title" className="case-openings">
          <h2 id="case-openings-title">{t('openCase.listTitle')}</h2>
          <ul className="case-list">
            {list.map((opening) => (
              <Opening key={opening.id} opening={opening} onWithdrawn={setMessage} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function Opening({
  opening,
  onWithdrawn,
}: {
  opening: CaseOpeningView;
  onWithdrawn: (message: string) => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawCaseOpening(opening.id, {
    onSuccess: () => {
      onWithdrawn(t('openCase.withdrawn', { name: opening.patientName }));
    },
  });
  const status = expired(opening) ? 'EXPIRED' : opening.status;
  return (
    <li className="card case" data-testid="case-opening">
      <h3>{opening.patientName}</h3>
      <p>
        <span className={status === 'ACCEPTED' ? 'badge badge-ok' : 'badge'}>
          {t(`openCase.statuses.${status}`)}
        </span>{' '}
        <span className="muted">
          {t('openCase.sentOn', {
            date: formatDate(opening.createdAt),
            organisation: opening.actingOrganisation.name,
          })}
          {opening.decidedAt
            ? ` · ${t('openCase.decidedOn', { date: formatDate(opening.decidedAt) })}`
            : ''}
          {status === 'PENDING'
            ? ` · ${t('openCase.expiresOn', { date: formatDate(opening.expiresAt) })}`
            : ''}
        </span>
      </p>
      {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
      {opening.status === 'ACCEPTED' && opening.workspaceId ? (
        <p>
          <Link to={`/w/${opening.workspaceId}/plan`}>
            {t('openCase.openAccepted', { name: opening.patientName })}
          </Link>
        </p>
      ) : null}
      {status === 'PENDING' ? (
        <p>
          <button
            type="button"
            className="button button-small"
            aria-label={t('openCase.withdrawLabel', { name: opening.patientName })}
            disabled={withdraw.isPending}
            onClick={() => {
              withdraw.mutate();
            }}
          >
            {t('openCase.withdraw')}
          </button>
        </p>
      ) : null}
    </li>
  );
}
