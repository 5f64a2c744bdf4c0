-- People from the CPR register (SF1520 look-up, SF6002 change files): name and address protection, death and
-- emigration on the person, and the change files applied (by file id and sequence, so a second delivery of the same
-- file changes nothing). docs/formats/cpr.md describes the shapes.

-- Navne- og adressebeskyttelse: the address is never shown to other guardians or to staff who do not need it;
-- letters go by Digital Post only.
ALTER TABLE person ADD COLUMN address_protected boolean NOT NULL DEFAULT false;
-- CPR status 90 (død) and 80 (udrejst), with the date from the register. A person who has died has not emigrated.
ALTER TABLE person ADD COLUMN died_on date;
ALTER TABLE person ADD COLUMN emigrated_on date;
ALTER TABLE person ADD CONSTRAINT person_died_or_emigrated CHECK (died_on IS NULL OR emigrated_on IS NULL);

-- One row per change file applied: its id and sequence from the register, when and by whom, and the per-record report.
CREATE TABLE cpr_change_file (
  file_id text PRIMARY KEY CHECK (file_id ~ '^[A-Za-z0-9._-]{1,100}$'),
  sequence integer NOT NULL UNIQUE CHECK (sequence > 0),
  created_on date NOT NULL,
  applied_on date NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by uuid REFERENCES app_user,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  report jsonb NOT NULL
);
COMMENT ON TABLE cpr_change_file IS 'owner: people';
