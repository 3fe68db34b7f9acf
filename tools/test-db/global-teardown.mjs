import pg from 'pg';

export default async function globalTeardown() {
  const serverUrl = process.env.ATERGANG_TEST_SERVER_URL;
  const template = process.env.ATERGANG_TEST_TEMPLATE_DB;
  if (serverUrl && template) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      const appUser = process.env.ATERGANG_TEST_APP_USER;
      // A role that cannot be dropped (a crashed test file's database still granting it
      // something) stays behind with no rights of its own; the run's result is unaffected.
      if (appUser) await admin.query(`DROP ROLE IF EXISTS "${appUser}"`).catch(() => {});
    } finally {
      await admin.end();
    }
  }
  const embedded = globalThis.__ATERGANG_EMBEDDED_PG__;
  if (embedded) {
    await embedded.stop();
  }
}
