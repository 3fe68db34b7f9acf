import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
// Types only: openid-client is ESM-only and this CommonJS build loads it with import().
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import { type AnonymousActor, AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import type { RequestOrigin } from '../common/request-origin.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AuthRepository } from './auth.repository';
import { unknownEidPerson } from './auth.errors';
import type { AuthenticatedUser } from './auth.types';
import {
  type Claims,
  hsaIdFromClaims,
  OIDC_OPTIONS,
  type OidcOptions,
  personnummerFromClaims,
} from './oidc-claims';
import type { PendingOidcLogin } from './oidc-login-cookie';
import {
  eidAccountDisabled,
  oidcInvalidState,
  oidcLoginFailed,
  oidcNotConfigured,
  oidcProviderUnavailable,
} from './oidc.errors';
import { type IssuedSession, SessionService } from './session.service';

type OpenIdModule = typeof OpenIdClient;
type OidcSettings = NonNullable<AppConfig['oidc']>;

interface OidcClient {
  readonly openid: OpenIdModule;
  readonly configuration: OpenIdClient.Configuration;
  /** The issuer as discovered (and as every ID token's `iss` is checked against). */
  readonly issuer: string;
}

interface MatchedUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly disabledAt: Date | null;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;
// Error codes from the provider (RFC 6749 §4.1.2.1) are echoed to the client; anything
// that does not look like one is dropped rather than reflected.
const PROVIDER_ERROR_CODE = /^[a-z_]{1,64}$/;

/**
 * openid-client (and its dependencies) ship only ES modules. With `module: node16` the
 * compiler keeps this import() as a real dynamic import in the CommonJS output, which Node
 * loads natively; under Jest, SWC turns it into require() of a transpiled copy.
 */
const loadOpenIdClient = (): Promise<OpenIdModule> => import('openid-client');

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * e-ID sign-in through an OpenID Connect provider (the identity broker in front of BankID,
 * Freja eID or SITHS): authorization code flow with PKCE, state and nonce. A verified person
 * is mapped to an existing account — by a linked identity, else by personnummer, else by
 * HSA-id — and never gets an account created for them here.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  // Discovery is done once per process, lazily, and forgotten on failure so the next login
  // tries again (the provider may simply have been down when we first asked).
  private client: Promise<OidcClient> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OIDC_OPTIONS) private readonly options: OidcOptions,
    private readonly repository: AuthRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  /** A fresh authorization request and what the callback must remember to complete it. */
  async beginLogin(
    redirectUri: string,
  ): Promise<{ authorizationUrl: string; pending: PendingOidcLogin }> {
    const { openid, configuration } = await this.getClient();
    const pending: PendingOidcLogin = {
      codeVerifier: openid.randomPKCECodeVerifier(),
      state: openid.randomState(),
      nonce: openid.randomNonce(),
      redirectUri,
    };
    const authorizationUrl = openid.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.options.scope,
      code_challenge: await openid.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { authorizationUrl: authorizationUrl.href, pending };
  }

  /**
   * Verifies the authorization response against the pending login, redeems the code and
   * signs the mapped user in. Every refusal is audited with its error code as the reason.
   */
  async completeLogin(
    callbackQuery: string,
    pending: PendingOidcLogin | undefined,
    origin: RequestOrigin,
    userAgent: string | null,
  ): Promise<{ session: IssuedSession; user: AuthenticatedUser }> {
    if (!this.enabled) {
      throw oidcNotConfigured();
    }
    try {
      const user = await this.verifyAndMatch(callbackQuery, pending);
      const session = await this.sessions.start(user, userAgent);
      await this.audit.record(
        { userId: user.id, name: user.name, party: null, organisationId: null, ...origin },
        { action: 'auth.login', resourceType: 'Session', outcome: 'ALLOWED', reason: 'OIDC' },
      );
      return { session, user };
    } catch (error) {
      if (error instanceof ApiError) {
        const actor: AnonymousActor = { userId: null, ...origin };
        await this.audit.record(actor, {
          action: 'auth.login',
          resourceType: 'Session',
          outcome: 'DENIED',
          reason: error.code,
        });
      }
      throw error;
    }
  }

  private async verifyAndMatch(
    callbackQuery: string,
    pending: PendingOidcLogin | undefined,
  ): Promise<AuthenticatedUser> {
    // Checked before anything reaches the provider: a callback we did not start (no cookie,
    // expired, or another tab's attempt) is refused without spending the code.
    const returnedState = new URLSearchParams(callbackQuery).get('state');
    if (!pending || returnedState === null || !sameString(returnedState, pending.state)) {
      throw oidcInvalidState();
    }
    const { openid, configuration, issuer } = await this.getClient();
    // The token request must carry the redirect_uri of the authorization request exactly,
    // so the callback URL is rebuilt from it rather than from this request's Host header.
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = callbackQuery;

    const tokens = await this.protocolStep(openid, () =>
      openid.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }),
    );
    const idToken = tokens.claims();
    if (!idToken) {
      throw oidcLoginFailed();
    }
    const user = await this.matchUser(
      { openid, configuration, issuer },
      idToken,
      tokens.access_token,
    );
    if (!user) {
      throw unknownEidPerson();
    }
    if (user.disabledAt) {
      throw eidAccountDisabled();
    }
    await this.repository.linkIdentity(user.id, issuer, idToken.sub);
    return { id: user.id, name: user.name, email: user.email };
  }

  /**
   * Linked identity first: it is stable even if the person's identifiers change. Otherwise
   * personnummer, then HSA-id. Providers following OIDC Core put scope-requested claims in
   * UserInfo rather than the ID token in the code flow, so UserInfo is asked when the ID
   * token carries neither; ID token values win where both have a claim (they are signed).
   */
  private async matchUser(
    client: OidcClient,
    idToken: OpenIdClient.IDToken,
    accessToken: string,
  ): Promise<MatchedUser | null> {
    const linked = await this.repository.findUserByIdentity(client.issuer, idToken.sub);
    if (linked) {
      return linked.user;
    }
    let claims: Claims = idToken;
    if (!this.personnummerIn(claims) && !this.hsaIdIn(claims)) {
      claims = { ...(await this.userInfo(client, accessToken, idToken.sub)), ...idToken };
    }
    const personnummer = this.personnummerIn(claims);
    const byPersonnummer = personnummer
      ? await this.repository.findUserByPersonnummer(personnummer)
      : null;
    if (byPersonnummer) {
      return byPersonnummer;
    }
    const hsaId = this.hsaIdIn(claims);
    return hsaId ? this.repository.findUserByHsaId(hsaId) : null;
  }

  private async userInfo(
    { openid, configuration }: OidcClient,
    accessToken: string,
    subject: string,
  ): Promise<Claims> {
    if (!configuration.serverMetadata().userinfo_endpoint) {
      return {};
    }
    // fetchUserInfo checks that the response's `sub` is the ID token's.
    return this.protocolStep(openid, () =>
      openid.fetchUserInfo(configuration, accessToken, subject),
    );
  }

  private personnummerIn(claims: Claims): string | undefined {
    return personnummerFromClaims(claims, this.options.personnummerClaims);
  }

  private hsaIdIn(claims: Claims): string | undefined {
    return hsaIdFromClaims(claims, this.options.hsaIdClaims);
  }

  /**
   * Runs one exchange with the provider and turns its failures into problems: a refusal
   * or a response that does not verify is a failed login (401); the provider being
   * unreachable is a 503. Nothing from the responses (claims included) is logged.
   */
  private async protocolStep<T>(openid: OpenIdModule, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (
        error instanceof openid.AuthorizationResponseError ||
        error instanceof openid.ResponseBodyError
      ) {
        throw oidcLoginFailed(PROVIDER_ERROR_CODE.test(error.error) ? error.error : undefined);
      }
      if (isUnreachable(error)) {
        this.logger.warn({ err: describe(error) }, 'OIDC provider unreachable');
        throw oidcProviderUnavailable();
      }
      this.logger.warn({ err: describe(error) }, 'OIDC response rejected');
      throw oidcLoginFailed();
    }
  }

  private getClient(): Promise<OidcClient> {
    const settings = this.config.oidc;
    if (!settings) {
      return Promise.reject(oidcNotConfigured());
    }
    this.client ??= this.discover(settings).catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async discover(settings: OidcSettings): Promise<OidcClient> {
    const openid = await loadOpenIdClient();
    const server = new URL(settings.issuer);
    const insecure = server.protocol === 'http:';
    if (insecure && this.config.env === 'production') {
      this.logger.error('OIDC_ISSUER must be an https URL in production; e-ID sign-in is off');
      throw oidcProviderUnavailable();
    }
    try {
      const configuration = await openid.discovery(
        server,
        settings.clientId,
        undefined,
        // OIDC Core's default client authentication, and what brokers register clients with.
        openid.ClientSecretBasic(settings.clientSecret),
        {
          // Plain http only for a local or test provider; refused in production above.
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only as a warning sign; this is its intended use
          execute: insecure ? [openid.allowInsecureRequests] : [],
          timeout: DISCOVERY_TIMEOUT_SECONDS,
        },
      );
      return { openid, configuration, issuer: configuration.serverMetadata().issuer };
    } catch (error) {
      this.logger.warn({ err: describe(error) }, 'OIDC discovery failed');
      throw oidcProviderUnavailable();
    }
  }
}

/** Network failures, as fetch reports them (a TypeError) or a timeout/abort. */
function isUnreachable(error: unknown): boolean {
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Name, code and message only: enough to diagnose, with no response bodies or claims. */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
}
