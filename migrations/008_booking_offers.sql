-- Book en plads × pladsanvisning: a pending offer (pladstilbud) holds its place, so the availability timelines count
-- it; offers therefore bump the unit's load version like placements and capacity do.
CREATE TRIGGER offer_load_ins AFTER INSERT ON offer REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER offer_load_upd AFTER UPDATE ON offer REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
CREATE TRIGGER offer_load_del AFTER DELETE ON offer REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_unit_load_version();
