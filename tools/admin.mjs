// `npm run admin -- <command> ...`: the platform operator's command (create-organisation,
// invite-admin, list-organisations; `npm run admin -- help`). Runs the built command against
// DATABASE_URL (APP_DATABASE_URL, the API's own login, when set), or, without it, against
// the embedded database of `npm start` (.data/pg), connecting as the API's login there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDatabaseUrl } from './app-database-role.mjs';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/api/apps/api/src/admin/admin.cli.js');

let embedded;
const env = { ...process.env };
if (env.APP_DATABASE_URL) {
  env.DATABASE_URL = env.APP_DATABASE_URL;
} else if (!env.DATABASE_URL) {
  const dataDir = resolve(root, env.ATERGANG_DATA_DIR ?? '.data');
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) {
    process.stderr.write('admin: set DATABASE_URL, or run `npm start` once to create .data/\n');
    process.exit(2);
  }
  embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
  const url = new URL(embedded.url);
  url.pathname = '/atergang';
  // As the API's login (created by `npm start`), so the command has no more rights than it.
  const passwordFile = join(dataDir, 'db-api-password');
  env.DATABASE_URL = existsSync(passwordFile)
    ? appDatabaseUrl(url.toString(), {
        user: 'atergang_api',
        password: readFileSync(passwordFile, 'utf8').trim(),
      })
    : url.toString();
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
});
if (embedded) await embedded.stop();
process.exit(result.status ?? 2);
