-- The audit trail cannot be rewritten by the application, and row history keeps no full CPR numbers.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

-- 1. CPR in row history: only the birth-date part (DDMMYY-XXXX), as everywhere else outside the person table.
CREATE FUNCTION spire_mask_cpr(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j ? 'cpr' AND jsonb_typeof(j -> 'cpr') = 'string'
              THEN j || jsonb_build_object('cpr', left(j ->> 'cpr', 6) || '-XXXX') ELSE j END
$$;

CREATE OR REPLACE FUNCTION record_row_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor_setting text := nullif(current_setting('spire.actor', true), '');
BEGIN
  IF actor_setting = 'seed' THEN
    RETURN NULL; -- bulk demo loads are not history
  END IF;
  INSERT INTO row_history (table_name, row_id, op, actor, old, new)
  VALUES (TG_TABLE_NAME,
          CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
          left(TG_OP, 1),
          actor_setting::uuid,
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE spire_mask_cpr(to_jsonb(OLD)) END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE spire_mask_cpr(to_jsonb(NEW)) END);
  RETURN NULL;
END $$;

UPDATE row_history SET old = spire_mask_cpr(old), new = spire_mask_cpr(new)
 WHERE (old ? 'cpr' AND old ->> 'cpr' NOT LIKE '%-XXXX') OR (new ? 'cpr' AND new ->> 'cpr' NOT LIKE '%-XXXX');

-- 2. Database roles (PostgreSQL server). Two roles, created by the database administrator (docs/architecture.md):
--      spire_owner  owns the schema; migrations run as it (DATABASE_URL_OWNER) or as a superuser;
--      spire_app    the role the application logs in as (DATABASE_URL): reads and writes the ordinary tables, but
--                   may only INSERT and SELECT audit_log and row_history (no UPDATE, DELETE, TRUNCATE, ALTER, triggers).
--    Without these roles (PGlite, which is single-user and embedded, or an installation not yet split) this is a
--    no-op and the single login role keeps owning everything. spire_apply_roles() runs after every migration
--    (src/platform/db/migrate.ts), so tables added later are granted the same way.
CREATE OR REPLACE FUNCTION spire_apply_roles() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spire_owner') OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'spire_app') THEN
    RETURN 'single role';
  END IF;
  IF current_user = 'spire_app' THEN
    RAISE EXCEPTION 'migrations must run as spire_owner (DATABASE_URL_OWNER) or a superuser, not as spire_app';
  END IF;
  -- Everything in the schema belongs to spire_owner (sequences owned by a column follow their table).
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> 'spire_owner'
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO spire_owner', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'spire_owner'
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO spire_owner', r.name);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> 'spire_owner'
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO spire_owner', r.name);
  END LOOP;
  GRANT USAGE ON SCHEMA public TO spire_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO spire_app;
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO spire_app;
  REVOKE ALL ON audit_log, row_history FROM PUBLIC;
  REVOKE ALL ON audit_log, row_history FROM spire_app;
  GRANT SELECT, INSERT ON audit_log, row_history TO spire_app;
  EXECUTE format('REVOKE ALL ON SEQUENCE %s, %s FROM spire_app', pg_get_serial_sequence('audit_log', 'id'), pg_get_serial_sequence('row_history', 'id'));
  RETURN 'spire_owner owns the schema; spire_app may only insert and read audit_log and row_history';
END $$;

SELECT spire_apply_roles();
