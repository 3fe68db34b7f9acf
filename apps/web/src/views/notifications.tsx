import type { NotificationView } from '@atergang/contracts';
import { type MouseEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '../components/ui';
import {
  appPath,
  groupByCase,
  mergePages,
  type NotificationGroup,
} from '../lib/notification-groups';
import { notificationTime } from '../lib/notification-time';
import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from '../lib/notifications';
import { PageHeading } from './account/page-heading';

/** The time now, again every minute, so "för 5 minuter sedan" stays true on an open page. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(new Date());
    }, 60_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** A click the browser should handle itself (a new tab or window). */
const opensElsewhere = (event: MouseEvent) =>
  event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

function NotificationItem({ notification, now }: { notification: NotificationView; now: Date }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  const path = appPath(notification.link);
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // Opening it is reading it, also in a new tab; the request goes on after the page moves.
    if (unread) markRead.mutate(notification);
    if (opensElsewhere(event) || path === null) return;
    event.preventDefault();
    void navigate(path);
  };
  return (
    <li className={unread ? 'notification notification-unread' : 'notification'}>
      <p className="notification-headline">
        {unread ? (
          <>
            <span className="tag badge-warn">{t('notifications.unread')}</span>{' '}
          </>
        ) : null}
        {path ? (
          <Link
            to={path}
            onClick={open}
            onAuxClick={(event) => {
              // The middle button opens a new tab: that is opening it too.
              if (event.button === 1) open(event);
            }}
          >
            {notification.headline}
          </Link>
        ) : (
          <span>{notification.headline}</span>
        )}
      </p>
      {notification.detail !== null ? (
        <p className="notification-detail">{notification.detail}</p>
      ) : null}
      <p className="notification-meta muted">
        <time dateTime={notification.createdAt}>
          {notificationTime(notification.createdAt, now, i18n.language === 'en' ? 'en' : 'sv')}
        </time>
        {path === null ? <> · {t('notifications.noLink')}</> : null}
      </p>
    </li>
  );
}

function Group({ group, now }: { group: NotificationGroup; now: Date }) {
  const { t } = useTranslation();
  const headingId = useId();
  const markAll = useMarkAllRead();
  const name = group.caseLabel ?? t('notifications.other');
  return (
    <section className="card notification-group" aria-labelledby={headingId}>
      <div className="notification-group-head">
        <h2 id={headingId}>{name}</h2>
        {group.workspaceId !== null && group.unreadCount > 0 ? (
          <button
            type="button"
            className="button button-small"
            disabled={markAll.isPending}
            onClick={() => {
              markAll.mutate(group.workspaceId ?? undefined);
            }}
          >
            {t('notifications.markCase')}
            <span className="visually-hidden">{t('notifications.markCaseName', { name })}</span>
          </button>
        ) : null}
      </div>
      {markAll.error ? <ErrorMessage error={markAll.error} /> : null}
      <ul className="notifications">
        {group.notifications.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} now={now} />
        ))}
      </ul>
    </section>
  );
}

/** /aviseringar: what happened in the person's cases, grouped by case, newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useNotifications();
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const now = useNow();
  const [allDone, setAllDone] = useState(false);
  const notifications = list.data ? mergePages(list.data.pages) : [];
  const groups = groupByCase(notifications);
  // The live count is the freshest; the list's own count until it has come.
  const unreadCount = unread.data ?? list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <div className="notifications-page">
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p>{t('notifications.intro')}</p>
      <p>
        <Link to="/konto/aviseringar">{t('notifications.settingsLink')}</Link>
      </p>
      {list.data && unreadCount > 0 ? (
        <p>
          <button
            type="button"
            className="button"
            disabled={markAll.isPending}
            onClick={() => {
              setAllDone(false);
              markAll.mutate(undefined, {
                onSuccess: () => {
                  setAllDone(true);
                },
              });
            }}
          >
            {t('notifications.markAll')}
          </button>
        </p>
      ) : null}
      <div aria-live="polite">
        {allDone && unreadCount === 0 ? (
          <p className="alert alert-ok">{t('notifications.allRead')}</p>
        ) : null}
      </div>
      {markAll.error ? <ErrorMessage error={markAll.error} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.error && !list.isFetchNextPageError ? <ErrorMessage error={list.error} /> : null}
      {list.isSuccess && notifications.length === 0 ? (
        <p className="note">{t('notifications.empty')}</p>
      ) : null}
      {groups.map((group) => (
        <Group key={group.workspaceId ?? 'none'} group={group} now={now} />
      ))}
      {list.isFetchNextPageError ? <ErrorMessage error={list.error} /> : null}
      {list.hasNextPage ? (
        <p>
          <button
            type="button"
            className="button"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? t('app.loading') : t('notifications.more')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
