import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse, ZodSerializerDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  type AcceptAccountInvitationResponse,
  acceptAccountInvitationRequestSchema,
  acceptAccountInvitationResponseSchema,
  accountInvitationLookupRequestSchema,
  type AccountInvitationLookup,
  accountInvitationLookupSchema,
} from '@atergang/contracts';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import type { AuthenticatedUser } from '../auth/auth.types';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { Public } from '../common/public.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { RateLimit } from '../limits/rate-limits';
import { AccountInvitationsService } from './account-invitations.service';

class LookupDto extends createZodDto(accountInvitationLookupRequestSchema) {}
class AcceptDto extends createZodDto(acceptAccountInvitationRequestSchema) {}
class AccountInvitationLookupDto extends createZodDto(accountInvitationLookupSchema) {}
// A union (signed in, or already was) cannot be a DTO class: its OpenAPI schema is inline.
const ACCEPT_RESPONSE_OPENAPI = z.toJSONSchema(acceptAccountInvitationResponseSchema, {
  target: 'openapi-3.0',
  io: 'output',
}) as ApiResponseSchemaHost['schema'];

/**
 * The invitee's side of a staff invitation, from the e-mailed link. Public (the invitee
 * may have no account yet), so the token is the only key: the routes are rate limited by
 * address, and an unknown, used, withdrawn or expired token gets one answer.
 */
@ApiTags('account-invitations')
@Public()
@Controller('account-invitations')
export class AccountInvitationsController {
  constructor(
    private readonly invitations: AccountInvitationsService,
    private readonly tokens: AccessTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @RateLimit('linkAnswer')
  @Post('lookup')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: AccountInvitationLookupDto,
    description:
      'Which organisation invites, with which roles, and whether an account with the ' +
      'address exists (then the invitee signs in and accepts without a new password).',
  })
  lookUp(
    @Origin() origin: RequestOrigin,
    @Body() body: LookupDto,
  ): Promise<AccountInvitationLookup> {
    return this.invitations.lookUp(origin, body.token);
  }

  @RateLimit('linkAnswer')
  @Post('accept')
  @HttpCode(200)
  @ZodSerializerDto(acceptAccountInvitationResponseSchema)
  @ApiOkResponse({
    schema: ACCEPT_RESPONSE_OPENAPI,
    description:
      'No account at the address: `password` (and optionally a corrected `name`) creates ' +
      'it and signs in, answering like login (accessToken, user, refresh cookie). An ' +
      'existing account: send the token alone, signed in as that account ' +
      '(Authorization: Bearer); the answer is {ok: true} and the roles show in /api/me. ' +
      'Not signed in: 401 SIGN_IN_TO_ACCEPT; another account: 403 INVITATION_FOR_OTHER_ACCOUNT.',
  })
  async accept(
    @Origin() origin: RequestOrigin,
    @Body() body: AcceptDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptAccountInvitationResponse> {
    const outcome = await this.invitations.accept(
      origin,
      body,
      await this.callerOf(request),
      request.headers['user-agent'] ?? null,
    );
    if (outcome.kind === 'joined') {
      return { ok: true };
    }
    const { session, user } = outcome;
    setRefreshCookie(
      reply,
      session.refreshToken,
      session.refreshExpiresAt,
      this.config.env === 'production',
    );
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user };
  }

  /**
   * The signed-in caller, if the request carries a live access token. The route is public
   * (a new invitee has no account), so the global guard did not resolve one: the same
   * verifier the sockets use does, session check included.
   */
  private async callerOf(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) return null;
    const session = await this.tokens.verify(match[1]);
    return session ? session.user : null;
  }
}
