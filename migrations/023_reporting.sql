-- Reporting to Danmarks Statistik and FLIS: the rules the monthly extracts and the normering are computed by (data
-- with validity periods), and the delivery log. Re-delivering a month with the same payload adds nothing; a changed
-- payload is a new version, marked as a correction.

CREATE TABLE report_rule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A full-time-equivalent child: 1 above full_above_hours, part_weight from part_from_hours up to full_above_hours,
  -- low_weight below part_from_hours (weights in percent).
  full_above_hours smallint NOT NULL CHECK (full_above_hours BETWEEN 1 AND 60),
  part_from_hours smallint NOT NULL CHECK (part_from_hours BETWEEN 1 AND 60),
  part_weight_percent smallint NOT NULL CHECK (part_weight_percent BETWEEN 0 AND 100),
  low_weight_percent smallint NOT NULL CHECK (low_weight_percent BETWEEN 0 AND 100),
  -- Weekly minutes of one full-time person, and the share of a leader's hours counted in the normering.
  full_time_minutes integer NOT NULL CHECK (full_time_minutes > 0),
  leader_weight_percent smallint NOT NULL CHECK (leader_weight_percent BETWEEN 0 AND 100),
  -- Minimumsnormering: at most this many children per adult.
  min_children_per_adult_0_2 numeric(4, 2) NOT NULL CHECK (min_children_per_adult_0_2 > 0),
  min_children_per_adult_3_5 numeric(4, 2) NOT NULL CHECK (min_children_per_adult_3_5 > 0),
  valid daterange NOT NULL CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL),
  CHECK (part_from_hours <= full_above_hours),
  EXCLUDE USING gist (valid WITH &&)
);
COMMENT ON TABLE report_rule IS 'owner: reporting';
INSERT INTO report_rule (full_above_hours, part_from_hours, part_weight_percent, low_weight_percent, full_time_minutes,
  leader_weight_percent, min_children_per_adult_0_2, min_children_per_adult_3_5, valid)
VALUES (36, 25, 75, 50, 2220, 85, 3, 6, '[2018-01-01,)');

CREATE TABLE report_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code char(4) NOT NULL REFERENCES municipality,
  kind text NOT NULL CHECK (kind IN ('ds', 'flis')),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  version smallint NOT NULL CHECK (version >= 1),
  payload text NOT NULL,
  checksum char(64) NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'delivered' CHECK (status IN ('delivered', 'failed')),
  correction boolean NOT NULL,
  receipt text,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_code, kind, month, version),
  CHECK (correction = (version > 1))
);
COMMENT ON TABLE report_delivery IS 'owner: reporting';
