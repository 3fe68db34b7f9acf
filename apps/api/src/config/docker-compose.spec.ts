import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';
import { configSchema } from './config.schema';

// docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: the
// API service sets what the configuration needs, names only variables that exist, and
// that environment (with compose's ${VAR} placeholders filled) passes the real schema.

interface ComposeService {
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

const compose = parse(readFileSync(join(__dirname, '../../../../docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  configs?: Record<string, { content?: string }>;
};

function fillPlaceholders(environment: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [
      key,
      value
        .replace(/\$\{[A-Z_]+:?\?[^}]*\}/g, 'x'.repeat(48))
        .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
    ]),
  );
}

describe('docker-compose.yml', () => {
  const api = compose.services.api;
  const known = new Set(Object.keys(configSchema.shape));

  it('runs PostgreSQL, the migrations and the API', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'migrate', 'api']),
    );
    expect(compose.services.migrate?.command).toEqual([
      'sh',
      '-c',
      'node_modules/.bin/prisma migrate deploy && node tools/job-queue-schema.mjs && node tools/app-database-role.mjs',
    ]);
    expect(api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
  });

  it('migrates as the owner and runs the API as the role the migration job sets up', () => {
    const migrate = compose.services.migrate?.environment ?? {};
    const apiUrl = new URL(loadConfig(fillPlaceholders(api?.environment ?? {})).databaseUrl);
    expect(fillPlaceholders(migrate).APP_DATABASE_URL).toBe(apiUrl.toString());
    expect(apiUrl.username).not.toBe(new URL(migrate.DATABASE_URL ?? '').username);
  });

  it('anchors the audit log in a volume of its own on every instance', () => {
    const config = loadConfig(fillPlaceholders(api?.environment ?? {}));
    expect(config.auditAnchor?.file).toBe('/data/audit/anchors.jsonl');
    for (const service of [api, compose.services['api-2']] as const) {
      expect((service as { volumes?: string[] }).volumes).toContain('audit-anchors:/data/audit');
    }
  });

  it('runs two API instances on one Redis behind a sticky, WebSocket-aware proxy', () => {
    const second = compose.services['api-2'];
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['redis', 'api', 'api-2', 'proxy']),
    );
    expect(second?.environment).toEqual(api?.environment);
    expect(loadConfig(fillPlaceholders(api?.environment ?? {})).redisUrl).toBe(
      'redis://redis:6379',
    );
    expect(second?.depends_on?.redis?.condition).toBe('service_healthy');
    // Only the proxy is published; it pins a client to one instance and upgrades WebSockets.
    expect(api?.ports).toBeUndefined();
    // The API believes forwarded addresses from nginx alone, at its fixed address.
    const proxyAddress = (
      compose.services.proxy as { networks?: { default?: { ipv4_address?: string } } } | undefined
    )?.networks?.default?.ipv4_address;
    expect(loadConfig(fillPlaceholders(api?.environment ?? {})).trustedProxies).toEqual([
      proxyAddress,
    ]);
    expect(compose.services.proxy?.ports).toEqual(['3000:3000']);
    const nginx = compose.configs?.nginx?.content ?? '';
    for (const line of [
      'ip_hash;',
      'server api:3000',
      'server api-2:3000',
      'Upgrade $$http_upgrade',
    ]) {
      expect(nginx).toContain(line);
    }
  });

  it('gives the API every variable production requires', () => {
    expect(Object.keys(api?.environment ?? {})).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'NODE_ENV', 'PORT', 'STORAGE_DIR']),
    );
  });

  it('names only variables the configuration (or the migration job) knows', () => {
    const migrationJob = new Set(['DATABASE_URL', 'APP_DATABASE_URL']);
    for (const name of Object.keys(api?.environment ?? {})) {
      expect(known.has(name) ? name : `unknown: ${name}`).toBe(name);
    }
    for (const name of Object.keys(compose.services.migrate?.environment ?? {})) {
      expect(migrationJob.has(name) ? name : `unknown: ${name}`).toBe(name);
    }
  });

  it('passes the configuration schema as an operator would run it', () => {
    const config = loadConfig(fillPlaceholders(api?.environment ?? {}));
    expect(config.env).toBe('production');
    expect(config.demo).toBe(false);
    expect(config.oidc).toBeUndefined();
  });
});
