-- Subsidies, second slice: tilskud til pasning af egne børn (§§ 86–88) with the applicant's declarations, a complaint
-- decided "changed" reopening its case, and a payout run that checks its lines' rates once per statement.

-- Egne børn: the applicant's declarations of the conditions the caseworker checks (§ 86, stk. 3–4 and § 87: residence
-- in Denmark, Danish language, no other public benefit or income from work while receiving the subsidy), as
-- {"residence": bool, "language": bool, "noOtherIncome": bool}. Privat pasning has none.
ALTER TABLE subsidy_case ADD COLUMN declarations jsonb;
ALTER TABLE subsidy_case ADD CONSTRAINT subsidy_case_declarations CHECK (
  (scheme = 'egne_boern') = (declarations IS NOT NULL)
  AND (declarations IS NULL OR (jsonb_typeof(declarations -> 'residence') = 'boolean'
    AND jsonb_typeof(declarations -> 'language') = 'boolean'
    AND jsonb_typeof(declarations -> 'noOtherIncome') = 'boolean'))
);
-- A reopened case (a complaint reconsidered as "changed") is decided again: when and why it was reopened.
ALTER TABLE subsidy_case ADD COLUMN reopened_on date;
ALTER TABLE subsidy_complaint ADD COLUMN reopened_case boolean NOT NULL DEFAULT false;
ALTER TABLE subsidy_complaint ADD CONSTRAINT subsidy_complaint_reopened CHECK (NOT reopened_case OR status <> 'received');

-- The rate check of payout lines (migration 024) ran once per row: 5,000 lookups in a Copenhagen-size run. The same
-- rule, once per statement over the statement's new rows.
DROP TRIGGER subsidy_payout_line_rate ON subsidy_payout_line;
DROP FUNCTION subsidy_rate_in_month();
CREATE FUNCTION subsidy_rates_in_month() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad record;
BEGIN
  SELECT n.rate_id, n.month INTO bad FROM new_lines n
  WHERE n.rate_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM subsidy_rate r WHERE r.id = n.rate_id AND r.valid @> n.month
  ) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'subsidy rate % is not valid in %', bad.rate_id, bad.month USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER subsidy_payout_line_rate_ins AFTER INSERT ON subsidy_payout_line
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION subsidy_rates_in_month();
CREATE TRIGGER subsidy_payout_line_rate_upd AFTER UPDATE ON subsidy_payout_line
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION subsidy_rates_in_month();
