-- Pay in store: a shopper shows a pay code on their phone and the cashier scans it. A code is random, short-lived,
-- single-use and bound to its account, and stored only as its keyed hash: a screenshot is worthless once used or
-- expired. Showing a new code ends the one before.
CREATE TABLE pay_code (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    account_id BIGINT      NOT NULL,
    code_hash  BINARY(32)  NOT NULL,
    -- The most this payment may take, if the shopper set one ("up to $40").
    max_minor  BIGINT,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT uk_pay_code_hash UNIQUE (code_hash),
    CONSTRAINT fk_pay_code_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_pay_code_max CHECK (max_minor IS NULL OR max_minor > 0),
    CONSTRAINT ck_pay_code_times CHECK (expires_at >= created_at),
    INDEX ix_pay_code_account (account_id, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
