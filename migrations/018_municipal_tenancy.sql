-- Municipalities as tenants (issue 16): every staff user belongs to one municipality, and every setting is one
-- municipality's value. Existing rows are given the municipality that has units (the installation's only tenant so
-- far; with several, the one with the most institutions).
ALTER TABLE app_user ADD COLUMN municipality_code char(4) REFERENCES municipality;
ALTER TABLE setting ADD COLUMN municipality_code char(4) REFERENCES municipality;

DO $$
DECLARE
  home char(4) := (SELECT municipality_code FROM daginstitution GROUP BY municipality_code
                   ORDER BY count(*) DESC, municipality_code LIMIT 1);
BEGIN
  IF home IS NULL AND (EXISTS (SELECT 1 FROM app_user WHERE role <> 'guardian') OR EXISTS (SELECT 1 FROM setting)) THEN
    -- No units yet: the one municipality of the installation, if there is exactly one.
    IF (SELECT count(*) FROM municipality) = 1 THEN
      home := (SELECT code FROM municipality);
    ELSE
      RAISE EXCEPTION 'migration 018: staff users or settings exist but no municipality has units; set app_user.municipality_code and setting.municipality_code first';
    END IF;
  END IF;
  UPDATE app_user SET municipality_code = home WHERE role <> 'guardian';
  UPDATE setting SET municipality_code = home;
END $$;

-- Staff roles belong to a municipality; a guardian (a citizen) to none.
ALTER TABLE app_user ADD CONSTRAINT app_user_municipality CHECK ((role = 'guardian') = (municipality_code IS NULL));
CREATE INDEX app_user_municipality ON app_user (municipality_code);

-- One value per municipality, key and date (replaces the exclusion per key and date of migration 001).
ALTER TABLE setting ALTER COLUMN municipality_code SET NOT NULL;
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'setting'::regclass AND contype = 'x' LOOP
    EXECUTE format('ALTER TABLE setting DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
ALTER TABLE setting ADD CONSTRAINT setting_one_value
  EXCLUDE USING gist (municipality_code WITH =, key WITH =, valid WITH &&);

-- A round allocates one municipality's waitlists (its units); earlier rounds were the only municipality's.
ALTER TABLE allocation_round ADD COLUMN municipality_code char(4) REFERENCES municipality;
UPDATE allocation_round SET municipality_code = (SELECT municipality_code FROM daginstitution GROUP BY municipality_code
                                                 ORDER BY count(*) DESC, municipality_code LIMIT 1);
