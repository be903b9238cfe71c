-- Finance and the law (issue 28, part 2): cards expire by a job and say so in the journal; a shopper's small balance
-- can be paid out in cash where the law gives that right, as a ledger entry of its own kind; and a month's liability
-- statement, once closed, is stored and never changes.

-- An expired card: its value leaves what the retailer owes as "expired", never silently.
ALTER TABLE gift_card
    DROP CONSTRAINT IF EXISTS ck_gift_card_status,
    ADD INDEX IF NOT EXISTS ix_gift_card_expiry (status, expires_at);
ALTER TABLE gift_card
    ADD CONSTRAINT ck_gift_card_status CHECK (status IN ('ISSUED', 'ACTIVE', 'REDEEMED', 'BLOCKED', 'CANCELLED',
        'IN_REVIEW', 'EXPIRED'));

-- Validity runs from the sale or activation, not from printing: an unsold card has none yet, and a batch card
-- activated after it was printed gets back the time it spent on the shelf.
UPDATE gift_card SET expires_at = expires_at + INTERVAL TIMESTAMPDIFF(MICROSECOND, issued_at, activated_at) MICROSECOND
WHERE expires_at IS NOT NULL AND activated_at > issued_at;
UPDATE gift_card SET expires_at = NULL
WHERE expires_at IS NOT NULL AND (status = 'ISSUED' OR (status = 'BLOCKED' AND status_before_block = 'ISSUED'));

DROP TRIGGER IF EXISTS gift_card_journal_update;
DELIMITER $$
CREATE TRIGGER gift_card_journal_update AFTER UPDATE ON gift_card FOR EACH ROW
BEGIN
    DECLARE owed_before BIGINT DEFAULT CASE WHEN OLD.status IN ('ACTIVE', 'IN_REVIEW')
        OR (OLD.status = 'BLOCKED' AND OLD.status_before_block = 'ACTIVE') THEN OLD.amount_minor ELSE 0 END;
    DECLARE owed_after BIGINT DEFAULT CASE WHEN NEW.status IN ('ACTIVE', 'IN_REVIEW')
        OR (NEW.status = 'BLOCKED' AND NEW.status_before_block = 'ACTIVE') THEN NEW.amount_minor ELSE 0 END;
    IF NOT (OLD.status <=> NEW.status) OR NOT (OLD.status_before_block <=> NEW.status_before_block) THEN
        INSERT INTO card_value_journal (gift_card_id, event, status_after, owed_minor, change_minor, currency,
                                        region, at)
        VALUES (NEW.id, CASE
                    WHEN NEW.status = 'CANCELLED' AND NEW.replaced_by_card_id IS NOT NULL THEN 'REPLACED'
                    WHEN NEW.status = 'CANCELLED'
                         AND EXISTS (SELECT 1 FROM gift g WHERE g.gift_card_id = NEW.id) THEN 'EGIFT_CANCELLED'
                    WHEN NEW.status = 'CANCELLED' THEN 'CANCELLED'
                    WHEN NEW.status = 'EXPIRED' THEN 'EXPIRED'
                    WHEN NEW.status = 'REDEEMED' THEN 'REDEEMED'
                    WHEN NEW.status = 'IN_REVIEW' THEN 'HELD_FOR_REVIEW'
                    WHEN NEW.status = 'BLOCKED' AND OLD.status = 'IN_REVIEW' THEN 'REVIEW_REFUSED'
                    WHEN NEW.status = 'BLOCKED' THEN 'BLOCKED'
                    WHEN OLD.status = 'BLOCKED' THEN 'UNBLOCKED'
                    WHEN OLD.status = 'ISSUED' AND NEW.status = 'ACTIVE' THEN 'ACTIVATED'
                    WHEN OLD.status = 'ACTIVE' AND NEW.status = 'ISSUED' THEN 'SALE_VOIDED'
                    ELSE 'CHANGED' END,
                NEW.status, owed_after, owed_after - owed_before, NEW.currency, NEW.region,
                IF(NEW.state_changed_at <=> OLD.state_changed_at OR NEW.state_changed_at IS NULL, UTC_TIMESTAMP(6),
                   NEW.state_changed_at));
    END IF;
END$$
DELIMITER ;

-- The statements read the ledger by time across accounts.
ALTER TABLE ledger_entry ADD INDEX IF NOT EXISTS ix_ledger_entry_created (created_at, id);

-- Cash paid out: a debit of the balance, saying how it was paid and under which reference (a bank transfer's, a
-- cheque's number, a store's receipt), so finance can find the payment.
ALTER TABLE ledger_entry
    DROP CONSTRAINT IF EXISTS ck_ledger_entry_type,
    DROP CONSTRAINT IF EXISTS ck_ledger_entry_cash_out,
    ADD COLUMN IF NOT EXISTS paid_by VARCHAR(16),
    ADD COLUMN IF NOT EXISTS payout_reference VARCHAR(64);
