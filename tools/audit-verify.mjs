// `npm run audit:verify`: runs the built checker against DATABASE_URL, or, without it,
// against the embedded database of `npm start` (.data/pg) and its audit anchors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/api/apps/api/src/audit/audit-verify.cli.js');

let embedded;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  const dataDir = resolve(root, env.ATERGANG_DATA_DIR ?? '.data', 'pg');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    process.stderr.write(
      'audit:verify: set DATABASE_URL, or run `npm start` once to create .data/\n',
    );
    process.exit(2);
  }
  const anchorKey = resolve(root, env.ATERGANG_DATA_DIR ?? '.data', 'audit-anchor-key');
  if (!env.AUDIT_ANCHOR_KEY && existsSync(anchorKey)) {
    env.AUDIT_ANCHOR_KEY = readFileSync(anchorKey, 'utf8').trim();
    env.AUDIT_ANCHOR_FILE ??= resolve(
      root,
      env.ATERGANG_DATA_DIR ?? '.data',
      'audit-anchors.jsonl',
    );
  }
  embedded = await startEmbeddedPostgres({ dataDir });
  const url = new URL(embedded.url);
  url.pathname = '/atergang';
  env.DATABASE_URL = url.toString();
}
const result = spawnSync(process.execPath, [cli], { env, stdio: 'inherit' });
if (embedded) await embedded.stop();
process.exit(result.status ?? 2);
