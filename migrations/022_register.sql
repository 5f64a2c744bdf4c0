-- The Dagtilbudsregister (STIL): the register's own fields on the right level, the numbers it has issued (never
-- reused), alternative addresses over time, and the deliveries of Spire's changes to the register's import service.
-- Formats: docs/formats/dagtilbudsregister.md.

-- InstType1/2/3: the register's institution type hierarchy. InstType3 is what an anvisningsenhed carries.
CREATE TABLE inst_type (
  code smallint PRIMARY KEY CHECK (code BETWEEN 1000 AND 9999),
  unit_type unit_type NOT NULL UNIQUE,
  inst_type1 smallint NOT NULL,
  inst_type2 smallint NOT NULL,
  name text NOT NULL
);
COMMENT ON TABLE inst_type IS 'owner: registry';
INSERT INTO inst_type (code, unit_type, inst_type1, inst_type2, name) VALUES
  (6010, 'vuggestue', 60, 601, 'Vuggestue (0–2 år)'),
  (6011, 'boernehave', 60, 601, 'Børnehave (3–5 år)'),
  (6012, 'integreret', 60, 601, 'Aldersintegreret institution (0–5 år)'),
  (6013, 'dagpleje', 60, 602, 'Dagplejegruppe (kommunal dagpleje)'),
  (6014, 'landsbyordning', 60, 601, 'Landsbyordning'),
  (6020, 'fritidshjem', 60, 603, 'Fritidshjem'),
  (6021, 'sfo', 60, 603, 'Skolefritidsordning'),
  (6022, 'klub', 60, 604, 'Fritidsklub');

-- Lovgrundlag of a daginstitution (the law it is run under).
CREATE TYPE lovgrundlag AS ENUM (
  'dtl_19_2', 'dtl_19_3', 'dtl_19_4', 'dtl_19_5', 'dtl_21', 'dtl_52', 'dtl_66', 'fsl_3_4'
);

ALTER TABLE daginstitution ADD COLUMN lovgrundlag lovgrundlag;
UPDATE daginstitution SET lovgrundlag = CASE ejerform
  WHEN 'kommunal' THEN 'dtl_19_2'::lovgrundlag WHEN 'selvejende' THEN 'dtl_19_3'::lovgrundlag
  WHEN 'privat' THEN 'dtl_19_4'::lovgrundlag ELSE 'dtl_19_5'::lovgrundlag END;
ALTER TABLE daginstitution ALTER COLUMN lovgrundlag SET NOT NULL;

UPDATE unit SET inst_type3 = t.code FROM inst_type t WHERE t.unit_type = unit.type AND unit.inst_type3 IS DISTINCT FROM t.code;
ALTER TABLE unit ALTER COLUMN inst_type3 SET NOT NULL;
ALTER TABLE unit ADD CONSTRAINT unit_inst_type3 FOREIGN KEY (inst_type3) REFERENCES inst_type;
ALTER TABLE unit
  ADD COLUMN cvr char(8) CHECK (cvr ~ '^[0-9]{8}$'),
  ADD COLUMN p_number char(10) CHECK (p_number ~ '^[0-9]{10}$'),
  ADD COLUMN dar_id uuid;

ALTER TABLE alternative_address
  ADD COLUMN number varchar(6) UNIQUE CHECK (number ~ '^[A-Z0-9]{6}$'),
  ADD COLUMN dar_id uuid,
  ADD COLUMN valid daterange NOT NULL DEFAULT daterange('2019-08-30', NULL)
    CHECK (NOT isempty(valid) AND lower(valid) IS NOT NULL);
ALTER TABLE alternative_address ALTER COLUMN valid DROP DEFAULT;

-- Defaults the register needs on every row: InstType3 from the unit's type, lovgrundlag from the ejerform.
CREATE FUNCTION spire_register_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'unit' THEN
    IF NEW.inst_type3 IS NULL OR (TG_OP = 'UPDATE' AND NEW.type IS DISTINCT FROM OLD.type AND NEW.inst_type3 = OLD.inst_type3) THEN
      SELECT code INTO NEW.inst_type3 FROM inst_type WHERE unit_type = NEW.type;
    END IF;
  ELSIF NEW.lovgrundlag IS NULL THEN
    NEW.lovgrundlag := CASE NEW.ejerform
      WHEN 'kommunal' THEN 'dtl_19_2'::lovgrundlag WHEN 'selvejende' THEN 'dtl_19_3'::lovgrundlag
      WHEN 'privat' THEN 'dtl_19_4'::lovgrundlag ELSE 'dtl_19_5'::lovgrundlag END;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER unit_register_defaults BEFORE INSERT OR UPDATE OF type, inst_type3 ON unit
  FOR EACH ROW EXECUTE FUNCTION spire_register_defaults();
