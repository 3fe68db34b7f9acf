import { useTranslation } from 'react-i18next';
import { ErrorMessage, formatDate, Loading } from '../../components/ui';
import { useWithdrawStaffInvitation } from '../../lib/organisation-admin';
import { useStaffInvitations } from '../../lib/queries';
import { useRoleNames } from './role-names';

/** Invitations not yet answered: whom, which roles, until when; each can be withdrawn. */
export function InvitationList({
  organisationId,
  onDone,
}: {
  organisationId: string;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const names = useRoleNames();
  const invitations = useStaffInvitations(organisationId);
  const withdraw = useWithdrawStaffInvitation(organisationId, {
    onSuccess: (invitation) => {
      onDone(t('admin.invitations.withdrawn', { name: invitation.name, email: invitation.email }));
    },
  });
  if (invitations.isPending) return <Loading />;
  if (invitations.error) return <ErrorMessage error={invitations.error} />;
  const now = Date.now();
  // Accepted ones are staff now, withdrawn ones gone: the list is what still waits.
  const waiting = invitations.data.filter(
    (invitation) => invitation.acceptedAt === null && invitation.revokedAt === null,
  );
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t('admin.invitations.title')}</h2>
      {withdraw.error ? <ErrorMessage error={withdraw.error} /> : null}
      {waiting.length === 0 ? (
        <p>{t('admin.invitations.empty')}</p>
      ) : (
        <ul className="case-list">
          {waiting.map((invitation) => {
            const expired = new Date(invitation.expiresAt).getTime() <= now;
            return (
              <li key={invitation.id} className="card">
                <p>
                  <strong>{invitation.name}</strong> ({invitation.email}),{' '}
                  {names.sentence(invitation.roles)}
                  {expired ? (
                    <span className="badge badge-warn">{t('admin.invitations.expired')}</span>
                  ) : null}
                </p>
                <p className="muted">
                  {invitation.invitedBy
                    ? t('admin.invitations.sentBy', {
                        name: invitation.invitedBy.name,
                        date: formatDate(invitation.createdAt),
                      })
                    : t('admin.invitations.sentOn', {
                        date: formatDate(invitation.createdAt),
                      })}{' '}
                  {expired
                    ? t('admin.invitations.expiredOn', { date: formatDate(invitation.expiresAt) })
                    : t('admin.invitations.validUntil', {
                        date: formatDate(invitation.expiresAt),
                      })}
                </p>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('admin.invitations.withdrawName', { name: invitation.name })}
                  disabled={withdraw.isPending}
                  onClick={() => {
                    onDone('');
                    withdraw.mutate(invitation);
                  }}
                >
                  {t('admin.invitations.withdraw')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
