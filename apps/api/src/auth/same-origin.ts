import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';

/**
 * Whether a browser sent the request from another origin: by Fetch Metadata when the browser
 * sends it, else by the Origin header. A request with neither (a script, curl) is no browser's
 * cross-site request. The refresh cookie is SameSite=Strict already; this also refuses
 * another port of the same host, which SameSite counts as the same site.
 */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    return site !== 'same-origin' && site !== 'none';
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export const crossOriginRefused = (): ApiError =>
  new ApiError(
    403,
    'CROSS_ORIGIN_REFUSED',
    'Sessions are renewed and ended only from Återgång’s own pages.',
  );

/** Refuses a session call a page of another origin made. */
export function requireSameOrigin(request: FastifyRequest): void {
  if (isCrossOrigin(request)) throw crossOriginRefused();
}
