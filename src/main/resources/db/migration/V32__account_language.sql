-- Languages (issue 30): the language a shopper chose, kept on their account so every device and every mail speaks it.
-- Null until they choose: their region's first language is used.
ALTER TABLE account ADD COLUMN IF NOT EXISTS language VARCHAR(35);
-- A language tag, as BCP 47 writes them ("hi", "es", "en-GB"): letters, digits and hyphens.
ALTER TABLE account DROP CONSTRAINT IF EXISTS ck_account_language;
ALTER TABLE account ADD CONSTRAINT ck_account_language CHECK (language IS NULL OR language REGEXP '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$');
