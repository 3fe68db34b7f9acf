import { randomBytes } from 'node:crypto';
import { configSchema, type AppEnvironment } from './config.schema';

/** Thrown when the environment is unusable; its message is the one line start-up prints. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface AppConfig {
  readonly env: AppEnvironment['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly demo: boolean;
  readonly jwtSecret: string;
  readonly redisUrl: string | undefined;
  readonly storage:
    | { readonly kind: 'disk'; readonly dir: string }
    | {
        readonly kind: 's3';
        readonly bucket: string;
        readonly endpoint: string | undefined;
        readonly region: string;
        readonly accessKeyId: string;
        readonly secretAccessKey: string;
      };
  readonly oidc:
    | { readonly issuer: string; readonly clientId: string; readonly clientSecret: string }
    | undefined;
  readonly logLevel: AppEnvironment['LOG_LEVEL'];
  /** The reverse proxies whose forwarded headers are believed (none: only the peer counts). */
  readonly trustedProxies: readonly string[];
  /** Scales every rate-limit budget (for an operator's load). */
  readonly rateLimitFactor: number;
  readonly webDistDir: string | undefined;
  readonly migrationsDir: string;
  readonly shutdownTimeoutMs: number;
  /** Where and how often the audit chain's head is anchored outside the database. */
  readonly auditAnchor:
    { readonly file: string; readonly key: string; readonly intervalMs: number } | undefined;
  /** E-mail (mail/): delivered through SMTP when smtpUrl is set, else kept in the outbox. */
  readonly mail: {
    readonly smtpUrl: string | undefined;
    /** The From header. */
    readonly from: string;
    /** The web client's address, without a trailing slash: links are this plus a path. */
    readonly publicUrl: string;
    /** How long a claimed message is this instance's (MailWorker). */
    readonly leaseSeconds: number;
  };
  /** The job queue (notifications/job-queue.ts): whether this instance works it. */
  readonly jobs: { readonly worker: boolean };
}

/** The sender when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = 'Återgång <no-reply@atergang.local>';

/**
 * Parses the environment once. A bad or missing variable becomes one ConfigError
 * naming it (the first problem found), so an operator sees exactly what to fix.
 */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') || 'environment';
    const message =
      issue?.code === 'invalid_type' && source[name] === undefined
        ? 'is required'
        : (issue?.message ?? 'is invalid');
    throw new ConfigError(`Configuration error: ${name} ${message}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    demo: env.DEMO,
    // Outside production a missing secret gets a random one per process: tokens then
    // simply do not survive a restart. `npm start` keeps one per data folder instead.
    jwtSecret: env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    redisUrl: env.REDIS_URL,
    storage:
      env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? {
            kind: 's3',
            bucket: env.S3_BUCKET,
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION ?? 'us-east-1',
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          }
        : { kind: 'disk', dir: env.STORAGE_DIR },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
          }
        : undefined,
    logLevel: env.LOG_LEVEL,
    trustedProxies: env.TRUSTED_PROXIES,
    rateLimitFactor: env.RATE_LIMIT_FACTOR,
    webDistDir: env.WEB_DIST_DIR,
    migrationsDir: env.MIGRATIONS_DIR,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    auditAnchor:
      env.AUDIT_ANCHOR_FILE && env.AUDIT_ANCHOR_KEY
        ? {
            file: env.AUDIT_ANCHOR_FILE,
            key: env.AUDIT_ANCHOR_KEY,
            intervalMs: env.AUDIT_ANCHOR_INTERVAL_SECONDS * 1000,
          }
        : undefined,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? DEFAULT_MAIL_FROM,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      leaseSeconds: env.MAIL_LEASE_SECONDS,
    },
    jobs: { worker: env.JOB_WORKER === 'on' },
  };
}
