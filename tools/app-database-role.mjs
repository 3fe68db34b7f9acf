// The API's login role: a member of "atergang_app" (prisma/migrations/*_app_role), which may
// read and write the tables but only INSERT and SELECT the audit log. Run with the owner's
// connection after `prisma migrate deploy`:
//
//   DATABASE_URL=<owner URL> APP_DATABASE_URL=<the API's URL> node tools/app-database-role.mjs
//
// It creates the role named in APP_DATABASE_URL (or resets its password) and makes it a
// member of atergang_app. `npm start` and the test setup call ensureAppLogin directly.
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const APP_GROUP_ROLE = 'atergang_app';

/** Double-quotes an identifier, as PostgreSQL does. */
function identifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL literal: CREATE ROLE ... PASSWORD takes no bind parameters. */
function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Creates (or updates) the login role `user` with `password` as a member of the group role,
 * using the owner's connection `ownerUrl`. The role may not be a superuser, own the schema
 * or bypass row security: each is refused, because any of them would let the API rewrite the
 * audit log.
 */
export async function ensureAppLogin(ownerUrl, { user, password }) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [user],
    );
    const existing = rows[0];
    if (existing && (existing.rolsuper || existing.rolbypassrls)) {
      throw new Error(`the role ${user} is a superuser or bypasses row security: use another`);
    }
    if (existing) {
      // Membership in the owner's role would carry the owner's rights.
      const { rows: owning } = await owner.query(
        `SELECT pg_has_role($1, tableowner, 'MEMBER') AS owns FROM pg_tables
          WHERE tablename = 'audit_log' AND schemaname = current_schema()`,
        [user],
      );
      if (owning[0]?.owns) {
        throw new Error(`the role ${user} owns audit_log: the API must not run as the owner`);
      }
    }
    const passwordClause = password === undefined ? '' : ` PASSWORD ${literal(password)}`;
    await owner.query(
      existing
        ? `ALTER ROLE ${identifier(user)} LOGIN${passwordClause}`
        : `CREATE ROLE ${identifier(user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${passwordClause}`,
    );
    await owner.query(`GRANT ${identifier(APP_GROUP_ROLE)} TO ${identifier(user)}`);
  } finally {
    await owner.end();
  }
}

/** The owner's URL with the app role's user and password instead. */
export function appDatabaseUrl(ownerUrl, { user, password }) {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(user);
  url.password = password === undefined ? '' : encodeURIComponent(password);
  return url.toString();
}

/** The user and password an APP_DATABASE_URL names. */
export function loginOf(appUrl) {
  const url = new URL(appUrl);
  const user = decodeURIComponent(url.username);
  if (!user) throw new Error('APP_DATABASE_URL must name a user');
  return { user, password: url.password ? decodeURIComponent(url.password) : undefined };
}

async function main() {
  const { DATABASE_URL: ownerUrl, APP_DATABASE_URL: appUrl } = process.env;
  if (!ownerUrl || !appUrl) {
    process.stderr.write(
      'app-database-role: set DATABASE_URL (the owner) and APP_DATABASE_URL (the API)\n',
    );
    return 2;
  }
  const login = loginOf(appUrl);
  await ensureAppLogin(ownerUrl, login);
  process.stdout.write(`app-database-role: ${login.user} is a member of ${APP_GROUP_ROLE}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`app-database-role failed: ${error.message}\n`);
      process.exit(2);
    },
  );
}
