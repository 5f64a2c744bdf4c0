-- Core data model: register, people, access, audit, settings.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE municipality (
  code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name text NOT NULL
);

-- Districts (områder) a municipality divides its institutions and homes into.
CREATE TABLE area (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  name text NOT NULL,
  UNIQUE (municipality_code, name)
);

CREATE TYPE ejerform AS ENUM ('kommunal', 'selvejende', 'privat', 'udliciteret');
CREATE TYPE unit_type AS ENUM ('dagpleje', 'vuggestue', 'boernehave', 'integreret', 'landsbyordning', 'fritidshjem', 'sfo', 'klub');

-- Register level 1: the institution with a parent board (may be a cluster, klynge).
CREATE TABLE daginstitution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number varchar(6) NOT NULL UNIQUE CHECK (number ~ '^[A-Z0-9]{6}$'),
  name varchar(132) NOT NULL CHECK (length(trim(name)) > 0),
  ejerform ejerform NOT NULL,
  municipality_code char(4) NOT NULL REFERENCES municipality,
  is_cluster boolean NOT NULL DEFAULT false,
  closed_on date
);

-- Register level 2: anvisningsenhed, the place children are assigned to.
CREATE TABLE unit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number varchar(6) NOT NULL UNIQUE CHECK (number ~ '^[A-Z0-9]{6}$'),
  daginstitution_id uuid NOT NULL REFERENCES daginstitution,
  name varchar(132) NOT NULL CHECK (length(trim(name)) > 0),
  type unit_type NOT NULL,
  inst_type3 smallint,
  area_id uuid REFERENCES area,
  street text NOT NULL,
  postal_code char(4) NOT NULL CHECK (postal_code ~ '^[0-9]{4}$'),
  city text NOT NULL,
  lat double precision CHECK (lat BETWEEN 54 AND 58),
  lon double precision CHECK (lon BETWEEN 7 AND 16),
  email text,
  phone text,
  opening_hours jsonb NOT NULL DEFAULT '{}'::jsonb,
  opened_on date,
  closed_on date,
  -- True for units the demo generator made up (e.g. SFOs at schools); real register units are false.
  synthetic boolean NOT NULL DEFAULT false,
  CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX unit_daginstitution ON unit (daginstitution_id);
CREATE INDEX unit_area ON unit (area_id);

-- Register level 3: extra physical addresses.
CREATE TABLE alternative_address (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  street text NOT NULL,
  postal_code char(4) NOT NULL CHECK (postal_code ~ '^[0-9]{4}$'),
  city text NOT NULL
);

-- Age sections (stuer/grupper) of a unit, by age in months.
CREATE TABLE unit_section (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  name text NOT NULL,
  min_age_months smallint NOT NULL CHECK (min_age_months >= 0),
  max_age_months smallint NOT NULL,
  CHECK (max_age_months > min_age_months),
  UNIQUE (unit_id, name)
);

CREATE TYPE age_band AS ENUM ('0-2', '3-5', '6-9', '10-13', '14-17');

-- Capacity over time: places per age band with validity periods that never overlap.
CREATE TABLE capacity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  age_band age_band NOT NULL,
  places integer NOT NULL CHECK (places >= 0 AND places <= 2000),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (unit_id WITH =, age_band WITH =, valid WITH &&)
);

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dar_id uuid,
  street text NOT NULL,
  postal_code char(4) NOT NULL CHECK (postal_code ~ '^[0-9]{4}$'),
  city text NOT NULL,
  municipality_code char(4) NOT NULL REFERENCES municipality,
  area_id uuid REFERENCES area,
  lat double precision CHECK (lat BETWEEN 54 AND 58),
  lon double precision CHECK (lon BETWEEN 7 AND 16)
);

CREATE TYPE sex AS ENUM ('female', 'male');

