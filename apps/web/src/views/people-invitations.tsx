import { type InvitationView } from '@atergang/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, Loading } from '../components/ui';
import { useApproveInvitation, useWithdrawInvitation } from '../lib/people';
import { useInvitations } from '../lib/queries';
import { useWorkspace } from '../lib/workspace';
import { partyAndOrganisation } from './people-names';

const isPending = (invitation: InvitationView) =>
  invitation.status === 'AWAITING_PATIENT' || invitation.status === 'OPEN';

/**
 * Invitations into the case (`invitation:read`: the patient sees all, staff their party's),
 * the pending ones first. The patient approves another organisation's participation
 * (`invitation:approve`); a pending invitation is withdrawn by whoever may read it (the API's
 * ability grants reading and withdrawing an invitation together, to the patient and to the
 * inviting party).
 */
export function Invitations({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const invitations = useInvitations(ws.id);
  if (invitations.isPending) return <Loading />;
  if (invitations.error) return <ErrorMessage error={invitations.error} />;
  const pending = invitations.data.filter(isPending);
  const earlier = invitations.data.filter((invitation) => !isPending(invitation));
  return (
    <section aria-labelledby="invitations-title">
      <h3 id="invitations-title">{t('people.invitationsTitle')}</h3>
      {ws.isPatient ? <p>{t('people.invitationsIntroPatient')}</p> : null}
      {pending.length === 0 ? (
        <p className="muted">{t('people.invitationsEmpty')}</p>
      ) : (
        <ul className="consent-list card" data-testid="pending-invitations">
          {pending.map((invitation) => (
            <Invitation key={invitation.id} invitation={invitation} onDone={onDone} />
          ))}
        </ul>
      )}
      {earlier.length > 0 ? (
        <details className="revisions">
          <summary>{t('people.earlierInvitations', { count: earlier.length })}</summary>
          <ul className="consent-list">
            {earlier.map((invitation) => (
              <Invitation key={invitation.id} invitation={invitation} onDone={onDone} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function Invitation({
  invitation,
  onDone,
}: {
  invitation: InvitationView;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const approve = useApproveInvitation(ws.id, invitation.id, {
    onSuccess: () => {
      onDone(t('people.approved', { email: invitation.email }));
    },
  });
  const withdraw = useWithdrawInvitation(ws.id, invitation.id, {
    onSuccess: () => {
      onDone(t('people.withdrawn', { email: invitation.email }));
    },
  });
  const busy = approve.isPending || withdraw.isPending;
  const status =
    invitation.status === 'AWAITING_PATIENT'
      ? ws.isPatient
        ? t('people.statuses.AWAITING_YOU')
        : t('people.statuses.AWAITING_PATIENT', { patient: ws.firstName })
      : t(`people.statuses.${invitation.status}`);
  return (
    <li className="consent-row" data-testid="invitation">
      <div className="consent-text">
        <p>
          <strong>{invitation.email}</strong>
          {` · ${partyAndOrganisation(t, invitation.party, invitation.organisation)}`}{' '}
          <span className={invitation.status === 'ACCEPTED' ? 'badge badge-ok' : 'badge'}>
            {status}
          </span>
        </p>
        <p className="muted">
          {t('people.invitedBy', {
            name: invitation.invitedBy.name,
            date: formatDate(invitation.createdAt),
          })}
          {isPending(invitation)
            ? ` · ${t('people.invitationExpires', { date: formatDate(invitation.expiresAt) })}`
            : ''}
        </p>
      </div>
      {isPending(invitation) ? (
        <p className="actions">
          {invitation.status === 'AWAITING_PATIENT' && ws.can('invitation:approve') ? (
            <button
              type="button"
              className="button button-small button-primary"
              aria-label={t('people.approveLabel', { email: invitation.email })}
              disabled={busy}
              onClick={() => {
                approve.mutate();
              }}
            >
              {t('people.approve')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button-small"
            aria-label={t('people.withdrawLabel', { email: invitation.email })}
            disabled={busy}
            onClick={() => {
              withdraw.mutate();
            }}
          >
            {t('people.withdraw')}
          </button>
        </p>
      ) : null}
      {approve.error ? <ErrorMessage error={approve.error} /> : null}
      {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
    </li>
  );
}
