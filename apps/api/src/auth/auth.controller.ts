import { Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse, ZodSerializerDto } from 'nestjs-zod';
import {
  type LoginResponse,
  loginRequestSchema,
  loginResponseSchema,
  type MeResponse,
  meResponseSchema,
} from '@atergang/contracts';
import { Public } from '../common/public.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AuthService } from './auth.service';
import type { AuthenticatedUser, SessionUser } from './auth.types';
import { CurrentSession, CurrentUser } from './current-user.decorator';
import { LocalAuthGuard } from './local-auth.guard';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { requireSameOrigin } from './same-origin';
import { SessionService } from './session.service';
import { RateLimit } from '../limits/rate-limits';

class LoginRequestDto extends createZodDto(loginRequestSchema) {}
class LoginResponseDto extends createZodDto(loginResponseSchema) {}
class MeResponseDto extends createZodDto(meResponseSchema) {}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginRequestDto })
  @ZodResponse({
    status: 200,
    type: LoginResponseDto,
    description: 'Signed in: an access token, and the refresh token as an httpOnly cookie.',
  })
  async login(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const session = await this.sessions.start(user, request.headers['user-agent'] ?? null);
    setRefreshCookie(reply, session.refreshToken, session.refreshExpiresAt, this.secureCookies);
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user };
  }

  @Public()
  @RateLimit('sessionRefresh')
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({
    type: LoginResponseDto.Output,
    description: 'A new access token; the refresh cookie is rotated.',
  })
  // Serialised like login's answer; the 204 (no cookie) has no body, hence `optional()`.
  @ZodSerializerDto(loginResponseSchema.optional())
  @ApiNoContentResponse({
    description:
      'No refresh cookie was sent: there is no session to renew (a first visit). Not an error, ' +
      'so a page load without a session logs none; nothing is issued. A cookie that is sent ' +
      'but invalid, expired or revoked still gets 401.',
  })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse | undefined> {
    requireSameOrigin(request);
    const presented = readRefreshCookie(request);
    if (!presented) {
      void reply.status(204);
      return undefined;
    }
    try {
      const { session, user } = await this.sessions.rotate(
        presented,
        request.headers['user-agent'] ?? null,
      );
      setRefreshCookie(reply, session.refreshToken, session.refreshExpiresAt, this.secureCookies);
      return { accessToken: session.accessToken, expiresIn: session.expiresIn, user };
    } catch (error) {
      clearRefreshCookie(reply, this.secureCookies);
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Signed out: the session of the refresh cookie ends. Its access tokens are refused from ' +
      'the next request on, and its live sockets are closed.',
  })
  async logout(
    @Req() request: FastifyRequest,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    requireSameOrigin(request);
    const presented = readRefreshCookie(request);
    if (presented) {
      await this.auth.logout(presented, origin);
    }
    clearRefreshCookie(reply, this.secureCookies);
  }

  @Post('auth/logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description:
      'Signed out everywhere: every session of the caller ends, this one included, and every ' +
      'live socket of theirs is closed.',
  })
  async logoutAll(
    @CurrentSession() user: SessionUser,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logoutEverywhere(user, origin);
    clearRefreshCookie(reply, this.secureCookies);
  }

  @Get('me')
  @ApiBearerAuth()
  @ZodResponse({
    status: 200,
    type: MeResponseDto,
    description: 'The caller, their organisations, roles and parties.',
  })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponse> {
    return this.auth.profile(user);
  }

  private get secureCookies(): boolean {
    return this.config.env === 'production';
  }
}

export { LoginRequestDto };
