import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// Browser security headers on every response (helmet), with a strict Content-Security-Policy
// the web client passes (it has no inline scripts): nothing from elsewhere, no framing by any
// page (a consent grant cannot be clickjacked), no sniffing, no referrer. Case data is never
// stored by a browser or a proxy (`no-store` on every /api response). HSTS only on a request
// that arrived over TLS (directly or through a trusted proxy), where it means something.

/** The policy for the application and the API. */
const STRICT_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // socket.io and fetch to the same origin ('self' covers ws(s) of the same host in CSP 3).
  'connect-src': ["'self'"],
  // Document previews (PDF, images) from the same origin.
  'frame-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** The OpenAPI UI (Swagger UI) inlines its styles and a start-up script: only under /api/docs. */
const DOCS_CSP = {
  ...STRICT_CSP,
  'script-src': ["'self'", "'unsafe-inline'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

export const API_NO_STORE = 'no-store';
const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerSecurityHeaders(
  fastify: FastifyInstance,
  apiPrefix: string,
): Promise<void> {
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: STRICT_CSP },
    // Set per request below: only over TLS.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const docs = `/${apiPrefix}/docs`;
  const api = `/${apiPrefix}/`;
  const docsPolicy = Object.entries(DOCS_CSP)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
  fastify.addHook('onSend', async (request, reply) => {
    if (
      request.url === docs ||
      request.url.startsWith(`${docs}/`) ||
      request.url.startsWith(`${docs}-json`)
    ) {
      void reply.header('content-security-policy', docsPolicy);
    }
    if (request.url.startsWith(api) || request.url === `/${apiPrefix}`) {
      void reply.header('cache-control', API_NO_STORE);
    }
    if (request.protocol === 'https') {
      void reply.header('strict-transport-security', HSTS);
    }
  });
}
