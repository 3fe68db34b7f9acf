import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { oidcStatusSchema } from '@atergang/contracts';
import { ApiError } from '../common/api-error';
import { Public } from '../common/public.decorator';
import { Origin, type RequestOrigin } from '../common/request-origin.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import {
  clearOidcLoginCookie,
  OidcLoginSealer,
  readOidcLoginCookie,
  setOidcLoginCookie,
} from './oidc-login-cookie';
import { oidcNotConfigured } from './oidc.errors';
import { OidcService } from './oidc.service';
import { setRefreshCookie } from './refresh-cookie';

// The global prefix ('api') plus this controller's callback route; the provider must have
// `<origin>/api/auth/oidc/callback` registered as a redirect URI.
const CALLBACK_PATH = '/api/auth/oidc/callback';
// Where the web client takes over; it reads `?login=` to explain a refusal.
const WEB_CLIENT_HOME = '/';

class OidcStatusDto extends createZodDto(oidcStatusSchema) {}

/** The `?login=` value the web client shows for a refused browser sign-in. */
function webLoginOutcome(code: string): string {
  switch (code) {
    case 'EID_PERSON_UNKNOWN':
      return 'eid-unknown';
    case 'EID_ACCOUNT_DISABLED':
      return 'eid-disabled';
    case 'OIDC_NOT_CONFIGURED':
      return 'eid-not-configured';
    case 'OIDC_PROVIDER_UNAVAILABLE':
      return 'eid-unavailable';
    default:
      return 'eid-failed';
  }
}

/**
 * e-ID sign-in (OpenID Connect). Both /login and /callback are browser navigations, so a
 * request that accepts text/html is answered with redirects: to the web client on success
 * (which then calls POST /api/auth/refresh for its access token) and to
 * `/?login=<outcome>` on a refusal. Any other client gets the problem+json document.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  private readonly sealer: OidcLoginSealer;

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.sealer = new OidcLoginSealer(config.jwtSecret);
  }

  @Public()
  @Get()
  @ZodResponse({
    status: 200,
    type: OidcStatusDto,
    description: '`{enabled}`: whether "Logga in med e-legitimation" is offered.',
  })
  status(): { enabled: boolean } {
    return { enabled: this.oidc.enabled };
  }

  @Public()
  @Get('login')
  @ApiFoundResponse({
    description:
      'Redirect to the identity provider (PKCE S256, state, nonce); the pending login is kept in a short-lived encrypted cookie. 404 OIDC_NOT_CONFIGURED when e-ID sign-in is off.',
  })
  async login(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.answer(request, reply, async () => {
      if (!this.oidc.enabled) {
        throw oidcNotConfigured();
      }
      const { authorizationUrl, pending } = await this.oidc.beginLogin(this.callbackUrl(request));
      setOidcLoginCookie(reply, this.sealer.seal(pending), this.secureCookies);
      return authorizationUrl;
    });
  }

  @Public()
  @Get('callback')
  @ApiFoundResponse({
    description:
      'Completes the sign-in: sets the refresh cookie and redirects to the web client. A person without an account gets 403 EID_PERSON_UNKNOWN (no account is created); a bad or expired state 400; a refused or unverifiable response 401.',
  })
  async callback(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Origin() origin: RequestOrigin,
  ): Promise<FastifyReply> {
    const pending = this.sealer.open(readOidcLoginCookie(request));
    // Single use, whatever the outcome: a retry has to start over at /login.
    clearOidcLoginCookie(reply, this.secureCookies);
    return this.answer(request, reply, async () => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const { session } = await this.oidc.completeLogin(
        query,
        pending,
        origin,
        request.headers['user-agent'] ?? null,
      );
      setRefreshCookie(reply, session.refreshToken, session.refreshExpiresAt, this.secureCookies);
      return WEB_CLIENT_HOME;
    });
  }

  /** Redirects to where `step` says, or turns a refusal into a redirect for a browser. */
  private async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    step: () => Promise<string>,
  ): Promise<FastifyReply> {
    void reply.header('cache-control', 'no-store');
    let location: string;
    try {
      location = await step();
    } catch (error) {
      if (error instanceof ApiError && this.wantsHtml(request)) {
        return reply.redirect(`${WEB_CLIENT_HOME}?login=${webLoginOutcome(error.code)}`, 302);
      }
      throw error;
    }
    return reply.redirect(location, 302);
  }

  private wantsHtml(request: FastifyRequest): boolean {
    return request.headers.accept?.includes('text/html') ?? false;
  }

  /**
   * Built from the request as the browser sent it. Behind a reverse proxy named in
   * TRUSTED_PROXIES, Fastify takes the scheme and host from X-Forwarded-Proto/-Host.
   * A forged host gains nothing: the provider only redirects to registered URIs.
   */
  private callbackUrl(request: FastifyRequest): string {
    try {
      return new URL(CALLBACK_PATH, `${request.protocol}://${request.host}`).href;
    } catch {
      throw new ApiError(400, 'BAD_REQUEST', 'The Host header is not a valid host name.');
    }
  }

  private get secureCookies(): boolean {
    return this.config.env === 'production';
  }
}
