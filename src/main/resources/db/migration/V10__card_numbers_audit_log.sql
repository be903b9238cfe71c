-- MariaDB runs DDL outside transactions: every statement here can run again after a partial failure (and a
-- `flyway repair`), so a half-applied migration is finished, not left behind.

-- A card's public identity (card.CardNumber): 16 digits, Luhn-checked, under the retailer's prefix. Cards issued
-- before this version get theirs in V11 (a Java migration: random numbers need a generator); V12 then requires it.
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS card_number CHAR(16) AFTER id;
ALTER TABLE gift_card ADD UNIQUE KEY IF NOT EXISTS uk_gift_card_number (card_number);

-- What unblocking returns a card to: its status before the block. An unsold card (ISSUED) must never become spendable
-- through a block and an unblock. Before this version the status before a block was not kept, nor when a card was
-- activated: every card blocked until now is taken to have been unsold (ISSUED), the safe side. A card that had been
-- sold is activated again by staff or a till after unblocking.
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS status_before_block VARCHAR(16);
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS activated_at DATETIME(6);
UPDATE gift_card SET status_before_block = 'ISSUED' WHERE status = 'BLOCKED' AND status_before_block IS NULL;
ALTER TABLE gift_card DROP CONSTRAINT IF EXISTS ck_gift_card_before_block;
ALTER TABLE gift_card ADD CONSTRAINT ck_gift_card_before_block CHECK (status_before_block IS NULL
    OR status_before_block IN ('ISSUED', 'ACTIVE'));
ALTER TABLE gift_card DROP CONSTRAINT IF EXISTS ck_gift_card_blocked_keeps_before;
ALTER TABLE gift_card ADD CONSTRAINT ck_gift_card_blocked_keeps_before
    CHECK ((status = 'BLOCKED') = (status_before_block IS NOT NULL));

-- Every staff action, who, when, on what, why, and what changed: append-only, like the ledger. Refused actions are
-- recorded too.
CREATE TABLE IF NOT EXISTS audit_log (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    at            DATETIME(6)   NOT NULL,
    actor_subject VARCHAR(255)  NOT NULL,
    actor_name    VARCHAR(200)  NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    target_type   VARCHAR(16)   NOT NULL,
    target_id     BIGINT,
    target_label  VARCHAR(64),
    reason        VARCHAR(500),
    before_state  VARCHAR(1000),
    after_state   VARCHAR(1000),
    PRIMARY KEY (id),
    CONSTRAINT ck_audit_log_outcome CHECK (outcome IN ('DONE', 'REFUSED', 'REQUESTED', 'APPROVED', 'REJECTED')),
    CONSTRAINT ck_audit_log_target CHECK (target_type IN ('CARD', 'ACCOUNT', 'CASE', 'BATCH', 'APPROVAL')),
    INDEX ix_audit_log_at (at, id),
    INDEX ix_audit_log_target (target_type, target_id, at),
    INDEX ix_audit_log_actor (actor_subject, at),
    INDEX ix_audit_log_action (action, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER IF NOT EXISTS audit_log_append_only_update BEFORE UPDATE ON audit_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';

CREATE TRIGGER IF NOT EXISTS audit_log_append_only_delete BEFORE DELETE ON audit_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the audit log is append-only';
