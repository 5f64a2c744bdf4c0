-- Parent payment (forældrebetaling): rates, lunch, paying months, friplads scales, household incomes and
-- social friplads decisions as data with validity periods; billing runs, invoices with lines, an event outbox.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

CREATE TYPE fee_kind AS ENUM ('dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub');
CREATE TYPE fee_hours AS ENUM ('full', 'part', 'leave30');

-- Takster: the monthly full rate per municipality, kind of place, age band and hours class, over time.
CREATE TABLE fee_rate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  kind fee_kind NOT NULL,
  age_band age_band NOT NULL,
  hours fee_hours NOT NULL DEFAULT 'full',
  monthly_oere bigint NOT NULL CHECK (monthly_oere >= 0 AND monthly_oere <= 10000000),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (municipality_code WITH =, kind WITH =, age_band WITH =, hours WITH =, valid WITH &&)
);

-- Frokostordning per unit: a monthly price, or the board's opt-out, over time.
CREATE TABLE lunch_scheme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  opted_out boolean NOT NULL DEFAULT false,
  monthly_oere bigint NOT NULL CHECK (monthly_oere >= 0 AND monthly_oere <= 1000000),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  CHECK (NOT opted_out OR monthly_oere = 0),
  EXCLUDE USING gist (unit_id WITH =, valid WITH &&)
);

-- Paying months (11 with July free, or 12) and the day a change takes effect (1st or 15th), per kind of place.
CREATE TABLE fee_calendar (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  kind fee_kind NOT NULL,
  paying_months smallint NOT NULL CHECK (paying_months IN (11, 12)),
  change_day smallint NOT NULL CHECK (change_day IN (1, 15)),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (municipality_code WITH =, kind WITH =, valid WITH &&)
);

-- The friplads scale per year (øre), as published by the Ministry.
CREATE TABLE friplads_scale (
  year smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  lower_limit bigint NOT NULL CHECK (lower_limit >= 0),
  upper_limit bigint NOT NULL,
  per_extra_child bigint NOT NULL CHECK (per_extra_child >= 0),
  single_provider_supplement bigint NOT NULL CHECK (single_provider_supplement >= 0),
  steps smallint NOT NULL DEFAULT 95 CHECK (steps > 0),
  first_step_percent smallint NOT NULL DEFAULT 5 CHECK (first_step_percent BETWEEN 0 AND 100),
  CHECK (upper_limit > lower_limit)
);

-- Household income for økonomisk friplads, over time (an application, a regulation, the yearly true-up).
CREATE TABLE household_income (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household ON DELETE CASCADE,
  yearly_oere bigint NOT NULL CHECK (yearly_oere >= 0),
  single_provider boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'application' CHECK (source IN ('application', 'regulation', 'final', 'estimate')),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (household_id WITH =, valid WITH &&)
);

-- A caseworker's behandlingsmæssig or socialpædagogisk friplads for a child, over time.
CREATE TABLE social_friplads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('behandling', 'socialpaedagogisk')),
  percent smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (child_id WITH =, valid WITH &&)
);

-- Months finance has closed: no run may write into them (corrections go on a later month's invoice).
CREATE TABLE billing_month (
  municipality_code char(4) NOT NULL REFERENCES municipality,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  closed_at timestamptz,
  PRIMARY KEY (municipality_code, month)
);

-- One billing run: its progress is visible while it works; its writes commit in one transaction.
CREATE TABLE billing_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  started_by uuid REFERENCES app_user,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  children integer NOT NULL DEFAULT 0,
  invoices_written integer NOT NULL DEFAULT 0,
  lines_written integer NOT NULL DEFAULT 0,
  error text
);
CREATE INDEX billing_run_month ON billing_run (municipality_code, month, started_at DESC);

-- One invoice per payer per month; a later run with changed data adds a supplementary invoice (seq 2, 3 …)
-- once the first is sent, so a sent invoice is never rewritten.
CREATE TABLE invoice (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  municipality_code char(4) NOT NULL REFERENCES municipality,
  payer_id uuid NOT NULL REFERENCES person,
  household_id uuid REFERENCES household,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  seq smallint NOT NULL DEFAULT 1 CHECK (seq >= 1),
  run_id uuid NOT NULL REFERENCES billing_run,
  total_oere bigint NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent')),
  sent_at timestamptz,
  letter_id uuid,
  UNIQUE (municipality_code, payer_id, month, seq)
);
CREATE INDEX invoice_month ON invoice (municipality_code, month);
CREATE INDEX invoice_payer ON invoice (payer_id);