CREATE TRIGGER daginstitution_register_defaults BEFORE INSERT ON daginstitution
  FOR EACH ROW EXECUTE FUNCTION spire_register_defaults();

-- Every register number ever used, per level: a number is never issued twice, not even after its entry is gone,
-- and an entry's number never changes. `registered` is true once the register knows the number (imported from
-- it, or a delivered creation it accepted); `closed_on` once the register has it closed.
CREATE TYPE register_level AS ENUM ('daginstitution', 'anvisningsenhed', 'alternativ_adresse');
CREATE TABLE register_number (
  level register_level NOT NULL,
  number varchar(6) NOT NULL CHECK (number ~ '^[A-Z0-9]{6}$'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  registered boolean NOT NULL DEFAULT false,
  closed_on date,
  PRIMARY KEY (level, number)
);
COMMENT ON TABLE register_number IS 'owner: registry';

CREATE FUNCTION spire_register_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lvl register_level := CASE TG_TABLE_NAME WHEN 'daginstitution' THEN 'daginstitution'::register_level
  WHEN 'unit' THEN 'anvisningsenhed'::register_level ELSE 'alternativ_adresse'::register_level END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.number IS DISTINCT FROM OLD.number THEN
      RAISE EXCEPTION 'a register number never changes (% %)', lvl, OLD.number USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.number IS NOT NULL THEN
    INSERT INTO register_number (level, number) VALUES (lvl, NEW.number);
  END IF;
  RETURN NEW;
END $$;
INSERT INTO register_number (level, number) SELECT 'daginstitution', number FROM daginstitution;
INSERT INTO register_number (level, number) SELECT 'anvisningsenhed', number FROM unit;
CREATE TRIGGER daginstitution_number BEFORE INSERT OR UPDATE OF number ON daginstitution
  FOR EACH ROW EXECUTE FUNCTION spire_register_number();
CREATE TRIGGER unit_number BEFORE INSERT OR UPDATE OF number ON unit
  FOR EACH ROW EXECUTE FUNCTION spire_register_number();
CREATE TRIGGER alternative_address_number BEFORE INSERT OR UPDATE OF number ON alternative_address
  FOR EACH ROW EXECUTE FUNCTION spire_register_number();

-- Closing is bottom-up: a daginstitution closes only when none of its units is open after that day.
CREATE FUNCTION spire_close_bottom_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.closed_on IS NOT NULL AND EXISTS (
    SELECT 1 FROM unit WHERE daginstitution_id = NEW.id AND (closed_on IS NULL OR closed_on > NEW.closed_on)
  ) THEN
    RAISE EXCEPTION 'daginstitution % has open units after %', NEW.number, NEW.closed_on USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER daginstitution_close_bottom_up BEFORE UPDATE OF closed_on ON daginstitution
  FOR EACH ROW EXECUTE FUNCTION spire_close_bottom_up();

-- Deliveries of Spire's register changes to STIL's import service, in the order they were made (seq).
CREATE TYPE register_delivery_status AS ENUM ('queued', 'sent', 'accepted', 'refused');
CREATE TYPE register_operation AS ENUM ('create', 'update', 'close');
CREATE TABLE register_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  municipality_code char(4) NOT NULL REFERENCES municipality,
  level register_level NOT NULL,
  operation register_operation NOT NULL,
  number varchar(6) NOT NULL,
  subject_id uuid NOT NULL,
  payload jsonb NOT NULL,
  status register_delivery_status NOT NULL DEFAULT 'queued',
  -- [{ field, code, text }] from Spire's own validation or the register's answer.
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  sent_at timestamptz,
  answered_at timestamptz
);
CREATE INDEX register_delivery_open ON register_delivery (status, seq) WHERE status IN ('queued', 'sent', 'refused');
CREATE INDEX register_delivery_number ON register_delivery (level, number);
COMMENT ON TABLE register_delivery IS 'owner: registry';
