import pg from 'pg';

export default async function globalTeardown() {
  const serverUrl = process.env.ATERGANG_TEST_SERVER_URL;
  const template = process.env.ATERGANG_TEST_TEMPLATE_DB;
  if (serverUrl && template) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const embedded = globalThis.__ATERGANG_EMBEDDED_PG__;
  if (embedded) {
    await embedded.stop();
  }
}
