import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useNotificationsLive, useUnreadCount } from '../lib/notifications';

/** The bell's picture; the link's text says what it is. */
function BellIcon() {
  return (
    <svg
      className="bell-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/**
 * The bell in the top bar of every signed-in page: a link to Aviseringar whose name says how
 * many are unread ("Aviseringar, 3 olästa"), with the number shown as a badge. The count
 * comes from the API at load and then from the live connection, without a reload; a new
 * notification is also said to screen readers (politely, not interrupting).
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const { lastArrival } = useNotificationsLive();
  const count = unread.data ?? 0;
  return (
    <>
      <NavLink
        className="link-button bell"
        to="/aviseringar"
        end
        // The whole name in one piece ("Aviseringar, 3 olästa"): the badge is only its picture.
        aria-label={`${t('notifications.bell.label')}${
          count > 0 ? t('notifications.bell.unread', { count }) : ''
        }`}
      >
        <BellIcon />
        {t('notifications.bell.label')}
        {count > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </NavLink>
      <span className="visually-hidden" aria-live="polite">
        {lastArrival ? t('notifications.bell.arrived', { count: lastArrival.unreadCount }) : ''}
      </span>
    </>
  );
}
