-- Book en plads × pladsanvisning: a pending offer (pladstilbud) holds its place, so the availability timelines count
-- it; offers therefore bump the unit's load version like placements and capacity do.
CREATE TRIGGER offer_load_ins AFTER INSERT ON offer REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER offer_load_upd AFTER UPDATE ON offer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER offer_load_del AFTER DELETE ON offer REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();

-- Closing days change rarely; the availability search keeps them in memory and reloads them when this moves.
CREATE TABLE booking_closing_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO booking_closing_version DEFAULT VALUES;
CREATE FUNCTION bump_closing_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE booking_closing_version SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER closing_day_version AFTER INSERT OR UPDATE OR DELETE ON closing_day
  FOR EACH STATEMENT EXECUTE FUNCTION bump_closing_version();
