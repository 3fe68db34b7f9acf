import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The platform operator's command (`npm run admin -- ...`, apps/api/src/admin), run as built
// against a test file's own server database: how an organisation gets its first
// administrator (ORG_ADMIN), the one step of issue 12 that is not self-service.

const root = resolve(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

export async function operatorCommand(
  server: { readonly url: string; readonly databaseUrl: string },
  args: readonly string[],
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: server.databaseUrl,
    // The printed and mailed links point at the test's server.
    PUBLIC_URL: server.url,
    LOG_LEVEL: 'warn',
  };
  for (const name of ['REDIS_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) {
    Reflect.deleteProperty(env, name);
  }
  const { stdout } = await run(
    process.execPath,
    [join(root, 'dist/api/apps/api/src/admin/admin.cli.js'), ...args],
    { cwd: root, env },
  );
  return stdout;
}
