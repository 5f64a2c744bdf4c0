-- Pladsanvisning: applications (opskrivning) with ranked wishes, allocation rounds, offers (pladstilbud),
-- withdrawals (udmeldelse) and the staff inbox. Enrolments are the existing `placement` table.
-- Written for PostgreSQL 15 (server) and PGlite (PostgreSQL 17); keep to what both accept.

CREATE TYPE place_kind AS ENUM ('dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub');
CREATE TYPE application_status AS ENUM ('active', 'placed', 'withdrawn');

-- One application per child and kind of place at a time; the family ranks its wishes in application_wish.
CREATE TABLE application (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES person,
  place_kind place_kind NOT NULL,
  placement_kind placement_kind NOT NULL,
  needed_from date NOT NULL,                 -- behovsdato
  hours_per_week smallint NOT NULL CHECK (hours_per_week IN (30, 40)),
  applied_on date NOT NULL,
  seniority_date date NOT NULL,              -- anciennitet
  guarantee_date date,                       -- garantidato (dagtilbud only)
  status application_status NOT NULL DEFAULT 'active',
  special_needs boolean NOT NULL DEFAULT false, -- set by a caseworker only
  moving_in boolean NOT NULL DEFAULT false,     -- family moving into the municipality (reserved places)
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_on date,
  CHECK ((status = 'active') = (closed_on IS NULL)),
  CHECK (guarantee_date IS NULL OR guarantee_date >= needed_from)
);
CREATE UNIQUE INDEX application_one_active ON application (child_id, placement_kind) WHERE status = 'active';
CREATE INDEX application_child ON application (child_id);

CREATE TABLE application_wish (
  application_id uuid NOT NULL REFERENCES application ON DELETE CASCADE,
  rank smallint NOT NULL CHECK (rank BETWEEN 1 AND 10),
  unit_id uuid NOT NULL REFERENCES unit,
  PRIMARY KEY (application_id, rank),
  UNIQUE (application_id, unit_id)
);
CREATE INDEX application_wish_unit ON application_wish (unit_id);

-- A staff-triggered round: the engine's input and result are kept, so the preview is what gets approved.
CREATE TABLE allocation_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_kind placement_kind NOT NULL,
  horizon date NOT NULL,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'approved', 'discarded')),
  mode text NOT NULL DEFAULT 'round' CHECK (mode IN ('round', 'continuous')),
  result jsonb NOT NULL,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_by uuid REFERENCES app_user,
  approved_at timestamptz
);

CREATE TYPE offer_status AS ENUM ('pending', 'accepted', 'declined', 'expired', 'cancelled');

-- Pladstilbud. An accepted offer references the enrolment (placement) it created.
CREATE TABLE offer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES application,
  round_id uuid REFERENCES allocation_round,
  unit_id uuid NOT NULL REFERENCES unit,
  start_date date NOT NULL,
  hours_per_week smallint NOT NULL CHECK (hours_per_week IN (30, 40)),
  priority text,
  explanation text NOT NULL,
  manual_reason text CHECK (manual_reason IS NULL OR length(trim(manual_reason)) BETWEEN 1 AND 500),
  guarantee boolean NOT NULL DEFAULT false,
  offered_on date NOT NULL,
  deadline date NOT NULL CHECK (deadline >= offered_on),
  status offer_status NOT NULL DEFAULT 'pending',
  answered_on date,
  placement_id uuid REFERENCES placement,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'accepted') = (placement_id IS NOT NULL)),
  CHECK ((status = 'pending') = (answered_on IS NULL)),
  CHECK (round_id IS NOT NULL OR manual_reason IS NOT NULL)
);
CREATE UNIQUE INDEX offer_one_pending ON offer (application_id) WHERE status = 'pending';
CREATE INDEX offer_unit ON offer (unit_id);

-- Udmeldelse: the family (or staff) ends a placement with the municipality's notice period.
CREATE TABLE placement_withdrawal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement,
  requested_on date NOT NULL,
  last_day date NOT NULL CHECK (last_day >= requested_on),
  reason text NOT NULL CHECK (reason IN ('family', 'transfer', 'aarsrulning', 'staff')),
  requested_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placement_withdrawal_placement ON placement_withdrawal (placement_id);

-- The caseworkers' inbox: one item whenever a family changes something.
CREATE TABLE staff_inbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('application', 'application_change', 'application_withdrawn', 'hours', 'withdrawal', 'address', 'offer_answer')),
  child_id uuid REFERENCES person,
  text text NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 1000),
  created_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  handled_by uuid REFERENCES app_user,
  handled_at timestamptz,
  CHECK ((handled_by IS NULL) = (handled_at IS NULL))
);
CREATE INDEX staff_inbox_open ON staff_inbox (created_at DESC) WHERE handled_at IS NULL;
