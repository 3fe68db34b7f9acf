-- The application's database role (issue 19, item 8). Migrations run as the schema's
-- owner; the API runs as a login role that is a member of "atergang_app", which may read
-- and write the tables but may only INSERT and SELECT the audit log. Not being the owner,
-- it can neither disable audit_log's triggers nor alter or drop the table, so a compromised
-- or buggy application cannot rewrite the audit trail. tools/app-database-role.mjs creates
-- the login role (`npm start`, the tests and docker-compose use it); README "Audit log"
-- describes the operator's steps.
--
-- Roles belong to the whole PostgreSQL cluster: the role is created once and reused by
-- every database of the cluster. Creating it needs CREATEROLE; an owner without it must
-- have the role created first (CREATE ROLE atergang_app NOLOGIN).
DO $role$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atergang_app') THEN
    CREATE ROLE atergang_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO atergang_app', current_schema());
  EXECUTE format(
    'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO atergang_app',
    current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO atergang_app',
    current_schema());
  -- Tables and sequences later migrations create get the same grants.
  EXECUTE format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO atergang_app',
    current_schema());
  EXECUTE format(
    'ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO atergang_app',
    current_schema());
END
$role$;

-- Append and read only: the audit log, and the migration history (read by /health/ready).
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM atergang_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM atergang_app;
