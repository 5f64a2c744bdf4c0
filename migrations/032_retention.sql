-- Retention (issue 16 part 5): what is erased or anonymised how long after, per municipality, as dated settings
-- (keys retention.*, src/modules/retention/rules.ts); each run (dry run or erase) is logged here with its counts.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

-- A person whose data has been erased: name, CPR, contact and address removed; the row stays for statistics
-- (placements, invoices kept under the bookkeeping law) and is never touched again.
ALTER TABLE person ADD COLUMN anonymised_on date;
ALTER TABLE person ADD CONSTRAINT person_anonymised_has_no_cpr CHECK (anonymised_on IS NULL OR cpr IS NULL);

CREATE TABLE retention_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality,
  mode text NOT NULL CHECK (mode IN ('dry_run', 'erase')),
  trigger text NOT NULL CHECK (trigger IN ('staff', 'nightly')),
  -- Spire's "today" of the run: the cut-off dates follow from it and the rules in force on it.
  run_on date NOT NULL,
  started_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Per category: how many rows (or people) were due, and the rules (years) that made them due.
  counts jsonb NOT NULL,
  rules jsonb NOT NULL,
  -- Who is concerned ({ personId, category }), by id only: names are read when shown, so an erased person shows
  -- as anonymised and the log keeps no personal data of its own.
  persons jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- An erase run started by staff names the dry run it confirmed.
  dry_run_id uuid REFERENCES retention_run,
  CHECK ((trigger = 'staff') = (started_by IS NOT NULL)),
  CHECK (dry_run_id IS NULL OR mode = 'erase')
);
CREATE INDEX retention_run_municipality ON retention_run (municipality_code, created_at DESC);
COMMENT ON TABLE retention_run IS 'owner: retention';

-- The audit trail is append-only for the application (migration 015): only this function, owned by spire_owner,
-- deletes from it, and never a row younger than one year whatever the municipality's rule says.
CREATE FUNCTION spire_purge_audit_log(users uuid[], cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM audit_log WHERE user_id = ANY(users) AND at < least(cutoff, now() - interval '1 year');
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- Anonymising a person must not leave the old name in row history (which the application may not change either):
-- the person's own history rows are removed with it; the anonymising update itself is not recorded.
CREATE FUNCTION spire_forget_row_history(tbl text, ids uuid[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM row_history WHERE table_name = tbl AND row_id = ANY(ids);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
