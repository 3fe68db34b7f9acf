// `npm run screenshots`: regenerates docs/screenshots/*.png of the main views of each party
// (patient, employer, FK, care, AF) in a real Chromium, against the demo case on a fresh
// database. Builds the API and the web client first (Nx caches the builds).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

run(bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static']);
run(bin('playwright'), [
  'test',
  '-c',
  'apps/web/e2e/playwright.config.ts',
  '--project=screenshots',
]);
process.stdout.write(`Screenshots written to ${join(root, 'docs', 'screenshots')}\n`);
