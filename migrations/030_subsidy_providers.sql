-- Subsidies, third slice: grants to private providers (dagtilbudsloven § 19, stk. 4 privatinstitutioner, § 34 private
-- dagplejere, § 57 private fritidshjem). A provider is approved for a period and has an approved budget per period: the
-- operating grant per child and month by age group (plus building and administration supplements, which only
-- privatinstitutioner have), and the provider's own parent payment that friplads and søskendetilskud are computed on.
-- Children are enrolled with a provider per period; the monthly payout run adds one statement per provider.
-- Billing gets an inbox of claims from other modules (a subsidy paid without right) for its debtor export.

CREATE TABLE subsidy_provider (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  kind text NOT NULL CHECK (kind IN ('privatinstitution', 'privat_dagpleje', 'privat_fritidshjem')),
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  cvr char(8) NOT NULL CHECK (cvr ~ '^[0-9]{8}$'),
  address text NOT NULL CHECK (length(trim(address)) BETWEEN 1 AND 300),
  approved daterange NOT NULL CHECK (NOT isempty(approved) AND lower(approved) IS NOT NULL),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_code, cvr),
  UNIQUE (id, kind)
);
COMMENT ON TABLE subsidy_provider IS 'owner: subsidies';

-- The approved budget: one row per age group and period, never two for the same day. The kind is repeated (and kept
-- equal by the foreign key) so a supplement only a privatinstitution has cannot be stored for another kind.
CREATE TABLE subsidy_provider_budget (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL,
  kind text NOT NULL,
  from_months integer NOT NULL CHECK (from_months >= 0),
  to_months integer NOT NULL CHECK (to_months > from_months AND to_months <= 216),
  grant_oere bigint NOT NULL CHECK (grant_oere >= 0),
  building_oere bigint NOT NULL DEFAULT 0 CHECK (building_oere >= 0),
  admin_oere bigint NOT NULL DEFAULT 0 CHECK (admin_oere >= 0),
  parent_payment_oere bigint NOT NULL CHECK (parent_payment_oere >= 0),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (provider_id, kind) REFERENCES subsidy_provider (id, kind),
  CHECK (kind = 'privatinstitution' OR (building_oere = 0 AND admin_oere = 0)),
  EXCLUDE USING gist (provider_id WITH =, int4range(from_months, to_months) WITH &&, valid WITH &&)
);
CREATE INDEX subsidy_provider_budget_provider ON subsidy_provider_budget (provider_id);
COMMENT ON TABLE subsidy_provider_budget IS 'owner: subsidies';

-- A child enrolled with a provider for a period (one provider at a time); the household (friplads, siblings) as
-- registered when enrolled.
CREATE TABLE subsidy_enrolment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id uuid NOT NULL REFERENCES subsidy_provider,
  child_id uuid NOT NULL REFERENCES person,
  household_id uuid NOT NULL REFERENCES household,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  EXCLUDE USING gist (child_id WITH =, valid WITH &&)
);
CREATE INDEX subsidy_enrolment_provider ON subsidy_enrolment (provider_id);
COMMENT ON TABLE subsidy_enrolment IS 'owner: subsidies';

-- What a provider was paid per enrolment and month: like subsidy_payout_line, a run adds a line only where the amount
-- due differs from the sum already paid. The due amount's parts are kept for the statement.
CREATE TABLE subsidy_provider_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id uuid NOT NULL REFERENCES subsidy_payout_run,
  provider_id uuid NOT NULL REFERENCES subsidy_provider,
  enrolment_id uuid NOT NULL REFERENCES subsidy_enrolment,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  kind text NOT NULL CHECK (kind IN ('payment', 'correction')),
  amount_oere bigint NOT NULL CHECK (amount_oere <> 0),
  grant_oere bigint NOT NULL CHECK (grant_oere >= 0),
  friplads_oere bigint NOT NULL CHECK (friplads_oere >= 0),
  sibling_oere bigint NOT NULL CHECK (sibling_oere >= 0),
  due_oere bigint NOT NULL CHECK (due_oere = grant_oere + friplads_oere + sibling_oere),
  budget_id uuid REFERENCES subsidy_provider_budget,
  UNIQUE (run_id, enrolment_id, month)
);
CREATE INDEX subsidy_provider_line_enrolment ON subsidy_provider_line (enrolment_id, month);
CREATE INDEX subsidy_provider_line_run ON subsidy_provider_line (run_id, provider_id);
COMMENT ON TABLE subsidy_provider_line IS 'owner: subsidies';

-- The creditor outbox carries a provider's statement lines too: a line names a case (paid to a parent) or a provider.
ALTER TABLE creditor_event ALTER COLUMN payee_id DROP NOT NULL;
ALTER TABLE creditor_event ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE creditor_event ADD COLUMN provider_id uuid REFERENCES subsidy_provider;
ALTER TABLE creditor_event ADD COLUMN enrolment_id uuid REFERENCES subsidy_enrolment;
ALTER TABLE creditor_event ADD CONSTRAINT creditor_event_one_payee CHECK (
  (case_id IS NOT NULL AND payee_id IS NOT NULL AND provider_id IS NULL AND enrolment_id IS NULL)
  OR (case_id IS NULL AND payee_id IS NULL AND provider_id IS NOT NULL AND enrolment_id IS NOT NULL)
);

-- Rates entered by a municipality (rates admin): who entered a period.
ALTER TABLE subsidy_rate ADD COLUMN created_by uuid REFERENCES app_user;
ALTER TABLE subsidy_terms ADD COLUMN created_by uuid REFERENCES app_user;

-- Claims other modules raise on a household for billing's debtor export (a subsidy paid without right): once per
-- source row, exported with the month it was raised in.
CREATE TABLE debtor_claim (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  source text NOT NULL CHECK (source IN ('subsidy_recovery')),
  source_id uuid NOT NULL,
  payer_id uuid NOT NULL REFERENCES person,
  household_id uuid REFERENCES household,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  amount_oere bigint NOT NULL CHECK (amount_oere > 0),
  text text NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)
);
CREATE INDEX debtor_claim_month ON debtor_claim (municipality_code, month);
COMMENT ON TABLE debtor_claim IS 'owner: billing';
