-- Staff actions that create or move value (balance adjustments, issuing cards, activating them, replacing a lost
-- card), each as a request: done at once within its requester's limits, or waiting for a second admin. Re-runnable
-- (MariaDB's DDL is not transactional), like V10.
CREATE TABLE IF NOT EXISTS value_request (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    kind                 VARCHAR(16)   NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    -- The value the action creates or moves, always positive: what the limits count.
    currency             CHAR(3)       NOT NULL,
    amount_minor         BIGINT        NOT NULL,
    summary              VARCHAR(300)  NOT NULL,
    reason               VARCHAR(500)  NOT NULL,
    -- The form that asked: the same form sent twice asks once.
    request_key          VARCHAR(64)   NOT NULL,
    -- What the action works on, by kind.
    account_id           BIGINT,
    signed_amount_minor  BIGINT,
    shopper_text         VARCHAR(120),
    case_reference       VARCHAR(32),
    card_id              BIGINT,
    card_version         BIGINT,
    batch_reference      VARCHAR(40),
    batch_name           VARCHAR(100),
    region               VARCHAR(8),
    card_value_minor     BIGINT,
    card_count           INT,
    physical             BOOLEAN,
    -- Who asked and who decided; a request above the limits is decided by a second admin.
    requested_by_subject VARCHAR(255)  NOT NULL,
    requested_by_name    VARCHAR(200)  NOT NULL,
    requested_at         DATETIME(6)   NOT NULL,
    needs_approval       BOOLEAN       NOT NULL,
    decided_by_subject   VARCHAR(255),
    decided_by_name      VARCHAR(200),
    decided_at           DATETIME(6),
    decision_note        VARCHAR(500),
    outcome              VARCHAR(1000),
    version              BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_value_request_key (request_key),
    CONSTRAINT ck_value_request_kind CHECK (kind IN ('ADJUSTMENT', 'ISSUE', 'ACTIVATE', 'REPLACE')),
    CONSTRAINT ck_value_request_status CHECK (status IN ('PENDING', 'DONE', 'REJECTED', 'FAILED')),
    CONSTRAINT ck_value_request_amount CHECK (amount_minor > 0),
    -- Two people: whoever decides is never whoever asked, and a request over the limits is done only once decided.
    CONSTRAINT ck_value_request_two_people CHECK (decided_by_subject IS NULL
        OR decided_by_subject <> requested_by_subject),
    CONSTRAINT ck_value_request_approved CHECK (needs_approval = FALSE OR status = 'PENDING'
        OR decided_by_subject IS NOT NULL),
    CONSTRAINT ck_value_request_adjustment CHECK (kind <> 'ADJUSTMENT' OR (account_id IS NOT NULL
        AND signed_amount_minor <> 0 AND ABS(signed_amount_minor) = amount_minor AND case_reference IS NOT NULL
        AND shopper_text IS NOT NULL)),
    CONSTRAINT ck_value_request_issue CHECK (kind <> 'ISSUE' OR (card_count > 0 AND card_value_minor > 0
        AND card_count * card_value_minor = amount_minor AND batch_reference IS NOT NULL AND region IS NOT NULL)),
    INDEX ix_value_request_status (status, requested_at),
    INDEX ix_value_request_requester (requested_by_subject, currency, requested_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per member of staff and currency, locked while a request of theirs is counted against their daily limit:
-- two of their requests at once (two tabs, two instances) are counted one after the other.
CREATE TABLE IF NOT EXISTS value_guard (
    subject    VARCHAR(255) NOT NULL,
    currency   CHAR(3)      NOT NULL,
    touched_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (subject, currency)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Batches of cards issued by the back office: a name, what they are worth, and whether they are physical (issued
-- unsold, activated when sold) or sent online (active at once). One batch per request.
CREATE TABLE IF NOT EXISTS card_batch (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    reference         VARCHAR(40)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    region            VARCHAR(8)   NOT NULL,
    currency          CHAR(3)      NOT NULL,
    card_value_minor  BIGINT       NOT NULL,
    card_count        INT          NOT NULL,
    physical          BOOLEAN      NOT NULL,
    value_request_id  BIGINT       NOT NULL,
    issued_by_subject VARCHAR(255) NOT NULL,
    issued_by_name    VARCHAR(200) NOT NULL,
    issued_at         DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_card_batch_reference (reference),
    UNIQUE KEY uk_card_batch_request (value_request_id),
    CONSTRAINT ck_card_batch_value CHECK (card_value_minor > 0 AND card_count > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX IF NOT EXISTS ix_gift_card_batch ON gift_card (batch_reference, status);

-- A replaced card points at its replacement and back; each card is replaced at most once, and only a cancelled card
-- has a replacement (money check 4: no card's value counts twice).
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS replaces_card_id BIGINT;
ALTER TABLE gift_card ADD COLUMN IF NOT EXISTS replaced_by_card_id BIGINT;
ALTER TABLE gift_card ADD UNIQUE KEY IF NOT EXISTS uk_gift_card_replaces (replaces_card_id);
ALTER TABLE gift_card ADD UNIQUE KEY IF NOT EXISTS uk_gift_card_replaced_by (replaced_by_card_id);
ALTER TABLE gift_card DROP CONSTRAINT IF EXISTS ck_gift_card_replaced_is_cancelled;
ALTER TABLE gift_card ADD CONSTRAINT ck_gift_card_replaced_is_cancelled
    CHECK (replaced_by_card_id IS NULL OR status = 'CANCELLED');

-- The outbox of every email the portal sends: written in the transaction of the change it reports, as a reference to
-- what to send (the kind, the shopper it goes to, the rows it reports on), rendered from those rows when it is sent.
-- A mail that carries a claim code (a replacement card's, later a gift's) keeps it encrypted (AES-GCM, a key of its
-- own) only until it is sent, then erased: a code that never reached its shopper is not lost.
CREATE TABLE IF NOT EXISTS mail_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    kind            VARCHAR(32)   NOT NULL,
    account_id      BIGINT        NOT NULL,
    gift_card_id    BIGINT,
    support_case_id BIGINT,
    case_message_id BIGINT,
    ledger_entry_id BIGINT,
    case_reference  VARCHAR(32),
    code_cipher     VARBINARY(128),
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)   NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   DATETIME(6),
    last_error      VARCHAR(300),
    created_at      DATETIME(6)   NOT NULL,
    sent_at         DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT ck_mail_outbox_kind
        CHECK (kind IN ('REPLACEMENT', 'REDEMPTION', 'CASE_OPENED', 'CASE_ANSWERED', 'CASE_RESOLVED')),
    CONSTRAINT ck_mail_outbox_status CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'VOID')),
    -- Sent or void: the code is gone.
    CONSTRAINT ck_mail_outbox_erased CHECK (status IN ('PENDING', 'FAILED') OR code_cipher IS NULL),
    -- A code belongs to a card: it is encrypted with the card's id as associated data.
    CONSTRAINT ck_mail_outbox_code_card CHECK (code_cipher IS NULL OR gift_card_id IS NOT NULL),
    INDEX ix_mail_outbox_due (status, next_attempt_at),
    INDEX ix_mail_outbox_card (gift_card_id),
    INDEX ix_mail_outbox_account (account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
