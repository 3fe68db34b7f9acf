import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@prisma/client';
import { DEMO_EMAILS, seedDemo } from '../testing/demo-fixture';
import { createTestApp, type TestApp } from '../testing/test-app';

// A real OpenID Provider (panva's oidc-provider, the certified implementation) runs inside
// the test on its own port; the API talks to it over HTTP exactly as to a production broker.

/** The slice of oidc-provider's API this test uses (the package ships no type declarations). */
interface InteractionDetails {
  readonly prompt: { readonly name: string; readonly details: Record<string, unknown> };
  readonly params: Record<string, unknown>;
  readonly session?: { readonly accountId: string };
}
interface ProviderGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: readonly string[]): void;
  save(): Promise<string>;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  readonly Grant: new (properties: { accountId: string; clientId: string }) => ProviderGrant;
}
type ProviderConstructor = new (issuer: string, configuration: object) => OidcProvider;

const CLIENT_ID = 'atergang-test';
const CLIENT_SECRET = 'a-client-secret-for-tests-only';
const PNR_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
const PNR_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
/** A valid personnummer (Luhn check digit 8) that belongs to no user. */
const STRANGER_PERSONNUMMER = '197902141238';

/** Cookies per origin, the way a browser would keep them for this flow (paths ignored). */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = this.byOrigin.get(target.origin) ?? new Map<string, string>();
    const headers = new Headers(init.headers);
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) {
        cookies.delete(name);
      } else {
        cookies.set(name, value);
      }
    }
    this.byOrigin.set(target.origin, cookies);
    return response;
  }

  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string): void {
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.byOrigin.set(origin, cookies);
  }
}

