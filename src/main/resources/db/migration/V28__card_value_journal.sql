-- The card value journal (issue 28, part 1): every change of a card's value state is a row, written by the database
-- in the statement that changed the card (whichever path changed it: the portal's entities, a batch's update, a
-- migration), append-only like the ledger. A row says what happened, the state after it, what the card is owed for
-- after it (its value while it is sold and unredeemed, whether blocked or held for review; nothing when unsold,
-- redeemed, whose value is then in a balance, or cancelled) and the change of that. Summed per currency up to an
-- instant, the changes are what the retailer owed on cards then.
CREATE TABLE IF NOT EXISTS card_value_journal (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    gift_card_id    BIGINT      NOT NULL,
    event           VARCHAR(24) NOT NULL,
    status_after    VARCHAR(16) NOT NULL,
    owed_minor      BIGINT      NOT NULL,
    change_minor    BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    region          VARCHAR(2)  NOT NULL,
    at              DATETIME(6) NOT NULL,
    reconstructed   BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    CONSTRAINT fk_card_value_journal_card FOREIGN KEY (gift_card_id) REFERENCES gift_card (id),
    CONSTRAINT ck_card_value_journal_owed CHECK (owed_minor >= 0),
    INDEX ix_card_value_journal_card (gift_card_id, id),
    INDEX ix_card_value_journal_at (at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- When a card's value state last changed, by the portal's clock (the journal's rows are dated by it, so they share a
-- timeline with the ledger's entries; a change made without it, by hand, is dated by the database's clock).
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS state_changed_at DATETIME(6);

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS card_value_journal_append_only_update BEFORE UPDATE ON card_value_journal FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the card value journal is append-only'$$

CREATE TRIGGER IF NOT EXISTS card_value_journal_append_only_delete BEFORE DELETE ON card_value_journal FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the card value journal is append-only'$$

-- A new card: unsold (owed nothing yet), or sold at once (online, an e-gift, a replacement or a reissue).
CREATE TRIGGER IF NOT EXISTS gift_card_journal_insert AFTER INSERT ON gift_card FOR EACH ROW
BEGIN
    DECLARE owed BIGINT DEFAULT CASE WHEN NEW.status IN ('ACTIVE', 'IN_REVIEW')
        OR (NEW.status = 'BLOCKED' AND NEW.status_before_block = 'ACTIVE') THEN NEW.amount_minor ELSE 0 END;
    INSERT INTO card_value_journal (gift_card_id, event, status_after, owed_minor, change_minor, currency, region, at)
    VALUES (NEW.id, CASE WHEN NEW.replaces_card_id IS NOT NULL THEN 'REPLACEMENT_ISSUED'
                         WHEN NEW.reissues_card_id IS NOT NULL THEN 'REISSUED'
                         WHEN NEW.status = 'ACTIVE' THEN 'ISSUED_ACTIVE'
                         ELSE 'ISSUED' END,
            NEW.status, owed, owed, NEW.currency, NEW.region, COALESCE(NEW.state_changed_at, UTC_TIMESTAMP(6)));
END$$

-- A change of state, named from where the card was and where it is now.
CREATE TRIGGER IF NOT EXISTS gift_card_journal_update AFTER UPDATE ON gift_card FOR EACH ROW
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

-- The cards from before, reconstructed once from what they keep, and marked so: issued (and sold, when it is known
-- when), then where they are now, at the time they keep for it or, where they keep none, now.
INSERT INTO card_value_journal (gift_card_id, event, status_after, owed_minor, change_minor, currency, region, at,
                                reconstructed)
SELECT c.id, CASE WHEN c.replaces_card_id IS NOT NULL THEN 'REPLACEMENT_ISSUED'
                  WHEN c.activated_at IS NOT NULL AND c.activated_at <= c.issued_at THEN 'ISSUED_ACTIVE'
                  ELSE 'ISSUED' END,
       CASE WHEN c.activated_at IS NOT NULL AND c.activated_at <= c.issued_at THEN 'ACTIVE' ELSE 'ISSUED' END,
       CASE WHEN c.activated_at IS NOT NULL AND c.activated_at <= c.issued_at THEN c.amount_minor ELSE 0 END,
       CASE WHEN c.activated_at IS NOT NULL AND c.activated_at <= c.issued_at THEN c.amount_minor ELSE 0 END,
       c.currency, c.region, c.issued_at, TRUE
FROM gift_card c
WHERE NOT EXISTS (SELECT 1 FROM card_value_journal j WHERE j.gift_card_id = c.id);

INSERT INTO card_value_journal (gift_card_id, event, status_after, owed_minor, change_minor, currency, region, at,
                                reconstructed)
SELECT c.id, 'ACTIVATED', 'ACTIVE', c.amount_minor, c.amount_minor, c.currency, c.region, c.activated_at, TRUE
FROM gift_card c
WHERE c.activated_at IS NOT NULL AND c.activated_at > c.issued_at
  AND (SELECT COUNT(*) FROM card_value_journal j WHERE j.gift_card_id = c.id) = 1;

-- Where each card is now, when it isn't where the rows above left it.
INSERT INTO card_value_journal (gift_card_id, event, status_after, owed_minor, change_minor, currency, region, at,
                                reconstructed)
SELECT c.id,
       CASE WHEN c.status = 'REDEEMED' THEN 'REDEEMED'
            WHEN c.status = 'CANCELLED' AND c.replaced_by_card_id IS NOT NULL THEN 'REPLACED'
            WHEN c.status = 'CANCELLED' THEN 'CANCELLED'
            WHEN c.status = 'BLOCKED' THEN 'BLOCKED'
            WHEN c.status = 'IN_REVIEW' THEN 'HELD_FOR_REVIEW'
            WHEN c.status = 'ISSUED' THEN 'SALE_VOIDED'
            ELSE 'ACTIVATED' END,
       c.status, now_owed.owed, now_owed.owed - last.owed_minor, c.currency, c.region,
       COALESCE(CASE c.status WHEN 'REDEEMED' THEN c.redeemed_at WHEN 'BLOCKED' THEN c.first_blocked_at
                              WHEN 'IN_REVIEW' THEN c.reserved_at END, UTC_TIMESTAMP(6)), TRUE
FROM gift_card c
JOIN card_value_journal last ON last.id = (SELECT MAX(j.id) FROM card_value_journal j WHERE j.gift_card_id = c.id)
JOIN (SELECT g.id, CASE WHEN g.status IN ('ACTIVE', 'IN_REVIEW')
                          OR (g.status = 'BLOCKED' AND g.status_before_block = 'ACTIVE') THEN g.amount_minor
                        ELSE 0 END AS owed
      FROM gift_card g) now_owed ON now_owed.id = c.id
WHERE last.status_after <> c.status;
