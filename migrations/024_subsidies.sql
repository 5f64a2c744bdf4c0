-- Subsidy schemes where the municipality pays the parents (dagtilbudsloven §§ 80–88): tilskud til privat pasning and
-- til pasning af egne børn. Terms and amounts are data with validity periods per municipality; rows without a
-- municipality are the standard (demo) values used by a municipality that has not entered its own for the date.
-- Cases (applications → decision → stop), complaints, and the idempotent monthly payout run with its creditor outbox.

CREATE TABLE subsidy_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) REFERENCES municipality,
  scheme text NOT NULL CHECK (scheme IN ('privat_pasning', 'egne_boern')),
  offered boolean NOT NULL DEFAULT true,
  min_age_weeks integer NOT NULL CHECK (min_age_weeks BETWEEN 0 AND 52),
  max_age_months integer CHECK (max_age_months BETWEEN 1 AND 84),
  share_percent numeric(5, 2) NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
  max_children_per_carer integer NOT NULL DEFAULT 5 CHECK (max_children_per_carer BETWEEN 1 AND 5),
  max_children_two_carers integer NOT NULL DEFAULT 10 CHECK (max_children_two_carers BETWEEN 1 AND 10),
  min_weeks integer NOT NULL DEFAULT 0 CHECK (min_weeks >= 0),
  max_months integer NOT NULL DEFAULT 0 CHECK (max_months BETWEEN 0 AND 12),
  max_children_household integer NOT NULL DEFAULT 0 CHECK (max_children_household BETWEEN 0 AND 3),
  household_cap_oere bigint CHECK (household_cap_oere > 0),
  sibling_percent integer NOT NULL DEFAULT 50 CHECK (sibling_percent BETWEEN 0 AND 100),
  -- Days a caseworker has to decide an application (the published sagsbehandlingsfrist).
  decision_days integer NOT NULL DEFAULT 30 CHECK (decision_days BETWEEN 1 AND 365),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (coalesce(municipality_code, '----') WITH =, scheme WITH =, valid WITH &&)
);
COMMENT ON TABLE subsidy_terms IS 'owner: subsidies';

-- The monthly amount per age group (whole months on the first of the month): the ceiling of privat pasning, or the
-- cheapest net operating cost egne børn is a share of. One amount per group and day: the exclusion makes two
-- overlapping rows (and so an amount from the wrong year) impossible.
CREATE TABLE subsidy_rate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) REFERENCES municipality,
  scheme text NOT NULL CHECK (scheme IN ('privat_pasning', 'egne_boern')),
  from_months integer NOT NULL CHECK (from_months >= 0),
  to_months integer NOT NULL CHECK (to_months > from_months AND to_months <= 96),
  monthly_oere bigint NOT NULL CHECK (monthly_oere > 0),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (
    coalesce(municipality_code, '----') WITH =,
    scheme WITH =,
    int4range(from_months, to_months) WITH &&,
    valid WITH &&
  )
);
COMMENT ON TABLE subsidy_rate IS 'owner: subsidies';

-- Standard (demo) values for 2026 and 2027: the law's limits, and amounts of a mid-size municipality.
INSERT INTO subsidy_terms (municipality_code, scheme, min_age_weeks, max_age_months, share_percent,
  max_children_per_carer, max_children_two_carers, min_weeks, max_months, max_children_household, household_cap_oere,
  valid) VALUES
  (NULL, 'privat_pasning', 24, NULL, 75, 5, 10, 0, 0, 0, NULL, '[2026-01-01,2027-01-01)'),
  (NULL, 'privat_pasning', 24, NULL, 75, 5, 10, 0, 0, 0, NULL, '[2027-01-01,2028-01-01)'),
  (NULL, 'egne_boern', 24, NULL, 85, 5, 10, 8, 12, 3, 2035900, '[2026-01-01,2027-01-01)'),
  (NULL, 'egne_boern', 24, NULL, 85, 5, 10, 8, 12, 3, 2089000, '[2027-01-01,2028-01-01)');
