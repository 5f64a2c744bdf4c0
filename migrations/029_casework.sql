-- Casework on a family's behalf (issue 16): what a caseworker did for a child, with the reason the law and the
-- family are owed. One row per action: an application made or changed for the family, its priority flags, a direct
-- enrolment, a transfer, an udmeldelse (with the notice period or waived) and a change of weekly hours.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

CREATE TABLE casework_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  action text NOT NULL CHECK (action IN ('apply', 'change', 'flags', 'enrol', 'transfer', 'withdraw', 'hours')),
  reason text NOT NULL CHECK (length(trim(reason)) BETWEEN 3 AND 500),
  -- What was done, for the log on the child's page (unit, dates, hours, waived notice …).
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  application_id uuid REFERENCES application,
  placement_id uuid REFERENCES placement,
  created_by uuid NOT NULL REFERENCES app_user,
  created_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((action IN ('apply', 'change', 'flags')) = (application_id IS NOT NULL)),
  CHECK ((action IN ('enrol', 'transfer', 'withdraw', 'hours')) = (placement_id IS NOT NULL))
);
CREATE INDEX casework_action_child ON casework_action (child_id, created_at DESC);
COMMENT ON TABLE casework_action IS 'owner: placement';

-- A withdrawal where the caseworker waived the notice period says why (the reason is required then).
ALTER TABLE placement_withdrawal ADD COLUMN notice_waived_reason text
  CHECK (notice_waived_reason IS NULL OR length(trim(notice_waived_reason)) BETWEEN 3 AND 500);
