// Prisma CLI configuration (migrate, generate, studio).
//
// This project runs Prisma 6.19 without any downloaded binary engine (toolchain.md,
// "Prisma without downloaded engines"): the schema engine is the JavaScript/WebAssembly one
// (`engine: 'js'`) and it talks to PostgreSQL through the `pg` driver adapter. The upstream
// bugs on that path (prisma/prisma issue 27403 and its relatives, see
// https://github.com/prisma/prisma/issues/27403) are worked around here, and only here:
//
//  1. Migrate reads catalog columns of the PostgreSQL types `name` (OID 19) and `"char"`
//     (OID 18), which @prisma/adapter-pg 6.19 cannot map ("Column type 'name' could not be
//     deserialized"). Every pool client below reports those columns as `text` (OID 25)
//     before the adapter sees the result; their text values are identical.
//  2. The adapter's own shadow database for `migrate dev` is broken: it spreads
//     `{ ...config, database }` while `pg` lets a `connectionString` win over `database`
//     (so the "shadow" is the main database), and it drops the shadow database while its
//     own pool still holds a connection. The connection is therefore given as discrete
//     fields, and `connectToShadowDb` is our own: it creates a separate database, and on
//     dispose closes that pool before dropping it.
//  3. The adapter's `executeScript` (how `migrate deploy`/`dev` apply migration.sql) splits
//     the script at every `;`, which breaks PL/pgSQL bodies ($$ ... ; ... $$) and comments
//     containing semicolons. It runs the whole script as one multi-statement query instead
//     (PostgreSQL's simple query protocol, one implicit transaction), like the binary engine.
//  4. Once the schema has a CHECK constraint, migrate reads pg_constraint.contype (`"char"`)
//     and the schema engine panics ("RuntimeError: unreachable") unless that column is typed
//     as a single character, which the adapter never reports: see reportCharColumns.
//
// Known upstream quirks that no config can fix (the state is inside the 6.19 CLI/engine):
// - `prisma migrate dev --create-only` writes the migration and then fails with
//   "Error: null pointer passed to rust" (the CLI frees the wasm engine twice). Harmless.
// - When the development database has unapplied migrations AND the schema has new changes,
//   `prisma migrate dev` applies the migrations, then stops with "PostgreSQL shadow DB must be
//   provided through an external factory" (the engine loses its shadow factory after
//   applying). Run the same command again, or `prisma migrate deploy` first.
//
// Moving to the binary schema engine later is a change to this file only: drop `engine`,
// `experimental`, `adapter` and the DATABASE_URL placeholder (schema.prisma already reads
// env("DATABASE_URL")).
// The application itself does not use this file: it builds its own PrismaPg at runtime.
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

// The connection comes from here, read before the placeholder below can be set.
const databaseUrl = process.env.DATABASE_URL;

// Prisma 6.19 resolves env("DATABASE_URL") in schema.prisma even for commands that never
// connect (generate, validate, format); unresolved, it falls back to downloading a
// query-engine library, which is impossible here. Nothing connects with the schema's url
// (migrate uses the adapter below, the application its own PrismaPg), so a placeholder
// lets `prisma generate` run without a database, e.g. in a build.
process.env.DATABASE_URL ??= 'postgresql://unused.invalid/prisma-generate-only';

interface ConnectionFields {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: boolean | undefined;
  /** PostgreSQL schema (`?schema=` in the URL, as Prisma's own URLs write it). */
  schema: string | undefined;
}

const PG_OID = { char: 18, name: 19, text: 25 } as const;
/** ColumnTypeEnum.Character of @prisma/driver-adapter-utils. */
const COLUMN_TYPE_CHARACTER = 6;
const CATALOG_OIDS_READ_AS_TEXT: ReadonlySet<number> = new Set([PG_OID.char, PG_OID.name]);
const SSL_MODES_REQUIRING_TLS: ReadonlySet<string> = new Set([
  'require',
  'verify-ca',
  'verify-full',
]);

function requireDatabaseUrl(): string {
  const url = databaseUrl;
  if (!url) {
    throw new Error('DATABASE_URL is not set (postgresql://user:password@host:port/database)');
  }
  return url;
}

/** Splits DATABASE_URL into the discrete fields `pg` needs (see bug 2 above). */
function parseDatabaseUrl(raw: string): ConnectionFields {
  const url = new URL(raw);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error('DATABASE_URL must be a postgresql:// URL');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) {
    throw new Error('DATABASE_URL must name a database (postgresql://host/<database>)');
  }
  const sslMode = url.searchParams.get('sslmode');
  return {
    // `?host=/var/run/postgresql` selects a Unix socket, as libpq allows.
    host: url.searchParams.get('host') ?? (decodeURIComponent(url.hostname) || 'localhost'),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    ssl: sslMode === null ? undefined : SSL_MODES_REQUIRING_TLS.has(sslMode),
    schema: url.searchParams.get('schema') ?? undefined,
  };
}

