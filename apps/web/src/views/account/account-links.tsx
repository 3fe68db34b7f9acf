import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { NotificationBell } from '../../components/notification-bell';
import { useAuth } from '../../lib/auth';
import { useOrganisationsWith } from '../../lib/statistics';
import { OutboxLink } from '../outbox';

/**
 * The signed-in person's own pages in the top bar: the bell (their notifications), their
 * account, what they administer, the statistics they may see and, in demo mode, the Utkorg.
 */
export function AccountLinks() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const administered = (me?.organisations ?? []).filter((organisation) =>
    organisation.roles.includes('ORG_ADMIN'),
  );
  const withStatistics = useOrganisationsWith('statistics:read');
  return (
    <nav aria-label={t('account.nav')} className="topbar-actions">
      <NotificationBell />
      <NavLink className="link-button" to="/konto" end>
        {t('account.link')}
      </NavLink>
      {administered.map((organisation) => (
        <NavLink
          key={organisation.id}
          className="link-button"
          to={`/organisation/${organisation.id}`}
          end
        >
          {t('admin.link', { organisation: organisation.name })}
        </NavLink>
      ))}
      {withStatistics.map((organisation) => (
        <NavLink
          key={`statistics-${organisation.id}`}
          className="link-button"
          to={`/organisation/${organisation.id}/statistik`}
        >
          {t('statistics.link', { organisation: organisation.name })}
        </NavLink>
      ))}
      <OutboxLink />
    </nav>
  );
}
