import { Injectable } from '@nestjs/common';
import type {
  NotificationKind,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
  NotificationView,
  UnreadCount,
  UpdateNotificationPreferences,
} from '@atergang/contracts';
import type { WorkspaceAccess } from '../access/access.types';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import type { RequestOrigin } from '../common/request-origin.decorator';
import { PrismaService } from '../prisma/prisma.service';
import type { MailLanguage } from '../mail/mail.types';
import { NotificationDelivery } from './notification-delivery';
import { subjectOf } from './notification-mail';
import { NotificationPreferencesService } from './notification-preferences';
import { NotificationSignals } from './notification-signals';
import { caseLabelInApp, notificationHeadline, type NotificationParams } from './notification-text';
import { NotificationVisibility } from './notification-visibility';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';

const notificationNotFound = (): ApiError =>
  new ApiError(404, 'NOT_FOUND', 'You have no notification with that id.');

/**
 * A person's own notifications: the bell's list (each judged again for what the reader may
 * read now), marking them read, and the e-mail settings. Reads of a case's notifications are
 * audited in that case, one row per case, like the case list.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: NotificationsRepository,
    private readonly visibility: NotificationVisibility,
    private readonly delivery: NotificationDelivery,
    private readonly preferences: NotificationPreferencesService,
    private readonly signals: NotificationSignals,
    private readonly audit: AuditService,
  ) {}

  async list(
    user: AuthenticatedUser,
    origin: RequestOrigin,
    query: NotificationListQuery,
  ): Promise<NotificationList> {
    const [page, unreadCount, language] = await Promise.all([
      this.repository.page(user.id, {
        unreadOnly: query.unread === 'true',
        before: query.before ? new Date(query.before) : undefined,
        limit: query.limit,
      }),
      this.repository.unreadCount(user.id),
      this.languageOf(user.id),
    ]);
    const views = await this.views(user, page.rows, language);
    await this.auditCases(user, origin, views.accessed);
    return { notifications: views.items, unreadCount, more: page.more };
  }

  async unreadCount(user: AuthenticatedUser): Promise<UnreadCount> {
    return { unreadCount: await this.repository.unreadCount(user.id) };
  }

  async markRead(
    user: AuthenticatedUser,
    origin: RequestOrigin,
    notificationId: string,
  ): Promise<NotificationView> {
    const row = await this.repository.markRead(user.id, notificationId);
    if (!row) throw notificationNotFound();
    await this.announceCount(user.id);
    const views = await this.views(user, [row], await this.languageOf(user.id));
    await this.auditCases(user, origin, views.accessed);
    const [view] = views.items;
    if (!view) throw notificationNotFound();
    return view;
  }

  async markAllRead(
    user: AuthenticatedUser,
    workspaceId: string | undefined,
  ): Promise<UnreadCount> {
    await this.repository.markAllRead(user.id, workspaceId);
    return { unreadCount: await this.announceCount(user.id) };
  }

  getPreferences(user: AuthenticatedUser): Promise<NotificationPreferences> {
    return this.preferences.effective(user.id);
  }

  async updatePreferences(
    user: AuthenticatedUser,
    origin: RequestOrigin,
    change: UpdateNotificationPreferences,
  ): Promise<NotificationPreferences> {
    const updated = await this.preferences.update(user.id, change);
    await this.audit.record(
      { userId: user.id, name: user.name, ...origin, party: null, organisationId: null },
      {
        action: 'notification.preferences-changed',
        resourceType: 'NotificationPreferences',
        resourceId: user.id,
        outcome: 'ALLOWED',
      },
    );
    return updated;
  }

  /** Every socket of the person hears the new count (other tabs' bells). */
  private async announceCount(userId: string): Promise<number> {
    const unreadCount = await this.repository.unreadCount(userId);
    await this.signals.changed(userId, { unreadCount, notificationId: null });
    return unreadCount;
  }

  private async views(
    user: AuthenticatedUser,
    rows: readonly NotificationRow[],
    language: MailLanguage,
  ): Promise<{ items: NotificationView[]; accessed: Map<string, WorkspaceAccess> }> {
    const recipient = { userId: user.id, name: user.name, email: user.email };
    const accessCache = new Map<string, WorkspaceAccess | null>();
    const accessed = new Map<string, WorkspaceAccess>();
    const patients = await this.patientsOf(rows);
    const items: NotificationView[] = [];
    for (const row of rows) {
      const verdict = await this.visibility.judge(
        recipient,
        subjectOf(row),
        undefined,
        accessCache,
      );
      if (verdict.access) accessed.set(verdict.access.workspaceId, verdict.access);
      const patient = row.workspaceId ? patients.get(row.workspaceId) : undefined;
      items.push({
        id: row.id,
        kind: row.kind as NotificationKind,
        workspaceId: row.workspaceId,
        caseLabel: patient
          ? caseLabelInApp(patient.name, patient.userId === user.id, language)
          : null,
        headline: notificationHeadline(
          row.kind as NotificationKind,
          row.params as NotificationParams,
          language,
        ),
        // What the reader may read of the item now; gone with their access.
        detail: verdict.visible ? verdict.detail : null,
        link: verdict.visible ? this.delivery.linkOf(row) : null,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      });
    }
    return { items, accessed };
  }

  private async patientsOf(
    rows: readonly NotificationRow[],
  ): Promise<Map<string, { userId: string; name: string }>> {
    const ids = [...new Set(rows.flatMap((row) => (row.workspaceId ? [row.workspaceId] : [])))];
    if (ids.length === 0) return new Map();
    const workspaces = await this.prisma.workspace.findMany({
      where: { id: { in: ids } },
      select: { id: true, patientUserId: true, patient: { select: { name: true } } },
    });
    return new Map(
      workspaces.map((row) => [row.id, { userId: row.patientUserId, name: row.patient.name }]),
    );
  }

  /** One audit row per case whose notifications the reader saw, in that case's log. */
  private async auditCases(
    user: AuthenticatedUser,
    origin: RequestOrigin,
    accessed: ReadonlyMap<string, WorkspaceAccess>,
  ): Promise<void> {
    if (accessed.size === 0) return;
    await this.audit.recordEach(
      [...accessed.values()].map((access) => ({
        actor: { ...access, requestId: origin.requestId, ip: origin.ip },
        event: {
          action: 'notification.listed',
          resourceType: 'Notification',
          workspaceId: access.workspaceId,
          outcome: 'ALLOWED',
        },
      })),
    );
  }

  private async languageOf(userId: string): Promise<MailLanguage> {
    const row = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { language: true },
    });
    return row?.language === 'en' ? 'en' : 'sv';
  }
}