-- An invoice line: what one child's place costs for one service month (a correction when before the invoice month).
CREATE TABLE invoice_line (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id uuid NOT NULL REFERENCES invoice ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES person,
  placement_kind placement_kind NOT NULL,
  service_month date NOT NULL CHECK (extract(day FROM service_month) = 1),
  code text NOT NULL CHECK (code IN ('rate', 'lunch', 'friplads', 'sibling', 'social_friplads', 'settlement')),
  text text NOT NULL,
  amount_oere bigint NOT NULL
);
CREATE INDEX invoice_line_invoice ON invoice_line (invoice_id);
CREATE INDEX invoice_line_child_month ON invoice_line (child_id, service_month);

-- A digest of what has been billed per payer and service month, so a run with no changed data compares
-- digests instead of re-reading every line.
CREATE TABLE billed_state (
  municipality_code char(4) NOT NULL REFERENCES municipality,
  service_month date NOT NULL,
  payer_id uuid NOT NULL REFERENCES person,
  digest text NOT NULL,
  PRIMARY KEY (municipality_code, service_month, payer_id)
);

-- Outbox of billing events for the municipality's debtor integration (consumed in id order).
CREATE TABLE billing_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL CHECK (type IN ('invoice.sent')),
  invoice_id uuid NOT NULL REFERENCES invoice,
  payload jsonb NOT NULL,
  consumed_at timestamptz
);
CREATE INDEX billing_event_unconsumed ON billing_event (id) WHERE consumed_at IS NULL;

CREATE TRIGGER fee_rate_history AFTER INSERT OR UPDATE OR DELETE ON fee_rate FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER household_income_history AFTER INSERT OR UPDATE OR DELETE ON household_income FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER social_friplads_history AFTER INSERT OR UPDATE OR DELETE ON social_friplads FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER lunch_scheme_history AFTER INSERT OR UPDATE OR DELETE ON lunch_scheme FOR EACH ROW EXECUTE FUNCTION record_row_history();

INSERT INTO friplads_scale (year, lower_limit, upper_limit, per_extra_child, single_provider_supplement)
VALUES (2024, 20030100, 62220000, 700000, 7008900);

-- Friplads casework: a parent applies online, a caseworker decides (the decision goes out as a letter).
CREATE TABLE friplads_application (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household,
  applicant_id uuid NOT NULL REFERENCES person,
  yearly_oere bigint NOT NULL CHECK (yearly_oere >= 0),
  children_under18 smallint NOT NULL CHECK (children_under18 BETWEEN 1 AND 30),
  single_provider boolean NOT NULL,
  wanted_from date NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'granted', 'rejected')),
  decided_by uuid REFERENCES app_user,
  decided_at timestamptz,
  pay_percent smallint CHECK (pay_percent BETWEEN 0 AND 100),
  note text CHECK (length(note) <= 1000),
  letter_id uuid
);
CREATE INDEX friplads_application_household ON friplads_application (household_id);
CREATE INDEX friplads_application_open ON friplads_application (submitted_at) WHERE status = 'submitted';

-- Months a back-dated change (a yearly true-up) asks the next run to re-check, beyond the usual correction window.
CREATE TABLE billing_recheck (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  from_month date NOT NULL CHECK (extract(day FROM from_month) = 1),
  reason text NOT NULL
);

-- §41 mellemkommunal afregning: per municipality, year and age band the monthly net and gross cost of a place and
-- the municipality's subsidy share (percent of the gross cost it pays in its own places).
CREATE TABLE place_cost (
  municipality_code char(4) NOT NULL REFERENCES municipality,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  age_band age_band NOT NULL,
  net_oere bigint NOT NULL CHECK (net_oere >= 0),
  gross_oere bigint NOT NULL CHECK (gross_oere >= 0),
  subsidy_percent smallint NOT NULL CHECK (subsidy_percent BETWEEN 0 AND 100),
  PRIMARY KEY (municipality_code, year, age_band)
);
