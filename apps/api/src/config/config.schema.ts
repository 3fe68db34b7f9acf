import { isIP } from 'node:net';
import { z } from 'zod';

// The one place that knows which environment variables exist (contract.md, "Running it").
// Everything else receives the parsed AppConfig; nothing outside config/ reads process.env.

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const optionalNonEmpty = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: 'must be a postgresql:// connection URL',
  });

/** proxy-addr's names for address ranges (Fastify's trustProxy accepts them). */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix (CIDR) or a named range. */
function isProxySpec(value: string): boolean {
  if (PROXY_RANGES.has(value)) return true;
  const [address = '', prefix, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which peers' X-Forwarded-For/-Proto/-Host are believed: the reverse proxies in front of
 * the API, by address or CIDR (comma-separated), or proxy-addr's range names. None by
 * default: a client cannot then pick its own address (and reset a per-address limit).
 */
const trustedProxies = z
  .string()
  .trim()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .refine((specs) => specs.every(isProxySpec), {
    message: 'must be addresses or CIDRs (or loopback, linklocal, uniquelocal), comma-separated',
  });

/** A URL of one of the given schemes (new URL's `protocol`, e.g. 'smtp:'), with a host. */
function isUrlOf(value: string, protocols: readonly string[]): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return protocols.includes(url.protocol) && url.hostname !== '';
}

/** The SMTP server mail is sent through (nodemailer's URL form, credentials inside). */
const smtpUrl = optionalNonEmpty.pipe(
  z
    .string()
    .refine((value) => isUrlOf(value, ['smtp:', 'smtps:']), {
      message: 'must be an smtp:// or smtps:// URL',
    })
    .optional(),
);

/** The sender: an address, or a display name and the address in angle brackets. */
const mailbox = optionalNonEmpty.pipe(
  z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
      message: 'must be an address or "Name <address>"',
    })
    .optional(),
);

/** Where people reach the web client; links in e-mail are made from it (paths are appended). */
const publicUrl = optionalNonEmpty.pipe(
  z
    .string()
    .refine(
      (value) =>
        isUrlOf(value, ['http:', 'https:']) && !new URL(value).search && !new URL(value).hash,
      { message: 'must be an http:// or https:// URL without query or fragment' },
    )
    .optional(),
);

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    TRUSTED_PROXIES: trustedProxies,
    /** Scales every rate-limit budget (apps/api/src/limits): 2 doubles them all. */
    RATE_LIMIT_FACTOR: z.coerce.number().positive().max(1000).default(1),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DEMO: booleanString.default(false),
    JWT_SECRET: optionalNonEmpty.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    REDIS_URL: optionalNonEmpty.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
        .optional(),
    ),
    STORAGE_DIR: z.string().trim().min(1).default('.data/storage'),
    S3_ENDPOINT: optionalNonEmpty.pipe(z.url().optional()),
    S3_BUCKET: optionalNonEmpty,
    S3_REGION: optionalNonEmpty,
    S3_ACCESS_KEY_ID: optionalNonEmpty,
    S3_SECRET_ACCESS_KEY: optionalNonEmpty,
    OIDC_ISSUER: optionalNonEmpty.pipe(z.url().optional()),
    OIDC_CLIENT_ID: optionalNonEmpty,
    OIDC_CLIENT_SECRET: optionalNonEmpty,
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    WEB_DIST_DIR: optionalNonEmpty,
    MIGRATIONS_DIR: z.string().trim().min(1).default('prisma/migrations'),
    /** Where the audit chain's signed head is appended (audit/audit-anchor.ts). */
    AUDIT_ANCHOR_FILE: optionalNonEmpty,
    AUDIT_ANCHOR_KEY: optionalNonEmpty.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(9_000),
    /** Mail is delivered through it; without it, mail stays in the outbox (the demo's Utkorg). */
    SMTP_URL: smtpUrl,
    MAIL_FROM: mailbox,
    PUBLIC_URL: publicUrl,
    /** How long a claimed outbox message is this instance's before another may send it. */
    MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
    /**
     * Whether this instance runs the job queue (notifications, reminders, digests). Any
     * number may; `off` for an instance that should only serve requests.
     */
    JOB_WORKER: z.enum(['on', 'off']).default('on'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      if (!env.JWT_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'is required when NODE_ENV=production',
        });
      }
      if (env.DEMO) {
        // Demo data (known passwords) must never reach a production database.
        ctx.addIssue({
          code: 'custom',
          path: ['DEMO'],
          message: 'is refused when NODE_ENV=production',
        });
      }
    }
    if (env.NODE_ENV === 'production' && env.SMTP_URL && !env.PUBLIC_URL) {
      // Otherwise every mailed link would point at http://localhost.
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required when SMTP_URL is set and NODE_ENV=production',
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).find(
        (key) => !env[key],
      );
      ctx.addIssue({
        code: 'custom',
        path: [missing ?? 'OIDC_ISSUER'],
        message: 'is required when any OIDC_* variable is set',
      });
    }
    if (Boolean(env.AUDIT_ANCHOR_FILE) !== Boolean(env.AUDIT_ANCHOR_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AUDIT_ANCHOR_FILE ? 'AUDIT_ANCHOR_KEY' : 'AUDIT_ANCHOR_FILE'],
        message: 'is required when the other AUDIT_ANCHOR_* variable is set',
      });
    }
    const s3 = [env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY];
    if (s3.some(Boolean) && !s3.every(Boolean)) {
      const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find(
        (key) => !env[key],
      );
      ctx.addIssue({
        code: 'custom',
        path: [missing ?? 'S3_BUCKET'],
        message: 'is required when S3 storage is configured',
      });
    }
  });

export type AppEnvironment = z.infer<typeof configSchema>;
