-- Closing a month is reversible until its invoices reach the debtor system: finance may reopen a closed month with a
-- reason (kept here and in the audit log). The first debtor export of a month records when it left; after that a
-- mistake is corrected by the next month's run, never by reopening.
ALTER TABLE billing_month ADD COLUMN exported_at timestamptz;
ALTER TABLE billing_month ADD COLUMN reopened_at timestamptz;
ALTER TABLE billing_month ADD COLUMN reopen_reason text;
ALTER TABLE billing_month ADD CONSTRAINT billing_month_reopen_reason
  CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL) AND (reopen_reason IS NULL OR length(btrim(reopen_reason)) >= 3));
