import { ConfigError, loadConfig } from './app-config';

const valid = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/atergang' };

function errorFor(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults for a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.demo).toBe(false);
    expect(config.storage).toEqual({ kind: 'disk', dir: '.data/storage' });
    expect(config.oidc).toBeUndefined();
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    // No proxy is believed unless named: X-Forwarded-For counts for nothing by default.
    expect(config.trustedProxies).toEqual([]);
  });

  it('reads the trusted proxies as addresses, CIDRs or range names', () => {
    expect(
      loadConfig({ ...valid, TRUSTED_PROXIES: '10.0.0.5, 172.28.0.0/24,::1,loopback' })
        .trustedProxies,
    ).toEqual(['10.0.0.5', '172.28.0.0/24', '::1', 'loopback']);
    for (const bad of ['nginx', '10.0.0.0/33', '10.0.0.1/8/2', '*']) {
      expect(errorFor({ ...valid, TRUSTED_PROXIES: bad })).toContain('TRUSTED_PROXIES');
    }
  });

  it.each([
    [{}, 'Configuration error: DATABASE_URL is required'],
    [
      { ...valid, DATABASE_URL: 'mysql://x' },
      'Configuration error: DATABASE_URL must be a postgresql:// connection URL',
    ],
    [{ ...valid, PORT: 'eighty' }, 'Configuration error: PORT'],
    [{ ...valid, PORT: '70000' }, 'Configuration error: PORT'],
    [{ ...valid, DEMO: 'yes' }, 'Configuration error: DEMO'],
    [
      { ...valid, NODE_ENV: 'production' },
      'Configuration error: JWT_SECRET is required when NODE_ENV=production',
    ],
    [
      { ...valid, JWT_SECRET: 'short' },
      'Configuration error: JWT_SECRET must be at least 32 characters',
    ],
    [
      { ...valid, REDIS_URL: 'http://x' },
      'Configuration error: REDIS_URL must be a redis:// or rediss:// URL',
    ],
    [
      { ...valid, OIDC_ISSUER: 'https://idp.example' },
      'Configuration error: OIDC_CLIENT_ID is required when any OIDC_* variable is set',
    ],
    [
      { ...valid, S3_BUCKET: 'docs' },
      'Configuration error: S3_ACCESS_KEY_ID is required when S3 storage is configured',
    ],
    [
      { ...valid, AUDIT_ANCHOR_FILE: '/data/audit/anchors.jsonl' },
      'Configuration error: AUDIT_ANCHOR_KEY is required when the other AUDIT_ANCHOR_* variable is set',
    ],
    [
      { ...valid, AUDIT_ANCHOR_KEY: 'k'.repeat(40) },
      'Configuration error: AUDIT_ANCHOR_FILE is required when the other AUDIT_ANCHOR_* variable is set',
    ],
    [
      { ...valid, AUDIT_ANCHOR_FILE: '/a', AUDIT_ANCHOR_KEY: 'short' },
      'Configuration error: AUDIT_ANCHOR_KEY must be at least 32 characters',
    ],
    [
      { ...valid, SMTP_URL: 'http://mail.example:587' },
      'Configuration error: SMTP_URL must be an smtp:// or smtps:// URL',
    ],
    [
      { ...valid, SMTP_URL: 'mail.example:587' },
      'Configuration error: SMTP_URL must be an smtp:// or smtps:// URL',
    ],
    [
      { ...valid, MAIL_FROM: 'Återgång' },
      'Configuration error: MAIL_FROM must be an address or "Name <address>"',
    ],
    [
      { ...valid, PUBLIC_URL: 'atergang.example' },
      'Configuration error: PUBLIC_URL must be an http:// or https:// URL without query or fragment',
    ],
    [
      { ...valid, PUBLIC_URL: 'https://atergang.example/?x=1' },
      'Configuration error: PUBLIC_URL must be an http:// or https:// URL without query or fragment',
    ],
    [
      {
        ...valid,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        SMTP_URL: 'smtp://mail.example:587',
      },
      'Configuration error: PUBLIC_URL is required when SMTP_URL is set and NODE_ENV=production',
    ],
  ])('names the variable in one line for %j', (env, expected) => {
    const message = errorFor(env);
    expect(message.startsWith(expected)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('refuses demo data in production', () => {
    expect(
      errorFor({ ...valid, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO: 'true' }),
    ).toBe('Configuration error: DEMO is refused when NODE_ENV=production');
  });

  it('enables e-ID login and S3 storage only when fully configured', () => {
    const config = loadConfig({
      ...valid,
      OIDC_ISSUER: 'https://idp.example/',
      OIDC_CLIENT_ID: 'atergang',
      OIDC_CLIENT_SECRET: 'secret',
      S3_BUCKET: 'docs',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://idp.example/',
      clientId: 'atergang',
      clientSecret: 'secret',
    });
    expect(config.storage).toMatchObject({ kind: 's3', bucket: 'docs', region: 'us-east-1' });
  });

  it('keeps mail in the outbox by default, with links to the local server', () => {
    expect(loadConfig(valid).mail).toEqual({
      smtpUrl: undefined,
      from: 'Återgång <no-reply@atergang.local>',
      leaseSeconds: 300,
      publicUrl: 'http://localhost:3000',
    });
    expect(loadConfig({ ...valid, PORT: '8080', SMTP_URL: '' }).mail).toMatchObject({
      smtpUrl: undefined,
      publicUrl: 'http://localhost:8080',
    });
  });

  it('sends through SMTP_URL, from MAIL_FROM, with links under PUBLIC_URL', () => {
    const config = loadConfig({
      ...valid,
      SMTP_URL: 'smtps://mailer:s3cret@mail.example:465',
      MAIL_FROM: 'Återgång <noreply@kommun.example>',
      PUBLIC_URL: 'https://kommun.example/atergang/',
    });
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://mailer:s3cret@mail.example:465',
      from: 'Återgång <noreply@kommun.example>',
      publicUrl: 'https://kommun.example/atergang',
      leaseSeconds: 300,
    });
    expect(loadConfig({ ...valid, MAIL_FROM: 'noreply@kommun.example' }).mail.from).toBe(
      'noreply@kommun.example',
    );
  });
});