-- A person: child or adult. CPR is personal data: never logged, never in a URL.
CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cpr char(10) UNIQUE CHECK (cpr ~ '^[0-9]{10}$'),
  first_name text NOT NULL CHECK (length(trim(first_name)) > 0),
  last_name text NOT NULL CHECK (length(trim(last_name)) > 0),
  birth_date date NOT NULL,
  sex sex NOT NULL,
  email text,
  phone text,
  search_name text GENERATED ALWAYS AS (lower(first_name || ' ' || last_name)) STORED
);
CREATE INDEX person_search_name ON person (search_name text_pattern_ops);
CREATE INDEX person_birth_date ON person (birth_date);

-- Folkeregister address over time: one address at a time per person.
CREATE TABLE residence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
  household_id uuid NOT NULL REFERENCES household,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (person_id WITH =, valid WITH &&)
);
CREATE INDEX residence_household ON residence (household_id);

-- Custody (forældremyndighed): which adults are guardians of which child, over time.
CREATE TABLE custody (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
  guardian_id uuid NOT NULL REFERENCES person ON DELETE CASCADE,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  CHECK (child_id <> guardian_id),
  EXCLUDE USING gist (child_id WITH =, guardian_id WITH =, valid WITH &&)
);
CREATE INDEX custody_guardian ON custody (guardian_id);

CREATE TYPE placement_kind AS ENUM ('dagtilbud', 'fritidstilbud', 'klub');

-- An enrolment (placement) of a child in a unit. A child never holds two overlapping places of one kind.
CREATE TABLE placement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  unit_id uuid NOT NULL REFERENCES unit,
  kind placement_kind NOT NULL,
  hours_per_week smallint NOT NULL DEFAULT 40 CHECK (hours_per_week BETWEEN 1 AND 60),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (child_id WITH =, kind WITH =, valid WITH &&)
);
CREATE INDEX placement_unit ON placement (unit_id);

CREATE TYPE role AS ENUM ('guardian', 'caseworker', 'finance', 'consultant', 'management', 'admin', 'unit_leader', 'unit_staff');

-- Who can log in. Guardians are people; staff are users with a role and, for unit roles, unit scopes.
CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role role NOT NULL,
  name text NOT NULL,
  email text,
  person_id uuid UNIQUE REFERENCES person,
  oidc_subject text UNIQUE,
  -- Offered in the demo login picker (only when demo mode is on).
  demo_persona boolean NOT NULL DEFAULT false,
  CHECK ((role = 'guardian') = (person_id IS NOT NULL))
);

CREATE TABLE user_unit (
  user_id uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  PRIMARY KEY (user_id, unit_id)
);

CREATE TABLE session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- Municipality settings as data with validity periods: one value per key at any date.
CREATE TABLE setting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value jsonb NOT NULL,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  EXCLUDE USING gist (key WITH =, valid WITH &&)
);

-- Process-wide state that is not municipal policy (e.g. the demo clock).
CREATE TABLE system_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Append-only log of every read and change of personal data.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  user_role role,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_ids uuid[] NOT NULL DEFAULT '{}',
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_subjects ON audit_log USING gin (subject_ids);
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Row history for the register and people: every insert/update/delete with who did it.
-- The actor comes from the transaction-local setting spire.actor set by the service layer.
CREATE TABLE row_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  op char(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
  actor uuid,
  old jsonb,
  new jsonb
);
CREATE INDEX row_history_row ON row_history (table_name, row_id, id DESC);

CREATE FUNCTION record_row_history() RETURNS trigger LANGUAGE plpgsql AS $$
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
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
  RETURN NULL;
END $$;

CREATE TRIGGER daginstitution_history AFTER INSERT OR UPDATE OR DELETE ON daginstitution FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER unit_history AFTER INSERT OR UPDATE OR DELETE ON unit FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER capacity_history AFTER INSERT OR UPDATE OR DELETE ON capacity FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER unit_section_history AFTER INSERT OR UPDATE OR DELETE ON unit_section FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER alternative_address_history AFTER INSERT OR UPDATE OR DELETE ON alternative_address FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER person_history AFTER INSERT OR UPDATE OR DELETE ON person FOR EACH ROW EXECUTE FUNCTION record_row_history();
CREATE TRIGGER setting_history AFTER INSERT OR UPDATE OR DELETE ON setting FOR EACH ROW EXECUTE FUNCTION record_row_history();
