-- Employees: who works at a unit, in which job and for how many hours. Normering (reporting), rosters and messages
-- build on it. A dagplejer is an employee of the dagpleje unit (the dagplejegruppe), and a child in dagpleje is
-- placed with one dagplejer.
CREATE TYPE job_type AS ENUM ('leder', 'paedagog', 'paedagogisk_assistent', 'medhjaelper', 'dagplejer');

CREATE TABLE employee (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit,
  -- The staff login of this employee, if they have one.
  user_id uuid REFERENCES app_user ON DELETE SET NULL,
  first_name text NOT NULL CHECK (length(trim(first_name)) > 0),
  last_name text NOT NULL CHECK (length(trim(last_name)) > 0),
  job_type job_type NOT NULL,
  -- Contracted hours a week in minutes; 37 hours (2220) is one full-time person.
  weekly_minutes integer NOT NULL CHECK (weekly_minutes > 0 AND weekly_minutes <= 2880),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL)
);
CREATE INDEX employee_unit ON employee (unit_id);
COMMENT ON TABLE employee IS 'owner: employees';

ALTER TABLE placement ADD COLUMN dagplejer_id uuid REFERENCES employee;
