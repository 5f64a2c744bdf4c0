-- Letters to families (offers, decisions, invoices …): stored as structured content, rendered to PDF on demand,
-- read in the citizen inbox and forwarded through Digital Post (SF1601 / MeMo) from an outbox.

CREATE TABLE letter (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_-]{0,39}$'),
  subject text NOT NULL CHECK (length(trim(subject)) BETWEEN 1 AND 200),
  child_id uuid REFERENCES person,
  municipality_code char(4) REFERENCES municipality,
  letter_date date NOT NULL,
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letter_child ON letter (child_id);

CREATE TABLE letter_recipient (
  letter_id uuid NOT NULL REFERENCES letter ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person,
  read_at timestamptz,
  PRIMARY KEY (letter_id, person_id)
);
CREATE INDEX letter_recipient_person ON letter_recipient (person_id);

-- One Digital Post message per letter and recipient; drained by the digital-post.send job.
CREATE TABLE digital_post_message (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  letter_id uuid NOT NULL REFERENCES letter ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  channel text,
  message_uuid uuid NOT NULL DEFAULT gen_random_uuid(),
  attempts int NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (letter_id, person_id)
);
CREATE INDEX digital_post_queued ON digital_post_message (id) WHERE status = 'queued';
