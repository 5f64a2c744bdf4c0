-- CPR change files belong to the municipality whose subscription delivered them: numbered per municipality, applied
-- and read only by its staff (the wall between municipalities).
ALTER TABLE cpr_change_file ADD COLUMN municipality_code char(4) REFERENCES municipality;
UPDATE cpr_change_file SET municipality_code = (
  SELECT d.municipality_code FROM daginstitution d GROUP BY d.municipality_code ORDER BY count(*) DESC LIMIT 1
);
ALTER TABLE cpr_change_file ALTER COLUMN municipality_code SET NOT NULL;
ALTER TABLE cpr_change_file DROP CONSTRAINT cpr_change_file_sequence_key;
ALTER TABLE cpr_change_file ADD UNIQUE (municipality_code, sequence);