ALTER TABLE ledger_entry
    ADD CONSTRAINT ck_ledger_entry_type CHECK (entry_type IN ('REDEMPTION', 'PURCHASE', 'REFUND', 'ADJUSTMENT',
        'CLAWBACK', 'CASH_OUT')),
    ADD CONSTRAINT ck_ledger_entry_cash_out CHECK ((entry_type = 'CASH_OUT') = (paid_by IS NOT NULL)
        AND (paid_by IS NULL) = (payout_reference IS NULL)
        AND (entry_type <> 'CASH_OUT' OR amount_minor < 0)
        AND (paid_by IS NULL OR paid_by IN ('BANK_TRANSFER', 'CHEQUE', 'STORE_CASH')));

ALTER TABLE value_request
    DROP CONSTRAINT IF EXISTS ck_value_request_kind,
    DROP CONSTRAINT IF EXISTS ck_value_request_cash_out,
    ADD COLUMN IF NOT EXISTS paid_by VARCHAR(16),
    ADD COLUMN IF NOT EXISTS payout_reference VARCHAR(64);
ALTER TABLE value_request
    ADD CONSTRAINT ck_value_request_kind CHECK (kind IN ('ADJUSTMENT', 'ISSUE', 'ACTIVATE', 'REPLACE', 'GIFTS',
        'GIFT_ADDRESS', 'TILL_REFUND', 'TILL_ACTIVATION', 'CLAWBACK', 'REISSUE', 'UNFREEZE', 'CASH_OUT')),
    ADD CONSTRAINT ck_value_request_cash_out CHECK ((kind = 'CASH_OUT') = (paid_by IS NOT NULL)
        AND (paid_by IS NULL) = (payout_reference IS NULL)
        AND (kind <> 'CASH_OUT' OR (account_id IS NOT NULL AND case_reference IS NOT NULL)));

-- A closed month's liability statement for one region: the figures as they were at its close, fixed by the
-- watermarks (the last ledger entry and journal row it includes), the CSV they were written as, and its checksum.
-- Rows committed after the close belong to the next month whatever their time says. Never updated or deleted.
CREATE TABLE IF NOT EXISTS finance_statement (
    id                BIGINT      NOT NULL AUTO_INCREMENT,
    region            VARCHAR(2)  NOT NULL,
    currency          VARCHAR(3)  NOT NULL,
    month             CHAR(7)     NOT NULL,
    ends_at           DATETIME(6) NOT NULL,
    closed_at         DATETIME(6) NOT NULL,
    closed_by         VARCHAR(64) NOT NULL,
    ledger_watermark  BIGINT      NOT NULL,
    journal_watermark BIGINT      NOT NULL,
    opening_minor     BIGINT      NOT NULL,
    closing_minor     BIGINT      NOT NULL,
    content           MEDIUMTEXT  NOT NULL,
    checksum          CHAR(64)    NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_finance_statement_month UNIQUE (region, month),
    CONSTRAINT ck_finance_statement_checksum CHECK (checksum = SHA2(content, 256))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS finance_statement_closed_update BEFORE UPDATE ON finance_statement FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a closed month never changes'$$

CREATE TRIGGER IF NOT EXISTS finance_statement_closed_delete BEFORE DELETE ON finance_statement FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a closed month never changes'$$
DELIMITER ;

INSERT IGNORE INTO help_article (slug, region, category, task, title, summary, body, sort_order, last_reviewed) VALUES
('balance-in-cash', NULL, 'FAQ', 'balance', 'Your rights: how long your balance lasts, and cash for a small balance',
 'What the law where you shop gives you: how long a card lasts, no fees, and sometimes cash for a small balance.',
 '**In short:** your balance and your cards are never reduced by fees. How long a card lasts depends on where it was
sold, and your balance page and the card check say it for yours.

Where the law gives you the right (for example in California, for a balance under 10 dollars), you can ask for your
balance in cash:

1. Open **Balance** and choose **Ask for this balance in cash**.
2. Check the amount and send the request. It opens a support case, so you can follow it.
3. We pay it by bank transfer, by cheque or in a store, and tell you on the case. Your history then shows it as cash
   paid out.

You can keep using your balance until we pay it out. If it has grown past the limit by then, we''ll tell you on the
case.',
 95, '2026-12-07');

-- Reminders, once each: a shopper whose balance is about to count as dormant (reported as unclaimed property), and a
-- gift's recipient whose card is about to expire unredeemed. A reminder counts until the balance is used again.
ALTER TABLE account
    ADD COLUMN IF NOT EXISTS dormancy_reminded_at DATETIME(6),
    ADD INDEX IF NOT EXISTS ix_account_activity (region, last_activity_at);
ALTER TABLE gift ADD COLUMN IF NOT EXISTS expiry_reminded_at DATETIME(6);
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS ck_mail_outbox_kind;
ALTER TABLE mail_outbox ADD CONSTRAINT ck_mail_outbox_kind CHECK (kind IN ('REPLACEMENT', 'REDEMPTION',
    'CASE_OPENED', 'CASE_ANSWERED', 'CASE_RESOLVED', 'GIFT', 'GIFT_ADDRESS_CHANGED', 'TILL_RECEIPT', 'TILL_REFUND',
    'DORMANCY_REMINDER', 'EXPIRY_REMINDER'));
