import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  markAllReadRequestSchema,
  type NotificationList,
  notificationListSchema,
  notificationListQuerySchema,
  notificationParamsSchema,
  type NotificationPreferences,
  notificationPreferencesSchema,
  notificationSchema,
  type NotificationView,
  type UnreadCount,
  unreadCountSchema,
  updateNotificationPreferencesSchema,
} from '@atergang/contracts';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import { NotificationsService } from './notifications.service';

class NotificationListQueryDto extends createZodDto(notificationListQuerySchema) {}
class NotificationParamsDto extends createZodDto(notificationParamsSchema) {}
class MarkAllReadDto extends createZodDto(markAllReadRequestSchema) {}
class UpdatePreferencesDto extends createZodDto(updateNotificationPreferencesSchema) {}
class NotificationListDto extends createZodDto(notificationListSchema) {}
class NotificationViewDto extends createZodDto(notificationSchema) {}
class UnreadCountDto extends createZodDto(unreadCountSchema) {}
class NotificationPreferencesDto extends createZodDto(notificationPreferencesSchema) {}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ZodResponse({
    status: 200,
    type: NotificationListDto,
    description:
      "The caller's notifications, newest first, with the unread count. `detail` and `link` " +
      'only while the caller may read the item; `before` (a createdAt) pages on.',
  })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Query() query: NotificationListQueryDto,
  ): Promise<NotificationList> {
    return this.notifications.list(user, origin, query);
  }

  @Get('notifications/unread-count')
  @ZodResponse({
    status: 200,
    type: UnreadCountDto,
    description: 'How many of the caller’s notifications are unread (the bell).',
  })
  unreadCount(@CurrentUser() user: AuthenticatedUser): Promise<UnreadCount> {
    return this.notifications.unreadCount(user);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: UnreadCountDto,
    description: 'Marks all unread notifications read, or those of `workspaceId`.',
  })
  markAllRead(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: MarkAllReadDto,
  ): Promise<UnreadCount> {
    return this.notifications.markAllRead(user, body.workspaceId);
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: NotificationViewDto,
    description: 'The notification, now read; 404 when it is not the caller’s.',
  })
  markRead(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() params: NotificationParamsDto,
  ): Promise<NotificationView> {
    return this.notifications.markRead(user, origin, params.notificationId);
  }

  @Get('me/notification-preferences')
  @ZodResponse({
    status: 200,
    type: NotificationPreferencesDto,
    description:
      'How each kind reaches the caller by e-mail (IMMEDIATE, DAILY or OFF), the digest hour ' +
      'and quiet hours, Europe/Stockholm; the defaults where the caller chose nothing.',
  })
  preferences(@CurrentUser() user: AuthenticatedUser): Promise<NotificationPreferences> {
    return this.notifications.getPreferences(user);
  }

  @Patch('me/notification-preferences')
  @ZodResponse({
    status: 200,
    type: NotificationPreferencesDto,
    description: 'Changes only what the body names; answers the whole settings.',
  })
  updatePreferences(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Body() body: UpdatePreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.notifications.updatePreferences(user, origin, body);
  }
}
