-- The till: a cashier at one of the retailer's stores scans a shopper's pay code, holds what the balance pays, and
-- takes it (a capture) or cancels it (a void), through the store API's holds. A pay code pays once: the unique key on
-- pay_code_id holds that whatever two tills or two instances do at the same instant.
CREATE TABLE till_payment (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    -- The receipt number the shopper and the store quote, also the purchase's order reference in the ledger.
    reference       VARCHAR(40)  NOT NULL,
    store_code      VARCHAR(40)  NOT NULL,
    pay_code_id     BIGINT       NOT NULL,
    -- The form that asked (a double tap sends it twice): its twin finds this payment instead of failing.
    attempt_id      VARCHAR(64)  NOT NULL,
    hold_id         BIGINT       NOT NULL,
    account_id      BIGINT       NOT NULL,
    -- What the cashier asked for; none: the whole available balance.
    asked_minor     BIGINT,
    currency        CHAR(3)      NOT NULL,
    cashier_subject VARCHAR(255) NOT NULL,
    cashier_name    VARCHAR(200) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_till_payment_reference UNIQUE (reference),
    CONSTRAINT uk_till_payment_pay_code UNIQUE (pay_code_id),
    CONSTRAINT uk_till_payment_hold UNIQUE (hold_id),
    CONSTRAINT fk_till_payment_pay_code FOREIGN KEY (pay_code_id) REFERENCES pay_code (id),
    CONSTRAINT fk_till_payment_hold FOREIGN KEY (hold_id) REFERENCES store_hold (id),
    CONSTRAINT fk_till_payment_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_till_payment_asked CHECK (asked_minor IS NULL OR asked_minor > 0),
    INDEX ix_till_payment_store (store_code, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A refund asked at the till, of a payment taken at the same store. Above the store's limit a second person decides;
-- whoever decides is never whoever asked, and a refund is done at most once (its store_refund row).
CREATE TABLE till_refund (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    payment_id           BIGINT       NOT NULL,
    amount_minor         BIGINT       NOT NULL,
    reason               VARCHAR(300) NOT NULL,
    status               VARCHAR(10)  NOT NULL,
    needs_approval       BOOLEAN      NOT NULL,
    request_key          VARCHAR(64)  NOT NULL,
    requested_by_subject VARCHAR(255) NOT NULL,
    requested_by_name    VARCHAR(200) NOT NULL,
    requested_at         DATETIME(6)  NOT NULL,
    decided_by_subject   VARCHAR(255),
    decided_by_name      VARCHAR(200),
    decided_at           DATETIME(6),
    store_refund_id      BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT uk_till_refund_key UNIQUE (request_key),
    CONSTRAINT uk_till_refund_done UNIQUE (store_refund_id),
    CONSTRAINT fk_till_refund_payment FOREIGN KEY (payment_id) REFERENCES till_payment (id),
    CONSTRAINT fk_till_refund_store_refund FOREIGN KEY (store_refund_id) REFERENCES store_refund (id),
    CONSTRAINT ck_till_refund_amount CHECK (amount_minor > 0),
    CONSTRAINT ck_till_refund_status CHECK (status IN ('PENDING', 'DONE', 'REJECTED')),
    CONSTRAINT ck_till_refund_done CHECK ((status = 'DONE') = (store_refund_id IS NOT NULL)),
    CONSTRAINT ck_till_refund_two_people CHECK (decided_by_subject IS NULL
        OR decided_by_subject <> requested_by_subject),
    CONSTRAINT ck_till_refund_approved CHECK (needs_approval = FALSE OR status = 'PENDING'
        OR decided_by_subject IS NOT NULL),
    INDEX ix_till_refund_pending (status, payment_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The shopper's receipt by email, for a payment and for a refund at the till.
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS ck_mail_outbox_kind;
ALTER TABLE mail_outbox ADD CONSTRAINT ck_mail_outbox_kind CHECK (kind IN ('REPLACEMENT', 'REDEMPTION',
    'CASE_OPENED', 'CASE_ANSWERED', 'CASE_RESOLVED', 'GIFT', 'GIFT_ADDRESS_CHANGED', 'TILL_RECEIPT', 'TILL_REFUND'));
