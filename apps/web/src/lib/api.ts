import {
  type LoginResponse,
  loginResponseSchema,
  meResponseSchema,
  type Problem,
  problemSchema,
} from '@atergang/contracts';
import type { z } from 'zod';

/** A route's contract: the schema of its body, or `[schema]` for a list of what it describes. */
export type Contract = z.ZodType | readonly [z.ZodType];

/** The body a contract describes. */
export type BodyOf<C extends Contract> = C extends readonly [infer S extends z.ZodType]
  ? z.output<S>[]
  : C extends z.ZodType
    ? z.output<C>
    : never;

/**
 * The JSON body of a response, typed by the route's contract. The API parses every body with
 * that very schema before sending it (@ZodResponse and ZodSerializerInterceptor: a body that
 * does not match is a 500, never sent), so the client does not parse it again: that would
 * repeat the server's work on every read (the overview, plan and tasks refetch on live events)
 * and turn a harmless skew (a newer server adding a value) into a broken view. This is the one
 * place a body gets its type; callers name the contract and never cast.
 */
function asBody<const C extends Contract>(body: unknown, _contract: C): BodyOf<C> {
  return body as BodyOf<C>;
}

async function bodyOf<const C extends Contract>(
  response: Response,
  contract: C,
): Promise<BodyOf<C>> {
  return asBody(await response.json(), contract);
}

/** A failed API call: the HTTP status and the problem+json body (RFC 9457) when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: (Problem & Record<string, unknown>) | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }
}

type Listener = (session: LoginResponse | null) => void;

/**
 * The session: the access token lives only in memory; the refresh token is an httpOnly
 * cookie scoped to /api/auth that the browser sends to POST /api/auth/refresh.
 */
class Session {
  private current: LoginResponse | null = null;
  private refreshing: Promise<LoginResponse | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  get token(): string | null {
    return this.current?.accessToken ?? null;
  }

  get value(): LoginResponse | null {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(session: LoginResponse | null): void {
    this.current = session;
    clearTimeout(this.timer);
    if (session) {
      // Silent refresh a minute before the access token expires.
      const ms = Math.max(10, session.expiresIn - 60) * 1000;
      this.timer = setTimeout(() => void this.refresh(), ms);
    }
    for (const listener of this.listeners) listener(session);
  }

  /** One refresh at a time; null when there is no valid refresh cookie. */
  refresh(): Promise<LoginResponse | null> {
    this.refreshing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })
      .then(async (response) => {
        // 204: no refresh cookie, so no session (a first visit; the API answers it without
        // an error so the page logs none). A refusal's body is read too: an unread body
        // leaves the request open in the browser (and the page never "idle").
        const next =
          response.status === 200
            ? await bodyOf(response, loginResponseSchema)
            : (await response.text(), null);
        this.set(next);
        return next;
      })
      .catch(() => null)
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}

export const session = new Session();

/**
 * A session from an access token another route handed out (an account created from an
 * e-mailed link signs its owner in): the user's name and e-mail, as login gives them, come
 * from GET /api/me with that token.
 */
export async function sessionFromToken(
  accessToken: string,
  expiresIn: number,
): Promise<LoginResponse> {
  const response = await fetch('/api/me', {
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    credentials: 'same-origin',
  });
  if (!response.ok) throw await toError(response);
  const me = await bodyOf(response, meResponseSchema);
  return { accessToken, expiresIn, user: me.user };
}

async function toError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return new ApiError(response.status, await bodyOf(response, problemSchema));
    } catch {
      // fall through
    }
  }
  return new ApiError(response.status, null);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Fetches with the access token; on 401 it refreshes the session once and tries again. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const send = (token: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
    });
  };
  let response = await send(session.token);
  if (response.status === 401 && session.token) {
    const renewed = await session.refresh();
    if (renewed) response = await send(renewed.accessToken);
  }
  if (!response.ok) throw await toError(response);
  return response;
}

/**
 * Calls a JSON route; the answer has the type of its contract, e.g.
 * `api(`/workspaces/${id}/tasks`, taskListSchema)` or `api('/workspaces', [workspaceSummarySchema])`.
 */
export async function api<const C extends Contract>(
  path: string,
  contract: C,
  options: RequestOptions = {},
): Promise<BodyOf<C>> {
  return bodyOf(await apiFetch(path, options), contract);
}

/** Calls a route that answers 204 No Content. */
export async function apiNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  const response = await apiFetch(path, options);
  // Read what there is (nothing, normally), so the request is not left open in the browser.
  await response.text();
}

/**
 * Downloads an authenticated file (e.g. a meeting's .ics) and hands it to the browser, under
 * the name the server gives it (Content-Disposition), else `fallbackName`.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await apiFetch(path, { headers: { accept: '*/*' } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** The plain `filename="…"` of a Content-Disposition header (the server sends ASCII names). */
function fileNameOf(disposition: string | null): string | null {
  return disposition ? (/filename="([^"]+)"/.exec(disposition)?.[1] ?? null) : null;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Multipart upload with progress (fetch has no upload progress; XMLHttpRequest has). */
export function upload<const C extends Contract>(
  path: string,
  contract: C,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<BodyOf<C>> {
  const attempt = (token: string | null) =>
    new Promise<{ status: number; body: unknown; type: string }>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `/api${path}`);
      if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
      request.setRequestHeader('accept', 'application/json');
      request.upload.onprogress = (event) => {
        onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
      };
      request.onload = () => {
        let body: unknown = null;
        try {
          body = request.responseText ? JSON.parse(request.responseText) : null;
        } catch {
          body = null;
        }
        resolve({
          status: request.status,
          body,
          type: request.getResponseHeader('content-type') ?? '',
        });
      };
      request.onerror = () => {
        reject(new ApiError(0, null));
      };
      request.send(form);
    });
  return (async () => {
    let result = await attempt(session.token);
    if (result.status === 401) {
      const renewed = await session.refresh();
      if (renewed) result = await attempt(renewed.accessToken);
    }
    if (result.status >= 200 && result.status < 300) return asBody(result.body, contract);
    throw new ApiError(result.status, result.body ? asBody(result.body, problemSchema) : null);
  })();
}
