-- Attendance (komme/gå): daily registrations with Aula presence codes, an append-only event trail, absences,
-- closing days, holiday questionnaires and the entrance terminals that check children in and out.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

-- One registration per child and day. Times are wall-clock times in Europe/Copenhagen on `date`.
-- status: 0 not arrived, 1 sick, 2 reported absent/holiday, 3 present, 4 trip, 5 sleeping, 6 activity,
--         7 physical placement, 8 checked out (the Aula presence codes).
CREATE TABLE attendance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  unit_id uuid NOT NULL REFERENCES unit,
  date date NOT NULL,
  status smallint NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 8),
  check_in time(0),
  check_out time(0),
  pickup_by text CHECK (length(pickup_by) <= 100),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Bumped by every change: terminal taps write only if the row is unchanged since they read it (optimistic).
  version integer NOT NULL DEFAULT 0,
  UNIQUE (child_id, date),
  CONSTRAINT attendance_check_out_after_check_in CHECK (check_out IS NULL OR check_in IS NULL OR check_out >= check_in),
  CHECK (check_out IS NULL OR check_in IS NOT NULL)
);
CREATE INDEX attendance_unit_date ON attendance (unit_id, date);

-- Entrance tablets: each is authorised for exactly one unit by a secret whose SHA-256 alone is stored.
CREATE TABLE terminal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit ON DELETE CASCADE,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX terminal_unit ON terminal (unit_id);

-- Every change of a registration (terminal tap, staff correction with its reason): append-only.
CREATE TABLE attendance_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  attendance_id uuid NOT NULL REFERENCES attendance,
  kind text NOT NULL CHECK (kind IN ('check_in', 'check_out', 'status', 'pickup', 'correction')),
  status smallint NOT NULL,
  check_in time(0),
  check_out time(0),
  pickup_by text,
  user_id uuid REFERENCES app_user,
  terminal_id uuid REFERENCES terminal,
  reason text CHECK (length(reason) <= 500),
  CHECK (kind <> 'correction' OR length(trim(reason)) > 0)
);
CREATE INDEX attendance_event_attendance ON attendance_event (attendance_id, id);

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER attendance_event_no_update BEFORE UPDATE OR DELETE ON attendance_event
  FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE TYPE absence_type AS ENUM ('sick', 'day_off', 'holiday');

-- Reported absence over a period (inclusive days; stored with an exclusive upper bound).
CREATE TABLE absence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL AND upper(valid) IS NOT NULL),
  type absence_type NOT NULL,
  reported_by uuid REFERENCES app_user,
  reported_by_role role NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  EXCLUDE USING gist (child_id WITH =, valid WITH &&)
);

-- Closing days of a whole municipality or of one unit (public holidays and weekends are computed, not stored).
CREATE TABLE closing_day (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  date date NOT NULL,
  municipality_code char(4) REFERENCES municipality,
  unit_id uuid REFERENCES unit ON DELETE CASCADE,
  name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  CHECK ((municipality_code IS NULL) <> (unit_id IS NULL))
);
CREATE UNIQUE INDEX closing_day_municipality ON closing_day (municipality_code, date) WHERE municipality_code IS NOT NULL;
CREATE UNIQUE INDEX closing_day_unit ON closing_day (unit_id, date) WHERE unit_id IS NOT NULL;

-- "Does your child need care on these days?" (e.g. Christmas, summer), for the municipality or one unit.
CREATE TABLE holiday_questionnaire (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  unit_id uuid REFERENCES unit ON DELETE CASCADE,
  title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  question text NOT NULL CHECK (length(trim(question)) BETWEEN 1 AND 500),
  period daterange NOT NULL CHECK (NOT isempty(period) AND lower(period) IS NOT NULL AND upper(period) IS NOT NULL),
  deadline date NOT NULL,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (deadline < upper(period))
);

CREATE TABLE holiday_answer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  questionnaire_id uuid NOT NULL REFERENCES holiday_questionnaire ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES person,
  date date NOT NULL,
  needs_care boolean NOT NULL,
  answered_by uuid REFERENCES app_user,
  answered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (questionnaire_id, child_id, date)
);
