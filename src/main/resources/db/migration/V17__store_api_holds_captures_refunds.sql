-- The store API: the checkout holds part of a balance, captures it as a purchase, voids it or refunds a capture.
-- Money rules live here as well as in Java: a hold never makes the available balance negative, a hold is captured
-- at most once, and the refunds of a capture never exceed it.

-- What active holds keep aside. Available = balance - held, never below zero: a purchase, a staff debit or a new hold
-- that would take held money is refused by this CHECK whatever the code above it does.
ALTER TABLE account
    ADD COLUMN held_minor BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT ck_account_held CHECK (held_minor >= 0 AND held_minor <= balance_minor);

-- Machine category codes: the store maps its own taxonomy onto these to say which line items a balance can't pay.
-- The shopper's /restrictions page is written from the same rows.
ALTER TABLE restricted_category ADD COLUMN code VARCHAR(40);
UPDATE restricted_category SET code = CASE name
    WHEN 'Other gift cards' THEN 'gift-cards'
    WHEN 'Membership fees' THEN 'memberships'
    WHEN 'Some digital subscriptions' THEN 'third-party-subscriptions'
    WHEN 'Items sold by other sellers outside our checkout' THEN 'external-sellers'
    WHEN 'Lottery and gambling products' THEN 'lottery-gambling'
    WHEN 'Gold and silver coins and bars' THEN 'bullion'
    WHEN 'Bill payments and recharges' THEN 'bill-payments'
    ELSE CONCAT('category-', id) END;
ALTER TABLE restricted_category
    MODIFY code VARCHAR(40) NOT NULL,
    ADD CONSTRAINT uk_restricted_category_code UNIQUE (region, code),
    ADD CONSTRAINT ck_restricted_category_code CHECK (code REGEXP '^[a-z0-9][a-z0-9-]*$');

CREATE TABLE store_hold (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    account_id       BIGINT       NOT NULL,
    client_id        VARCHAR(255) NOT NULL,
    order_reference  VARCHAR(100) NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    requested_minor  BIGINT       NOT NULL,
    amount_minor     BIGINT       NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    expires_at       DATETIME(6)  NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    ended_at         DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT fk_store_hold_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_store_hold_amount CHECK (amount_minor > 0 AND amount_minor <= requested_minor),
    CONSTRAINT ck_store_hold_status CHECK (status IN ('ACTIVE', 'CAPTURED', 'VOIDED', 'EXPIRED')),
    CONSTRAINT ck_store_hold_ended CHECK ((status = 'ACTIVE') = (ended_at IS NULL)),
    INDEX ix_store_hold_expiry (status, expires_at),
    INDEX ix_store_hold_account (account_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A capture turns (part of) a hold into a purchase entry; one per hold, enforced by its unique key.
CREATE TABLE store_capture (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    hold_id         BIGINT      NOT NULL,
    account_id      BIGINT      NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    refunded_minor  BIGINT      NOT NULL DEFAULT 0,
    currency        VARCHAR(3)  NOT NULL,
    ledger_entry_id BIGINT      NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_store_capture_hold UNIQUE (hold_id),
    CONSTRAINT uk_store_capture_entry UNIQUE (ledger_entry_id),
    CONSTRAINT fk_store_capture_hold FOREIGN KEY (hold_id) REFERENCES store_hold (id),
    CONSTRAINT fk_store_capture_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT fk_store_capture_entry FOREIGN KEY (ledger_entry_id) REFERENCES ledger_entry (id),
    CONSTRAINT ck_store_capture_amount CHECK (amount_minor > 0),
    CONSTRAINT ck_store_capture_refunded CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE store_refund (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    capture_id      BIGINT      NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    ledger_entry_id BIGINT      NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_store_refund_entry UNIQUE (ledger_entry_id),
    CONSTRAINT fk_store_refund_capture FOREIGN KEY (capture_id) REFERENCES store_capture (id),
    CONSTRAINT fk_store_refund_entry FOREIGN KEY (ledger_entry_id) REFERENCES ledger_entry (id),
    CONSTRAINT ck_store_refund_amount CHECK (amount_minor > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Idempotency keys, per API client: the first request with a key inserts its row and, in the same transaction, does
-- the work and stores its answer; a concurrent request with the same key waits on the row's key and then replays it.
CREATE TABLE api_idempotency (
    client_id       VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    BINARY(32)   NOT NULL,
    request_line    VARCHAR(300) NOT NULL,
    response_status INT          NOT NULL,
    response_body   MEDIUMTEXT   NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (client_id, idempotency_key),
    INDEX ix_api_idempotency_age (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A till sold a physical card: the card goes from unsold (ISSUED) to ACTIVE, and back if the sale is cancelled while
-- the card is unredeemed. One activation in force per card, whatever two tills do at once.
CREATE TABLE card_activation (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    gift_card_id    BIGINT       NOT NULL,
    client_id       VARCHAR(255) NOT NULL,
    store_reference VARCHAR(100) NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    currency        VARCHAR(3)   NOT NULL,
    status          VARCHAR(8)   NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    voided_at       DATETIME(6),
    in_force_card_id BIGINT AS (CASE WHEN status = 'ACTIVE' THEN gift_card_id END) STORED,
    PRIMARY KEY (id),
    CONSTRAINT fk_card_activation_card FOREIGN KEY (gift_card_id) REFERENCES gift_card (id),
    CONSTRAINT uk_card_activation_in_force UNIQUE (in_force_card_id),
    CONSTRAINT ck_card_activation_status CHECK (status IN ('ACTIVE', 'VOIDED')),
    CONSTRAINT ck_card_activation_voided CHECK ((status = 'VOIDED') = (voided_at IS NOT NULL)),
    CONSTRAINT ck_card_activation_amount CHECK (amount_minor > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- E-gift cards sold by the store's checkout: an order from the store, paid by the shopper, so it needs no second
-- admin; one per store order reference and client; cancelled when the store refunds the buyer. Its buyer (an OIDC
-- subject) sees the gifts under "Gifts you sent", even before their first visit to the portal.
ALTER TABLE gift_order DROP CONSTRAINT ck_gift_order_source;
ALTER TABLE gift_order ADD CONSTRAINT ck_gift_order_source CHECK (source IN ('FORM', 'CSV', 'STORE'));
ALTER TABLE gift_order DROP CONSTRAINT ck_gift_order_status;
ALTER TABLE gift_order ADD CONSTRAINT ck_gift_order_status CHECK (status IN ('CHECKED', 'ISSUING', 'ISSUED',
    'CANCELLED'));
ALTER TABLE gift_order
    ADD COLUMN client_id VARCHAR(255),
    ADD COLUMN store_order_reference VARCHAR(100),
    ADD COLUMN buyer_subject VARCHAR(255),
    ADD COLUMN cancelled_at DATETIME(6),
    ADD CONSTRAINT uk_gift_order_store UNIQUE (client_id, store_order_reference),
    ADD CONSTRAINT ck_gift_order_store CHECK ((source = 'STORE') = (store_order_reference IS NOT NULL)),
    ADD INDEX ix_gift_order_buyer (buyer_subject);