INSERT INTO subsidy_rate (municipality_code, scheme, from_months, to_months, monthly_oere, valid) VALUES
  (NULL, 'privat_pasning', 0, 36, 695000, '[2026-01-01,2027-01-01)'),
  (NULL, 'privat_pasning', 36, 96, 415000, '[2026-01-01,2027-01-01)'),
  (NULL, 'privat_pasning', 0, 36, 715000, '[2027-01-01,2028-01-01)'),
  (NULL, 'privat_pasning', 36, 96, 427000, '[2027-01-01,2028-01-01)'),
  (NULL, 'egne_boern', 0, 36, 930000, '[2026-01-01,2027-01-01)'),
  (NULL, 'egne_boern', 36, 96, 550000, '[2026-01-01,2027-01-01)'),
  (NULL, 'egne_boern', 0, 36, 955000, '[2027-01-01,2028-01-01)'),
  (NULL, 'egne_boern', 36, 96, 565000, '[2027-01-01,2028-01-01)');

-- A private carer (privat pasningsordning): identified by CVR when it has one, never by CPR.
CREATE TABLE subsidy_carer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  cvr char(8) CHECK (cvr ~ '^[0-9]{8}$'),
  street text NOT NULL CHECK (length(trim(street)) BETWEEN 1 AND 200),
  postal_code char(4) NOT NULL CHECK (postal_code ~ '^[0-9]{4}$'),
  city text NOT NULL CHECK (length(trim(city)) BETWEEN 1 AND 100),
  carers smallint NOT NULL DEFAULT 1 CHECK (carers IN (1, 2)),
  extra_consent boolean NOT NULL DEFAULT false,
  approved_on date,
  stopped_on date CHECK (stopped_on IS NULL OR approved_on IS NULL OR stopped_on >= approved_on),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subsidy_carer_cvr ON subsidy_carer (municipality_code, cvr) WHERE cvr IS NOT NULL;
COMMENT ON TABLE subsidy_carer IS 'owner: subsidies';

-- The municipality's supervision of the arrangement (§ 81): visits and notes, read by tilsyn.
CREATE TABLE subsidy_supervision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carer_id uuid NOT NULL REFERENCES subsidy_carer,
  visit_date date NOT NULL,
  note text NOT NULL CHECK (length(trim(note)) BETWEEN 1 AND 4000),
  user_id uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsidy_supervision_carer ON subsidy_supervision (carer_id);
COMMENT ON TABLE subsidy_supervision IS 'owner: subsidies';

CREATE TABLE subsidy_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  scheme text NOT NULL CHECK (scheme IN ('privat_pasning', 'egne_boern')),
  child_id uuid NOT NULL REFERENCES person,
  household_id uuid NOT NULL REFERENCES household,
  -- The guardian who applied and is paid.
  applicant_id uuid NOT NULL REFERENCES person,
  carer_id uuid REFERENCES subsidy_carer,
  expense_oere bigint CHECK (expense_oere > 0),
  hours_per_week integer CHECK (hours_per_week BETWEEN 1 AND 60),
  children_in_care integer CHECK (children_in_care BETWEEN 1 AND 10),
  -- Wanted period while applied; the decided period once approved (ends at school start, a dagtilbud place, the
  -- carer's stop, or a stop).
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'refused', 'stopped')),
  source text NOT NULL DEFAULT 'citizen' CHECK (source IN ('citizen', 'caseworker')),
  submitted_on date NOT NULL,
  deadline date NOT NULL CHECK (deadline >= submitted_on),
  decided_on date,
  decided_by uuid REFERENCES app_user,
  reason text CHECK (length(reason) <= 2000),
  refusal_rule text,
  end_reason text CHECK (end_reason IN ('school_start', 'max_age', 'dagtilbud', 'carer_stop', 'period_end', 'stop')),
  letter_id uuid REFERENCES letter,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (scheme <> 'privat_pasning' OR (carer_id IS NOT NULL AND expense_oere IS NOT NULL
    AND hours_per_week IS NOT NULL AND children_in_care IS NOT NULL)),
  CHECK ((status = 'applied') = (decided_on IS NULL)),
  -- One subsidy per child at a time, whatever the scheme (§ 2, stk. 3: one place per child).
  EXCLUDE USING gist (child_id WITH =, valid WITH &&) WHERE (status IN ('applied', 'approved', 'stopped'))
);
CREATE INDEX subsidy_case_status ON subsidy_case (municipality_code, status);
CREATE INDEX subsidy_case_household ON subsidy_case (household_id);
CREATE INDEX subsidy_case_carer ON subsidy_case (carer_id);
COMMENT ON TABLE subsidy_case IS 'owner: subsidies';

