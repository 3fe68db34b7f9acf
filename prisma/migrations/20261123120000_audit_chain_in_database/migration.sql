-- The audit hash chain is linked inside PostgreSQL, by a BEFORE INSERT trigger, instead of
-- by the application (lock, read the last hash, insert: three round trips inside a
-- transaction). An audit row is now one INSERT: a read's audit row needs no transaction of
-- its own, and the chain lock is held for that one statement (or, inside a write's
-- transaction, from its last statement to its commit) instead of across round trips.
--
-- The hash is the same as apps/api/src/audit/audit-hash.ts computes, so `npm run
-- audit:verify` checks old and new rows alike: SHA-256 of prev_hash, a newline and the
-- JSON array of the fields (JSON.stringify's form: no spaces, null for NULL, `at` as an
-- ISO-8601 UTC timestamp with milliseconds).

ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET DEFAULT '',
                        ALTER COLUMN "hash" SET DEFAULT '';

CREATE FUNCTION "audit_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  previous text;
BEGIN
  -- One chain for the whole table; the lock is released at commit or rollback.
  PERFORM pg_advisory_xact_lock(7411001);
  -- The id is drawn under the lock, so id order is chain order (the column default was
  -- drawn before the lock and is discarded: ids may have gaps, never a wrong order).
  NEW."id" := nextval('"audit_log_id_seq"'::regclass);
  SELECT "hash" INTO previous FROM "audit_log" ORDER BY "id" DESC LIMIT 1;
  NEW."prev_hash" := coalesce(previous, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to(
    NEW."prev_hash" || E'\n' || '[' || array_to_string(ARRAY[
      to_json(to_char(NEW."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
      coalesce(to_json(NEW."request_id")::text, 'null'),
      coalesce(to_json(NEW."actor_user_id"::text)::text, 'null'),
      coalesce(to_json(NEW."actor_party"::text)::text, 'null'),
      coalesce(to_json(NEW."actor_organisation_id"::text)::text, 'null'),
      to_json(NEW."action")::text,
      to_json(NEW."resource_type")::text,
      coalesce(to_json(NEW."resource_id")::text, 'null'),
      coalesce(to_json(NEW."workspace_id"::text)::text, 'null'),
      to_json(NEW."outcome"::text)::text,
      coalesce(to_json(NEW."reason")::text, 'null'),
      coalesce(to_json(NEW."ip")::text, 'null')
    ], ',') || ']',
    'UTF8')), 'hex');
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "audit_log_chain" BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();
