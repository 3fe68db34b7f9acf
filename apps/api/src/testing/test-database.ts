import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** The owner's connection: for arranging and inspecting rows behind the API's back. */
  readonly url: string;
  /** The API's connection: the login role with production grants (tools/app-database-role.mjs). */
  readonly appUrl: string;
  drop(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run tests through jest (tools/test-db/global-setup.mjs)`);
  }
  return value;
}

/** A fresh, migrated database cloned from the run's template; drop it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = requireEnv('ATERGANG_TEST_SERVER_URL');
  const template = requireEnv('ATERGANG_TEST_TEMPLATE_DB');
  const name = `atergang_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) =>
    admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const appUrl = new URL(url);
  appUrl.username = encodeURIComponent(requireEnv('ATERGANG_TEST_APP_USER'));
  appUrl.password = encodeURIComponent(requireEnv('ATERGANG_TEST_APP_PASSWORD'));
  return {
    url: url.toString(),
    appUrl: appUrl.toString(),
    drop: () =>
      withAdmin(serverUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ),
  };
}

async function withAdmin(
  serverUrl: string,
  work: (admin: Client) => Promise<unknown>,
): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
