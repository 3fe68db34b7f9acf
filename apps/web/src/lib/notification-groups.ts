import type { NotificationView } from '@atergang/contracts';

// Pure helpers for the notifications page (no React, no i18n): unit/notification-groups.spec.ts.

/** The notifications of one case (or of no case), newest first. */
export interface NotificationGroup {
  /** The case's id; null for the notifications about no case (shown as "Övrigt"). */
  readonly workspaceId: string | null;
  /** The case as the reader may name it, from its newest notification that names it. */
  readonly caseLabel: string | null;
  readonly notifications: readonly NotificationView[];
  readonly unreadCount: number;
}

const time = (notification: NotificationView): number => Date.parse(notification.createdAt);

/**
 * The pages of the list as one list, newest first, each notification once: a page fetched
 * again after a new notification arrived can repeat one the next page already holds.
 */
export function mergePages(pages: ReadonlyArray<{ notifications: readonly NotificationView[] }>) {
  const seen = new Set<string>();
  const merged: NotificationView[] = [];
  for (const page of pages) {
    for (const notification of page.notifications) {
      if (seen.has(notification.id)) continue;
      seen.add(notification.id);
      merged.push(notification);
    }
  }
  // A stable sort: equal times keep the server's order.
  return merged.sort((a, b) => time(b) - time(a));
}

/**
 * Notifications grouped by case, each group newest first and the groups ordered by their
 * newest notification (the case where something happened last comes first).
 */
export function groupByCase(notifications: readonly NotificationView[]): NotificationGroup[] {
  const byCase = new Map<string | null, NotificationView[]>();
  for (const notification of [...notifications].sort((a, b) => time(b) - time(a))) {
    const list = byCase.get(notification.workspaceId);
    if (list) list.push(notification);
    else byCase.set(notification.workspaceId, [notification]);
  }
  // Map keeps insertion order: the first notification seen of each case is its newest.
  return [...byCase.entries()].map(([workspaceId, list]) => ({
    workspaceId,
    caseLabel:
      workspaceId === null ? null : (list.find((n) => n.caseLabel !== null)?.caseLabel ?? null),
    notifications: list,
    unreadCount: list.filter((n) => n.readAt === null).length,
  }));
}

/**
 * The link of a notification if the web client can follow it: a path of this app ("/…",
 * not "//host"). Anything else is shown without a link rather than as one that goes nowhere.
 */
export function appPath(link: string | null): string | null {
  if (link === null) return null;
  return link.startsWith('/') && !link.startsWith('//') && !link.includes('\\') ? link : null;
}

/** A notification just read: the list as it is now, without waiting for a refetch. */
export function markedRead<T extends { notifications: NotificationView[] }>(
  page: T,
  ids: ReadonlySet<string> | 'all',
  workspaceId?: string,
  readAt = new Date().toISOString(),
): T {
  let changed = 0;
  const notifications = page.notifications.map((notification) => {
    const hit =
      notification.readAt === null &&
      (ids === 'all'
        ? workspaceId === undefined || notification.workspaceId === workspaceId
        : ids.has(notification.id));
    if (!hit) return notification;
    changed += 1;
    return { ...notification, readAt };
  });
  return changed === 0 ? page : { ...page, notifications };
}
