// `npm run admin -- <command> ...` (tools/admin.mjs runs this built file): the platform
// operator's command. Reads the same environment as the API (DATABASE_URL, PUBLIC_URL for
// the printed link) and exits with the code runAdminCommand gives.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { runAdminCommand } from './admin-commands';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`admin: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return runAdminCommand(process.argv.slice(2), config, {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `admin: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
