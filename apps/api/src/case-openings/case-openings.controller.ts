import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  type AcceptCaseOpeningResponse,
  acceptCaseOpeningRequestSchema,
  acceptCaseOpeningResponseSchema,
  type CaseOpeningLookup,
  caseOpeningLookupSchema,
  caseOpeningParamsSchema,
  caseOpeningTokenRequestSchema,
  caseOpeningSchema,
  type CaseOpeningView,
  createWorkspaceRequestSchema,
  registerCaseOpeningRequestSchema,
} from '@atergang/contracts';
import type { AuthenticatedUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { setRefreshCookie } from '../auth/refresh-cookie';
import { Public } from '../common/public.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { RateLimit } from '../limits/rate-limits';
import { CaseOpeningsService } from './case-openings.service';

class CreateWorkspaceDto extends createZodDto(createWorkspaceRequestSchema) {}
class CaseOpeningTokenDto extends createZodDto(caseOpeningTokenRequestSchema) {}
class AcceptCaseOpeningDto extends createZodDto(acceptCaseOpeningRequestSchema) {}
class RegisterCaseOpeningDto extends createZodDto(registerCaseOpeningRequestSchema) {}
class CaseOpeningParamsDto extends createZodDto(caseOpeningParamsSchema) {}
class CaseOpeningViewDto extends createZodDto(caseOpeningSchema) {}
class CaseOpeningLookupDto extends createZodDto(caseOpeningLookupSchema) {}
class AcceptCaseOpeningResponseDto extends createZodDto(acceptCaseOpeningResponseSchema) {}

/** Opening a case: staff ask, the person answers (issue 12, hole 2). */
@ApiTags('case-openings')
@Controller()
export class CaseOpeningsController {
  constructor(
    private readonly openings: CaseOpeningsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Asks the person to open a case with her: 202 with the pending request. The same answer
   * whether or not she has an account; the workspace exists once she accepts.
   */
  @ApiBearerAuth()
  @RateLimit('caseOpening')
  @Post('workspaces')
  @HttpCode(202)
  @ZodResponse({ status: 202, type: CaseOpeningViewDto, description: 'The pending request.' })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Body() body: CreateWorkspaceDto,
  ): Promise<CaseOpeningView> {
    return this.openings.request(user, origin, body);
  }

  /** The caller's own requests, with where each stands. */
  @ApiBearerAuth()
  @Get('case-openings')
  @ZodResponse({ status: 200, type: [CaseOpeningViewDto], description: 'The caller’s requests.' })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
  ): Promise<CaseOpeningView[]> {
    return this.openings.mine(user, origin);
  }

  /** Requests for the signed-in person herself (signed in with e-ID: her personnummer). */
  @ApiBearerAuth()
  @Get('case-openings/for-me')
  @ZodResponse({
    status: 200,
    type: [CaseOpeningLookupDto],
    description: 'Requests for the signed-in person.',
  })
  forMe(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
  ): Promise<CaseOpeningLookup[]> {
    return this.openings.forMe(user, origin);
  }

  @ApiBearerAuth()
  @Delete('case-openings/:openingId')
  @HttpCode(204)
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() params: CaseOpeningParamsDto,
  ): Promise<void> {
    return this.openings.withdraw(user, origin, params.openingId);
  }

  @ApiBearerAuth()
  @RateLimit('linkAnswer')
  @Post('case-openings/:openingId/accept')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AcceptCaseOpeningResponseDto, description: 'The case opened.' })
  acceptById(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Param() params: CaseOpeningParamsDto,
  ): Promise<AcceptCaseOpeningResponse> {
    return this.openings.acceptById(user, origin, params.openingId);
  }

  @Public()
  @RateLimit('linkAnswer')
  @Post('case-openings/lookup')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: CaseOpeningLookupDto,
    description: 'The request the link is for.',
  })
  lookUp(
    @Origin() origin: RequestOrigin,
    @Body() body: CaseOpeningTokenDto,
  ): Promise<CaseOpeningLookup> {
    return this.openings.lookUp(origin, body.token);
  }

  @ApiBearerAuth()
  @RateLimit('linkAnswer')
  @Post('case-openings/accept')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: AcceptCaseOpeningResponseDto, description: 'The case opened.' })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Origin() origin: RequestOrigin,
    @Body() body: AcceptCaseOpeningDto,
  ): Promise<AcceptCaseOpeningResponse> {
    return this.openings.acceptByToken(user, origin, body.token);
  }

  /** She has no account: the password creates hers, signs her in and opens the case. */
  @Public()
  @RateLimit('linkAnswer')
  @Post('case-openings/register')
  @HttpCode(200)
  @ZodResponse({
    status: 200,
    type: AcceptCaseOpeningResponseDto,
    description: 'The account created and signed in; the case opened.',
  })
  async register(
    @Origin() origin: RequestOrigin,
    @Body() body: RegisterCaseOpeningDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptCaseOpeningResponse> {
    const { response, session } = await this.openings.register(
      origin,
      body.token,
      body.password,
      request.headers['user-agent'] ?? null,
    );
    setRefreshCookie(
      reply,
      session.refreshToken,
      session.refreshExpiresAt,
      this.config.env === 'production',
    );
    return response;
  }

  @Public()
  @RateLimit('linkAnswer')
  @Post('case-openings/decline')
  @HttpCode(204)
  decline(@Origin() origin: RequestOrigin, @Body() body: CaseOpeningTokenDto): Promise<void> {
    return this.openings.decline(origin, body.token);
  }
}
