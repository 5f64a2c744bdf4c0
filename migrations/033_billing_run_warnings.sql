-- What a billing run warns finance about (issue 14): a child billed, but not as it should be (no folkeregister address,
-- so no friplads or sibling subsidy; § 41 extra not computed for lack of place costs). Stored with the run, all of them,
-- naming the child (shown by name, never by id); the staff home counts them for the month's latest run.
CREATE TABLE billing_run_warning (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES billing_run ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
  service_month date NOT NULL CHECK (extract(day FROM service_month) = 1),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000)
);
CREATE INDEX billing_run_warning_run ON billing_run_warning (run_id, id);
CREATE INDEX billing_run_warning_child ON billing_run_warning (child_id);
COMMENT ON TABLE billing_run_warning IS 'owner: billing';
