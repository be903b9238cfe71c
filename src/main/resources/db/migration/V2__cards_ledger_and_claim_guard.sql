-- Gift cards. The claim code itself is never stored: only its keyed hash (HMAC-SHA256) and its last characters.
CREATE TABLE gift_card (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    code_hash             BINARY(32)   NOT NULL,
    code_last4            VARCHAR(4)   NOT NULL,
    amount_minor          BIGINT       NOT NULL,
    currency              VARCHAR(3)   NOT NULL,
    region                VARCHAR(2)   NOT NULL,
    status                VARCHAR(16)  NOT NULL,
    issued_at             DATETIME(6)  NOT NULL,
    expires_at            DATETIME(6),
    batch_reference       VARCHAR(64),
    redeemed_by_account_id BIGINT,
    redeemed_at           DATETIME(6),
    version               BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_gift_card_code_hash UNIQUE (code_hash),
    CONSTRAINT fk_gift_card_redeemed_by FOREIGN KEY (redeemed_by_account_id) REFERENCES account (id),
    CONSTRAINT ck_gift_card_amount CHECK (amount_minor > 0),
    CONSTRAINT ck_gift_card_status CHECK (status IN ('ISSUED', 'ACTIVE', 'REDEEMED', 'BLOCKED', 'CANCELLED')),
    CONSTRAINT ck_gift_card_redeemed CHECK ((status = 'REDEEMED') = (redeemed_by_account_id IS NOT NULL)),
    INDEX ix_gift_card_redeemed_by (redeemed_by_account_id, redeemed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The balance is a running total of the ledger, kept on the account so it can be locked and checked.
ALTER TABLE account
    ADD COLUMN balance_minor BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_account_balance_not_negative CHECK (balance_minor >= 0);

-- Every change of a balance, append-only: the balance always equals the sum of its account's entries.
CREATE TABLE ledger_entry (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    account_id          BIGINT       NOT NULL,
    entry_type          VARCHAR(16)  NOT NULL,
    amount_minor        BIGINT       NOT NULL,
    balance_after_minor BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    gift_card_id        BIGINT,
    card_last4          VARCHAR(4),
    description         VARCHAR(200),
    request_id          VARCHAR(64),
    created_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_ledger_entry_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_ledger_entry_card FOREIGN KEY (gift_card_id) REFERENCES gift_card (id),
    CONSTRAINT uk_ledger_entry_request UNIQUE (account_id, request_id),
    CONSTRAINT ck_ledger_entry_type CHECK (entry_type IN ('REDEMPTION', 'PURCHASE', 'REFUND', 'ADJUSTMENT')),
    CONSTRAINT ck_ledger_entry_amount CHECK (amount_minor <> 0),
    CONSTRAINT ck_ledger_entry_balance CHECK (balance_after_minor >= 0),
    INDEX ix_ledger_entry_history (account_id, created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TRIGGER ledger_entry_append_only_update BEFORE UPDATE ON ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are append-only';

CREATE TRIGGER ledger_entry_append_only_delete BEFORE DELETE ON ledger_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are append-only';

-- Claim-code guessing protection, shared by every portal instance: failed look-ups per account and per client
-- address, and the lock that follows too many of them.
CREATE TABLE claim_guard (
    scope_key    VARCHAR(80)  NOT NULL,
    locked_until DATETIME(6),
    PRIMARY KEY (scope_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE claim_failure (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    scope_key    VARCHAR(80)  NOT NULL,
    failed_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_claim_failure_scope (scope_key, failed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
