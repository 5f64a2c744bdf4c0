-- Unilogin / Aula: deliveries of each municipality's roster (children, guardians with custody, employees, affiliated to
-- their anvisningsenhed's register number) to STIL's Unilogin import interface, as full or delta deliveries, and of
-- the day's komme/gå registrations to Aula. Format: docs/formats/unilogin.md.
CREATE TABLE unilogin_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  municipality_code char(4) NOT NULL REFERENCES municipality,
  -- full / delta: the roster to Unilogin; presence: one day's komme/gå to Aula.
  kind text NOT NULL CHECK (kind IN ('full', 'delta', 'presence')),
  on_date date NOT NULL,
  -- sent: handed to the service, no answer yet; failed: the service could not be reached (send again).
  status text NOT NULL CHECK (status IN ('sent', 'accepted', 'refused', 'failed')),
  -- The message as sent (it holds CPR numbers: read only through the audited routes).
  payload jsonb NOT NULL,
  -- The roster this delivery makes true once accepted, one comparable digest per person: { id: digest }.
  roster jsonb NOT NULL DEFAULT '{}'::jsonb,
  checksum char(64) NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  persons integer NOT NULL CHECK (persons >= 0),
  added integer NOT NULL CHECK (added >= 0),
  changed integer NOT NULL CHECK (changed >= 0),
  removed integer NOT NULL CHECK (removed >= 0),
  -- [{ field, code, text }] from Spire's own validation or the service's answer.
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  receipt text,
  created_by uuid REFERENCES app_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  CHECK ((status = 'accepted') = (receipt IS NOT NULL))
);
CREATE INDEX unilogin_delivery_latest ON unilogin_delivery (municipality_code, kind, seq DESC);
COMMENT ON TABLE unilogin_delivery IS 'owner: unilogin';
