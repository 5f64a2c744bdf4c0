-- Billing terms of a placement, kept in billing's own table (no columns on placement): the 30-hour leave place
-- (dagtilbudsloven § 27 a, a parent on maternity/parental leave) is charged the municipality's 'leave30' rate.
CREATE TABLE billing_place_terms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL UNIQUE REFERENCES placement ON DELETE CASCADE,
  leave30 boolean NOT NULL DEFAULT false
);
CREATE TRIGGER billing_place_terms_history AFTER INSERT OR UPDATE OR DELETE ON billing_place_terms FOR EACH ROW EXECUTE FUNCTION record_row_history();