-- A complaint: registered, reconsidered by the municipality (changed in the family's favour, or upheld), and an
-- upheld decision forwarded to Ankestyrelsen with the case file (bundle).
CREATE TABLE subsidy_complaint (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES subsidy_case,
  received_on date NOT NULL,
  text text NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'changed', 'upheld', 'forwarded')),
  reconsidered_on date,
  reconsidered_note text CHECK (length(reconsidered_note) <= 4000),
  forwarded_on date,
  bundle jsonb,
  created_by uuid REFERENCES app_user,
  CHECK ((status = 'received') = (reconsidered_on IS NULL)),
  CHECK ((status = 'forwarded') = (forwarded_on IS NOT NULL AND bundle IS NOT NULL))
);
CREATE INDEX subsidy_complaint_case ON subsidy_complaint (case_id);
COMMENT ON TABLE subsidy_complaint IS 'owner: subsidies';

CREATE TABLE subsidy_payout_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  lines integer NOT NULL,
  total_oere bigint NOT NULL,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsidy_payout_run_month ON subsidy_payout_run (municipality_code, month);
COMMENT ON TABLE subsidy_payout_run IS 'owner: subsidies';

-- What was paid per case and month: a run adds a line only where the amount due differs from the sum of the lines
-- already there (a first payment or a correction), so a re-run writes nothing.
CREATE TABLE subsidy_payout_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES subsidy_payout_run,
  case_id uuid NOT NULL REFERENCES subsidy_case,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  kind text NOT NULL CHECK (kind IN ('payment', 'correction')),
  amount_oere bigint NOT NULL CHECK (amount_oere <> 0),
  -- The amount due this line brings the case's month to, and the rate (age group, period) it was computed from.
  due_oere bigint NOT NULL CHECK (due_oere >= 0),
  sibling_oere bigint NOT NULL DEFAULT 0 CHECK (sibling_oere >= 0),
  rate_id uuid REFERENCES subsidy_rate,
  payee_id uuid NOT NULL REFERENCES person,
  UNIQUE (run_id, case_id, month)
);
CREATE INDEX subsidy_payout_line_case ON subsidy_payout_line (case_id, month);
COMMENT ON TABLE subsidy_payout_line IS 'owner: subsidies';

-- A line's rate must be valid in the line's month: an amount from another year's table cannot be stored.
CREATE FUNCTION subsidy_rate_in_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.rate_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM subsidy_rate r WHERE r.id = NEW.rate_id AND r.valid @> NEW.month
  ) THEN
    RAISE EXCEPTION 'subsidy rate % is not valid in %', NEW.rate_id, NEW.month USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER subsidy_payout_line_rate BEFORE INSERT OR UPDATE ON subsidy_payout_line
  FOR EACH ROW EXECUTE FUNCTION subsidy_rate_in_month();

-- Amounts paid without right (a stop back-dated): a claim on the payee, for the debtor side.
CREATE TABLE subsidy_recovery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES subsidy_case,
  run_id uuid NOT NULL REFERENCES subsidy_payout_run,
  debtor_id uuid NOT NULL REFERENCES person,
  amount_oere bigint NOT NULL CHECK (amount_oere > 0),
  months text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsidy_recovery_case ON subsidy_recovery (case_id);
COMMENT ON TABLE subsidy_recovery IS 'owner: subsidies';

-- Outbox of events for the finance system (creditor payments, corrections and recovery claims).
CREATE TABLE creditor_event (
  id bigserial PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES subsidy_payout_run,
  kind text NOT NULL CHECK (kind IN ('payment', 'correction', 'recovery')),
  payee_id uuid NOT NULL REFERENCES person,
  case_id uuid NOT NULL REFERENCES subsidy_case,
  month date NOT NULL,
  amount_oere bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX creditor_event_pending ON creditor_event (id) WHERE delivered_at IS NULL;
COMMENT ON TABLE creditor_event IS 'owner: subsidies';
