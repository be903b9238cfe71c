-- A shopper may name the card of their case by the 16-digit number printed on it instead of its code: a number is
-- not a secret, so it is kept as it is (digits only).
ALTER TABLE support_case ADD COLUMN IF NOT EXISTS card_number VARCHAR(16) NULL;
ALTER TABLE support_case ADD CONSTRAINT ck_support_case_card_number
    CHECK (card_number IS NULL OR card_number REGEXP '^[0-9]{16}$');
CREATE INDEX IF NOT EXISTS ix_support_case_card_number ON support_case (card_number);
