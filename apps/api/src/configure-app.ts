import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { Logger as PinoLogger } from 'nestjs-pino';
import { MAX_DOCUMENT_BYTES } from '@atergang/contracts';
import { AppModule } from './app.module';
import { registerSecurityHeaders } from './common/security-headers';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api';
const REQUEST_ID_HEADER = 'x-request-id';
const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Creates the application exactly as production runs it. main.ts and every test call
 * this, so tests exercise the real wiring (adapter, prefix, filters, docs, web client).
 */
export interface CreateAppOptions {
  /** Where JSON logs go (stdout when absent); tests capture them. */
  readonly logDestination?: Writable;
}

export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_JSON_BODY_BYTES,
    // Forwarded addresses only from the configured proxies (TRUSTED_PROXIES): otherwise a
    // client's X-Forwarded-For would choose its own address for limits and the audit.
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    // The id is always ours: a client's x-request-id is neither adopted into responses, logs
    // and the audit trail nor trusted (it could say anything); it is kept, cleaned, only as
    // `clientRequestId` in the request log (logging.module.ts).
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // Connections idle for long must not keep a graceful shutdown waiting.
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logDestination),
    adapter,
    {
      bufferLogs: true,
    },
  );
  await configureApp(app, config);
  return app;
}

export interface ExposedRoute {
  readonly method: string;
  readonly url: string;
}

const exposed = new WeakMap<NestFastifyApplication, ExposedRoute[]>();

/** Every route the HTTP server really serves (for the authorization matrix test). */
export function exposedRoutes(app: NestFastifyApplication): readonly ExposedRoute[] {
  return exposed.get(app) ?? [];
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const routes: ExposedRoute[] = [];
  exposed.set(app, routes);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) {
        routes.push({ method, url: route.url });
      }
    });
  app.useLogger(app.get(PinoLogger));
  app.setGlobalPrefix(API_PREFIX);

  await registerSecurityHeaders(app.getHttpAdapter().getInstance(), API_PREFIX);
  await app.register(fastifyCookie);
  // Document uploads (documents/): stream mode only, so a file is never buffered whole.
  // One file per request of at most MAX_DOCUMENT_BYTES (beyond it busboy stops and the
  // upload gets 413), and a few short text fields (title, kind, documentId).
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: MAX_DOCUMENT_BYTES,
      files: 1,
      fields: 10,
      parts: 11,
      fieldNameSize: 100,
      fieldSize: 4096,
      headerPairs: 100,
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });

  setUpOpenApi(app);
  await serveWebClient(app, config);
  await app.init();
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Återgång API')
      .setDescription(
        'Shared, consent-scoped workspace for returning to work after sick leave. ' +
          'Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, cleanupOpenApiDoc(document), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
  });
}

/**
 * Serves the built web client on the API's port (same origin). Files are served as they
 * are; any other GET outside /api answers index.html so client-side routes work.
 */
async function serveWebClient(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.webDistDir ? resolve(config.webDistDir) : undefined;
  if (!root || !existsSync(join(root, 'index.html'))) {
    return;
  }
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url === `/${API_PREFIX}` || request.url.startsWith(`/${API_PREFIX}/`)) {
      throw new NotFoundException(`Cannot GET ${request.url.split('?')[0] ?? ''}`);
    }
    return reply.sendFile('index.html');
  });
}
