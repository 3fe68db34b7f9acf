import type { Writable } from 'node:stream';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { destination as pinoDestination } from 'pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

/** A client's own request id, when it is a short plain token; anything else is dropped. */
export function clientRequestId(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : undefined;
}

/**
 * JSON logs through pino. Request logs carry the request id, method and path but never
 * bodies, query strings or credentials: personnummer and health data must not reach the logs.
 *
 * Cost per request (the read profile named it): the line is written to stdout
 * asynchronously (lines logged while a write is in flight go out together in the next one;
 * pino flushes what is left when the process exits), and the response part is its status
 * only, not every response header. The audit log is not this: it is written in the
 * request's own transaction (audit/).
 */
@Module({})
export class LoggingModule {
  /** `destination` defaults to stdout; tests pass a stream to inspect what was logged. */
  static forRoot(destination?: Writable): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.logLevel,
              quietReqLogger: true,
              customProps: (req: { headers: Record<string, string | string[] | undefined> }) => {
                const own = clientRequestId(req.headers['x-request-id']);
                return own ? { clientRequestId: own } : {};
              },
              redact: {
                paths: [
                  'req.headers.authorization',
                  'req.headers.cookie',
                  'res.headers["set-cookie"]',
                ],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  path: req.url.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            };
            return {
              pinoHttp: [options, destination ?? pinoDestination({ dest: 1, sync: false })],
              // Every route, in path-to-regexp 8 syntax: nestjs-pino's default ('*') makes
              // Nest log a LegacyRouteConverter warning at every start.
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            };
          },
        }),
      ],
    };
  }
}