/**
 * The rows arrays of query results that had `"char"` columns, with those columns' indexes.
 * The adapter hands pg's rows array on unchanged, so this is how reportCharColumns finds them.
 */
const charColumnsByRows = new WeakMap<object, number[]>();

/**
 * Rewrites `name` and `"char"` columns of one query result (or of each of several) to `text`
 * for the adapter's type mapping, remembering where the `"char"` columns were.
 */
function readCatalogTypesAsText(result: unknown): void {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const item of results) {
    if (typeof item !== 'object' || item === null || !('fields' in item)) continue;
    const { fields } = item;
    if (!Array.isArray(fields)) continue;
    const charColumns: number[] = [];
    (fields as pg.FieldDef[]).forEach((field, index) => {
      if (field.dataTypeID === PG_OID.char) charColumns.push(index);
      if (CATALOG_OIDS_READ_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = PG_OID.text;
    });
    if (charColumns.length > 0 && 'rows' in item && Array.isArray(item.rows)) {
      charColumnsByRows.set(item.rows, charColumns);
    }
  }
}

/**
 * The schema engine reads a `"char"` column (e.g. pg_constraint.contype, as soon as the schema
 * has a CHECK constraint) as a single character and panics ("RuntimeError: unreachable") on
 * text, so those columns are reported with the driver-adapter column type Character.
 */
function reportCharColumns<T extends Pick<PgAdapter, 'queryRaw'>>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) {
      result.columnTypes[index] = COLUMN_TYPE_CHARACTER;
    }
    return result;
  };
  return queryable;
}

type QueryCallback = (error: Error | null, result: unknown) => void;

/**
 * Wraps `query` of every client the pool opens, so both `pool.query` and the clients that
 * transactions check out apply readCatalogTypesAsText before the adapter maps field types.
 * Callback, promise and submittable call styles are all left working.
 */
function createPool(fields: ConnectionFields): pg.Pool {
  const pool = new pg.Pool({
    host: fields.host,
    port: fields.port,
    user: fields.user,
    password: fields.password,
    database: fields.database,
    ssl: fields.ssl,
    // One session, as the binary engine has: migrate takes a session-level advisory lock
    // (pg_advisory_lock) that must stay with the connection that took it.
    max: 1,
  });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const wrapped = (...args: unknown[]): unknown => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        const callback = last as QueryCallback;
        args[args.length - 1] = (error: Error | null, result: unknown) => {
          if (!error) readCatalogTypesAsText(result);
          callback(error, result);
        };
        return query(...args);
      }
      const returned = query(...args);
      if (returned instanceof Promise) {
        return returned.then((result: unknown) => {
          readCatalogTypesAsText(result);
          return result;
        });
      }
      return returned;
    };
    client.query = wrapped as typeof client.query;
  });
  return pool;
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

async function asAdmin(fields: ConnectionFields, sql: string): Promise<void> {
  const admin = new pg.Client({
    host: fields.host,
    port: fields.port,
    user: fields.user,
    password: fields.password,
    database: fields.database,
    ssl: fields.ssl,
  });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * The `pg` driver adapter factory with the workarounds 1-4 above: every pool it opens reads
 * catalog types as text, the shadow database is a real, separate one, migration scripts run
 * whole, and `"char"` columns are reported as characters.
 */
class MigratePgAdapterFactory extends PrismaPg {
  private readonly adapterOptions: { schema?: string };

  constructor(private readonly fields: ConnectionFields) {
    super({ host: fields.host, port: fields.port, database: fields.database });
    this.adapterOptions = fields.schema ? { schema: fields.schema } : {};
  }

  override connect(): Promise<PgAdapter> {
    return this.adapterOn(this.fields);
  }

  override async connectToShadowDb(): Promise<PgAdapter> {
    // Same server, a fresh name every time, created from the main database's connection.
    const name = `${this.fields.database.slice(0, 30)}_shadow_${randomBytes(6).toString('hex')}`;
    await asAdmin(this.fields, `CREATE DATABASE ${quoteIdentifier(name)}`);
    const shadow = await this.adapterOn({ ...this.fields, database: name });
    const closePool = shadow.dispose.bind(shadow);
    shadow.dispose = async (): Promise<void> => {
      // Close the pool first: PostgreSQL refuses to drop a database that is in use.
      await closePool();
      await asAdmin(this.fields, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    };
    return shadow;
  }

  /** One adapter on a pool of its own; disposing the adapter ends that pool. */
  private async adapterOn(fields: ConnectionFields): Promise<PgAdapter> {
    const adapter = await new PrismaPg(createPool(fields), {
      ...this.adapterOptions,
      disposeExternalPool: true,
    }).connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      reportCharColumns(await startTransaction(isolationLevel));
    // Bug 3: run a migration script as one multi-statement query (no values: simple protocol).
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return reportCharColumns(adapter);
  }
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  // Called lazily: `prisma generate` needs no database and no DATABASE_URL.
  adapter: () =>
    Promise.resolve(new MigratePgAdapterFactory(parseDatabaseUrl(requireDatabaseUrl()))),
});
