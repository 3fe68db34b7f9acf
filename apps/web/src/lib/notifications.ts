import {
  type NotificationList,
  notificationListSchema,
  notificationPreferencesSchema,
  NOTIFICATIONS_CHANGED_EVENT,
  type NotificationsChanged,
  notificationSchema,
  type NotificationView,
  type UnreadCount,
  unreadCountSchema,
  type UpdateNotificationPreferences,
} from '@atergang/contracts';
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './api';
import { useLiveSocket } from './live-socket';
import { markedRead } from './notification-groups';

/** One screenful of notifications; "Visa fler" asks for the next, older ones. */
export const NOTIFICATION_PAGE_SIZE = 30;

export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  list: ['notifications', 'list'] as const,
  preferences: ['me', 'notification-preferences'] as const,
};

type Pages = InfiniteData<NotificationList, string | null>;

/** How many are unread: from GET at load, then from the live connection. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: () => api('/notifications/unread-count', unreadCountSchema),
    select: (data) => data.unreadCount,
  });

/** The list, newest first, page by page (`before` = the last item's createdAt). */
export const useNotifications = () =>
  useInfiniteQuery({
    queryKey: notificationKeys.list,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(NOTIFICATION_PAGE_SIZE) });
      if (pageParam) query.set('before', pageParam);
      return api(`/notifications?${query.toString()}`, notificationListSchema);
    },
    getNextPageParam: (page) => (page.more ? (page.notifications.at(-1)?.createdAt ?? null) : null),
  });

/**
 * Follows `notifications:changed` on the live connection: the count is set from the event,
 * and the list (if loaded) is refetched. A (re)connection asks for the count again, since
 * events sent while the connection was down are not replayed. `lastArrival` is the last
 * event that brought a new notification (for the bell's screen-reader announcement).
 */
export function useNotificationsLive(): { lastArrival: NotificationsChanged | null } {
  const socket = useLiveSocket();
  const queryClient = useQueryClient();
  const [lastArrival, setLastArrival] = useState<NotificationsChanged | null>(null);
  useEffect(() => {
    if (!socket) return undefined;
    const onChanged = (payload: NotificationsChanged) => {
      queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount, {
        unreadCount: payload.unreadCount,
      });
      void queryClient.invalidateQueries({ queryKey: notificationKeys.list });
      if (payload.notificationId !== null) setLastArrival(payload);
    };
    const onConnect = () => {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    };
    socket.on(NOTIFICATIONS_CHANGED_EVENT, onChanged);
    // The first connection too: a notification may have come between the GET and it.
    socket.on('connect', onConnect);
    return () => {
      socket.off(NOTIFICATIONS_CHANGED_EVENT, onChanged);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient]);
  return { lastArrival };
}

/** The loaded pages with some notifications shown read at once (before the refetch). */
function showRead(
  queryClient: ReturnType<typeof useQueryClient>,
  ids: ReadonlySet<string> | 'all',
  workspaceId?: string,
) {
  queryClient.setQueryData<Pages>(notificationKeys.list, (data) =>
    data ? { ...data, pages: data.pages.map((page) => markedRead(page, ids, workspaceId)) } : data,
  );
}

/** Opening a notification marks it read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: NotificationView) =>
      api(`/notifications/${notification.id}/read`, notificationSchema, { method: 'POST' }),
    onMutate: (notification) => {
      showRead(queryClient, new Set([notification.id]));
      queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount, (data) =>
        data && notification.readAt === null
          ? { unreadCount: Math.max(0, data.unreadCount - 1) }
          : data,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** "Markera alla som lästa": all of them, or one case's. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string | undefined) =>
      api('/notifications/read', unreadCountSchema, {
        method: 'POST',
        body: workspaceId === undefined ? {} : { workspaceId },
      }),
    onSuccess: (count, workspaceId) => {
      showRead(queryClient, 'all', workspaceId);
      queryClient.setQueryData<UnreadCount>(notificationKeys.unreadCount, count);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}

export const useNotificationPreferences = () =>
  useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => api('/me/notification-preferences', notificationPreferencesSchema),
  });

/** Sends only what changed; the answer is the whole of the saved settings. */
export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UpdateNotificationPreferences) =>
      api('/me/notification-preferences', notificationPreferencesSchema, {
        method: 'PATCH',
        body: change,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationKeys.preferences, saved);
    },
  });
}