function setCookieLine(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('e-ID sign-in through OpenID Connect', () => {
  let testApp: TestApp;
  let prisma: PrismaClient;
  let provider: OidcProvider;
  let providerServer: Server;
  let issuer: string;
  let api: string;
  // Whom the provider's login step signs in next, and the claims each account releases.
  let nextAccount = 'anna';
  const accounts = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    // The issuer URL must exist before the API is configured with it, and the API's callback
    // URL before the provider registers its client: reserve the provider's port first.
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.statusCode = 503;
      res.end();
    };
    providerServer = createServer((req, res) => {
      handle(req, res);
    });
    issuer = `http://127.0.0.1:${await listen(providerServer)}`;

    testApp = await createTestApp({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
    ({ prisma } = await seedDemo(testApp));
    await testApp.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;

    const anna = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_EMAILS.patient },
      select: { personnummer: true },
    });
    const doctor = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_EMAILS.doctor },
      select: { hsaId: true },
    });
    accounts.set('anna', { name: 'Anna Andersson', [PNR_CLAIM]: anna.personnummer });
    accounts.set('doctor', { name: 'Läkaren', employeeHsaId: doctor.hsaId });
    accounts.set('stranger', { name: 'Okänd Person', [PNR_CLAIM]: STRANGER_PERSONNUMMER });

    // oidc-provider warns about development defaults (in-memory storage) on the console;
    // those are the point of a throwaway test provider, so the noise is muted while it loads.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const providerModule = 'oidc-provider';
    const { default: Provider } = (await import(providerModule)) as {
      default: ProviderConstructor;
    };
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    });
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${api}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: ['cookie-signing-key-for-tests'] },
      claims: {
        openid: ['sub'],
        // A broker releases the claims registered for the client; here the profile scope.
        profile: ['name', 'employeeHsaId'],
        [PNR_SCOPE]: [PNR_CLAIM],
      },
      pkce: { required: () => true },
      ttl: {
        AccessToken: 300,
        AuthorizationCode: 60,
        Grant: 600,
        IdToken: 300,
        Interaction: 600,
        Session: 600,
      },
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      findAccount: (_ctx: unknown, sub: string) => {
        const claims = accounts.get(sub);
        return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
      },
    });
    warn.mockRestore();
    const providerCallback = provider.callback();
    // Stands in for the broker's login page: signs in `nextAccount` and grants consent.
    const interact = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: nextAccount } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session?.accountId ?? nextAccount,
        clientId: String(details.params['client_id']),
      });
      const missingScope = details.prompt.details['missingOIDCScope'];
      if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(' '));
      const missingClaims = details.prompt.details['missingOIDCClaims'];
      if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims as string[]);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    };
    handle = (req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        interact(req, res).catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      } else {
        providerCallback(req, res);
      }
    };
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await testApp.close();
    providerServer.closeAllConnections();
    await new Promise<void>((resolve) => {
      providerServer.close(() => {
        resolve();
      });
    });
  });

  /**
   * Runs the browser's part up to the provider's redirect back to the API, and returns that
   * callback URL (not yet visited) with the cookies collected on the way.
   */
  async function authorize(account: string): Promise<{ callback: URL; jar: CookieJar }> {
    nextAccount = account;
    const jar = new CookieJar();
    let url = new URL(`${api}/api/auth/oidc/login`);
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await jar.fetch(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`expected a redirect from ${url.pathname}, got ${response.status}`);
      }
      url = new URL(location, url);
      if (url.href.startsWith(`${api}/api/auth/oidc/callback`)) {
        return { callback: url, jar };
      }
    }
    throw new Error('too many redirects');
  }

  async function signIn(account: string): Promise<{ response: Response; jar: CookieJar }> {
    const { callback, jar } = await authorize(account);
    return { response: await jar.fetch(callback), jar };
  }

  async function refreshWith(jar: CookieJar): Promise<Response> {
    return jar.fetch(`${api}/api/auth/refresh`, { method: 'POST' });
  }

  it('says e-ID sign-in is enabled', async () => {
    const response = await fetch(`${api}/api/auth/oidc`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ enabled: true });
  });

  it('redirects to the provider with PKCE, state and nonce kept in a sealed cookie', async () => {
    const response = await fetch(`${api}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/auth`);
    const params = location.searchParams;
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('redirect_uri')).toBe(`${api}/api/auth/oidc/callback`);
    expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', PNR_SCOPE]));
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const state = params.get('state') ?? '';
    const nonce = params.get('nonce') ?? '';
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(nonce.length).toBeGreaterThanOrEqual(32);

    const cookie = setCookieLine(response, 'atergang_oidc') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc(;|$)/);
    expect(cookie).toMatch(/Max-Age=600/);
    // Encrypted: neither the state nor the nonce can be read from it.
    const value = cookie.split(';')[0] ?? '';
    expect(value).not.toContain(state);
    expect(value).not.toContain(nonce);
  });

  it('signs Anna in by personnummer, links the identity, and hands over to the web client', async () => {
    const { response, jar } = await signIn('anna');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const refreshCookie = setCookieLine(response, 'atergang_refresh') ?? '';
    expect(refreshCookie).toMatch(/HttpOnly/i);
    expect(refreshCookie).toMatch(/SameSite=Strict/i);
    expect(refreshCookie).toMatch(/Path=\/api\/auth(;|$)/);
    // The single-use login cookie is gone.
    expect(jar.get(api, 'atergang_oidc')).toBeUndefined();

    const refreshed = await refreshWith(jar);
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { accessToken: string; user: { email: string } };
    expect(body.user.email).toBe(DEMO_EMAILS.patient);
    const me = await fetch(`${api}/api/me`, {
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(DEMO_EMAILS.patient);

    const identity = await prisma.userIdentity.findUniqueOrThrow({
      where: { issuer_subject: { issuer, subject: 'anna' } },
      select: { user: { select: { email: true } }, lastLoginAt: true },
    });
    expect(identity.user.email).toBe(DEMO_EMAILS.patient);
    expect(identity.lastLoginAt).not.toBeNull();
    const audited = await prisma.auditLog.findFirst({
      where: { action: 'auth.login', outcome: 'ALLOWED', reason: 'OIDC' },
      orderBy: { id: 'desc' },
      select: { actorUserId: true },
    });
    const annaUser = await prisma.user.findUniqueOrThrow({
      where: { email: DEMO_EMAILS.patient },
      select: { id: true },
    });
    expect(audited?.actorUserId).toBe(annaUser.id);
  });

  it('maps a returning person by issuer and subject even without a personnummer claim', async () => {
    await signIn('anna'); // ensures the link exists whatever ran before
    const claims = accounts.get('anna');
    accounts.set('anna', { name: 'Anna Andersson' });
    try {
      const { response, jar } = await signIn('anna');
      expect(response.status).toBe(302);
      const refreshed = await refreshWith(jar);
      expect(((await refreshed.json()) as { user: { email: string } }).user.email).toBe(
        DEMO_EMAILS.patient,
      );
    } finally {
      accounts.set('anna', claims ?? {});
    }
  });

  it('signs healthcare staff in by the HSA-id the provider releases', async () => {
    const { response, jar } = await signIn('doctor');
    expect(response.status).toBe(302);
    const refreshed = await refreshWith(jar);
    expect(((await refreshed.json()) as { user: { email: string } }).user.email).toBe(
      DEMO_EMAILS.doctor,
    );
  });

  it('refuses a person without an account, creating nothing', async () => {
    const usersBefore = await prisma.user.count();
    const { response } = await signIn('stranger');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const text = await response.text();
    expect(text).not.toContain(STRANGER_PERSONNUMMER);
    expect((JSON.parse(text) as { code: string }).code).toBe('EID_PERSON_UNKNOWN');
    expect(setCookieLine(response, 'atergang_refresh')).toBeUndefined();

    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.user.count({ where: { personnummer: STRANGER_PERSONNUMMER } })).toBe(0);
    expect(await prisma.userIdentity.count({ where: { subject: 'stranger' } })).toBe(0);
    const denial = await prisma.auditLog.findFirst({
      where: { action: 'auth.login', outcome: 'DENIED', reason: 'EID_PERSON_UNKNOWN' },
    });
    expect(denial).not.toBeNull();
  });

  it('sends a browser that is refused back to the web client with a reason', async () => {
    const { callback, jar } = await authorize('stranger');
    const response = await jar.fetch(callback, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/?login=eid-unknown');
  });

  it('refuses a tampered state, a missing or forged login cookie, and a wrong code', async () => {
    const tampered = await authorize('anna');
    tampered.callback.searchParams.set('state', 'forged-state');
    const badState = await tampered.jar.fetch(tampered.callback);
    expect(badState.status).toBe(400);
    expect(badState.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await badState.json()) as { code: string }).code).toBe('OIDC_INVALID_STATE');

    const noCookie = await authorize('anna');
    const withoutCookie = await fetch(noCookie.callback, { redirect: 'manual' });
    expect(withoutCookie.status).toBe(400);

    const forged = await authorize('anna');
    const sealed = forged.jar.get(api, 'atergang_oidc') ?? '';
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    forged.jar.set(api, 'atergang_oidc', flipped);
    const forgedCookie = await forged.jar.fetch(forged.callback);
    expect(forgedCookie.status).toBe(400);

    const wrongCode = await authorize('anna');
    wrongCode.callback.searchParams.set('code', 'not-a-code-the-provider-issued');
    const badCode = await wrongCode.jar.fetch(wrongCode.callback);
    expect(badCode.status).toBe(401);
    expect(((await badCode.json()) as { code: string }).code).toBe('OIDC_LOGIN_FAILED');
  });

  it('reports a provider refusal (the person cancelled) as a failed login', async () => {
    const { callback, jar } = await authorize('anna');
    const refused = new URL(callback);
    refused.search = '';
    refused.searchParams.set('error', 'access_denied');
    refused.searchParams.set('state', callback.searchParams.get('state') ?? '');
    refused.searchParams.set('iss', issuer);
    const response = await jar.fetch(refused);
    expect(response.status).toBe(401);
    const problem = (await response.json()) as { code: string; providerError?: string };
    expect(problem.code).toBe('OIDC_LOGIN_FAILED');
    expect(problem.providerError).toBe('access_denied');
  });
});

describe('e-ID sign-in when it is not configured or the provider is down', () => {
  it('says disabled and answers /login with 404 OIDC_NOT_CONFIGURED', async () => {
    const testApp = await createTestApp();
    try {
      await testApp.app.listen(0, '127.0.0.1');
      const api = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
      const status = await fetch(`${api}/api/auth/oidc`);
      expect(await status.json()).toEqual({ enabled: false });
      for (const path of ['login', 'callback?code=x&state=y']) {
        const response = await fetch(`${api}/api/auth/oidc/${path}`, { redirect: 'manual' });
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(((await response.json()) as { code: string }).code).toBe('OIDC_NOT_CONFIGURED');
      }
    } finally {
      await testApp.close();
    }
  });

  it('answers 503 while the provider cannot be reached', async () => {
    const testApp = await createTestApp({
      OIDC_ISSUER: 'http://127.0.0.1:1',
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
    try {
      await testApp.app.listen(0, '127.0.0.1');
      const api = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
      const response = await fetch(`${api}/api/auth/oidc/login`, { redirect: 'manual' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { code: string }).code).toBe('OIDC_PROVIDER_UNAVAILABLE');
    } finally {
      await testApp.close();
    }
  });
});
