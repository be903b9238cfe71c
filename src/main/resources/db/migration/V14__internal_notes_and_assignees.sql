-- Internal notes: messages on a case only staff see. Every query for a shopper leaves them out.
ALTER TABLE support_case_message ADD COLUMN IF NOT EXISTS internal BOOLEAN NOT NULL DEFAULT FALSE;
-- Who works a case, as staff read it (assigned_to holds their identity provider subject).
ALTER TABLE support_case ADD COLUMN IF NOT EXISTS assigned_to_name VARCHAR(200);
-- The queue: unresolved cases, the longest waiting first.
CREATE INDEX IF NOT EXISTS ix_support_case_queue ON support_case (status, updated_at, id);
-- Blocked cards waiting for review, counted and listed on the back office's home.
CREATE INDEX IF NOT EXISTS ix_gift_card_status ON gift_card (status, issued_at);
