// The job queue's own schema (graphile-worker, schema "graphile_worker"): installed or brought
// up to date by the owner, after `prisma migrate deploy`, and opened to the API's group role
// "atergang_app". The API only finds it migrated (it runs as a role that may not create
// schemas), so the migrations of the queue run here and nowhere else:
//
//   DATABASE_URL=<owner URL> node tools/job-queue-schema.mjs
//
// `npm run db:migrate`, `npm start` and the test setup run it.
import { pathToFileURL } from 'node:url';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { APP_GROUP_ROLE } from './app-database-role.mjs';

export const JOB_QUEUE_SCHEMA = 'graphile_worker';

/** Migrates the queue's schema on `ownerUrl` and grants the API's group role its use. */
export async function migrateJobQueue(ownerUrl) {
  await runMigrations({
    connectionString: ownerUrl,
    schema: JOB_QUEUE_SCHEMA,
    logger: undefined,
  });
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const role = `"${APP_GROUP_ROLE}"`;
    // The queue's functions (add_job, remove_job, get_job, ...) run with the caller's
    // rights, so the role needs the tables behind them as well.
    await owner.query(`
      GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${role};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${role};
    `);
    // graphile-worker enables row-level security on its private tables without policies,
    // so only their owner could touch them; the API's role gets every row, as the owner has.
    const { rows } = await owner.query(
      `SELECT relname FROM pg_class
        WHERE relnamespace = $1::regnamespace AND relkind = 'r' AND relrowsecurity`,
      [JOB_QUEUE_SCHEMA],
    );
    for (const { relname } of rows) {
      const table = `${JOB_QUEUE_SCHEMA}."${relname}"`;
      await owner.query(`
        DROP POLICY IF EXISTS atergang_app_all ON ${table};
        CREATE POLICY atergang_app_all ON ${table} FOR ALL TO ${role} USING (true) WITH CHECK (true);
      `);
    }
  } finally {
    await owner.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    process.stderr.write('job-queue-schema: set DATABASE_URL (the owner)\n');
    process.exit(2);
  }
  migrateJobQueue(ownerUrl).then(
    () => process.stdout.write(`job-queue-schema: ${JOB_QUEUE_SCHEMA} is up to date\n`),
    (error) => {
      process.stderr.write(`job-queue-schema failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
