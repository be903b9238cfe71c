-- E-gift cards: a card with a recipient, sent by email at a chosen time. Staff order gifts one at a time or from a
-- CSV file; an order is checked line by line (a dry run) before anything is issued, and issued in chunks once
-- confirmed (and approved above the limits). Re-runnable (MariaDB's DDL is not transactional), like V10.
CREATE TABLE IF NOT EXISTS gift_order (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    -- Unique: confirming an order twice (double click, two admins) issues it once. Also its cards' batch reference.
    reference          VARCHAR(40)  NOT NULL,
    name               VARCHAR(100) NOT NULL,
    region             VARCHAR(8)   NOT NULL,
    currency           CHAR(3)      NOT NULL,
    -- The time zone the orderer's delivery times are read in.
    sender_zone        VARCHAR(64)  NOT NULL,
    source             VARCHAR(8)   NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    line_count         INT          NOT NULL DEFAULT 0,
    problem_count      INT          NOT NULL DEFAULT 0,
    total_minor        BIGINT       NOT NULL DEFAULT 0,
    issued_count       INT          NOT NULL DEFAULT 0,
    value_request_id   BIGINT,
    created_by_subject VARCHAR(255) NOT NULL,
    created_by_name    VARCHAR(200) NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    issued_at          DATETIME(6),
    -- Whoever issues a chunk claims the order first (a marker with an expiry), like the mail outbox.
    claimed_by         VARCHAR(64),
    claimed_until      DATETIME(6),
    version            BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_gift_order_reference (reference),
    UNIQUE KEY uk_gift_order_request (value_request_id),
    CONSTRAINT ck_gift_order_source CHECK (source IN ('FORM', 'CSV')),
    -- Checked (the dry run's report; waiting to be confirmed, or for a second admin), issuing, issued.
    CONSTRAINT ck_gift_order_status CHECK (status IN ('CHECKED', 'ISSUING', 'ISSUED')),
    CONSTRAINT ck_gift_order_counts CHECK (issued_count >= 0 AND issued_count <= line_count AND problem_count >= 0
        AND total_minor >= 0),
    -- Nothing is requested, let alone issued, while a line has a problem.
    CONSTRAINT ck_gift_order_clean CHECK (status = 'CHECKED' OR problem_count = 0),
    CONSTRAINT ck_gift_order_issued CHECK (status <> 'ISSUED' OR issued_count = line_count),
    INDEX ix_gift_order_status (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The dry run's report: one row per bad line of an uploaded file, as the admin must fix it.
CREATE TABLE IF NOT EXISTS gift_order_problem (
    order_id    BIGINT       NOT NULL,
    line_number INT          NOT NULL,
    problem     VARCHAR(300) NOT NULL,
    PRIMARY KEY (order_id, line_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A gift: who it is for and from, what it says, when it is delivered, and once issued its card. The card's code and
-- the link's token wait encrypted (the code-mail key, the card's id as associated data) while the gift may still be
-- sent or sent again, and are erased when the card is redeemed or cancelled or the retention time ends. The token is
-- otherwise kept only as a hash.
CREATE TABLE IF NOT EXISTS gift (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    order_id          BIGINT       NOT NULL,
    line_number       INT          NOT NULL,
    recipient_name    VARCHAR(100) NOT NULL,
    recipient_email   VARCHAR(254) NOT NULL,
    sender_name       VARCHAR(100) NOT NULL,
    message           VARCHAR(300) NOT NULL DEFAULT '',
    theme             VARCHAR(16)  NOT NULL,
    amount_minor      BIGINT       NOT NULL,
    currency          CHAR(3)      NOT NULL,
    deliver_at        DATETIME(6)  NOT NULL,
    sender_zone       VARCHAR(64)  NOT NULL,
    gift_card_id      BIGINT,
    token_hash        BINARY(32),
    secret_cipher     VARBINARY(160),
    secret_kept_until DATETIME(6),
    -- The latest mail that delivers it (a resend or a corrected address makes a new one).
    mail_id           BIGINT,
    -- The shopper who bought it, when a checkout sold it (see the store API).
    sender_account_id BIGINT,
    created_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_gift_line (order_id, line_number),
    UNIQUE KEY uk_gift_card (gift_card_id),
    UNIQUE KEY uk_gift_token (token_hash),
    CONSTRAINT ck_gift_theme CHECK (theme IN ('BIRTHDAY', 'THANK_YOU', 'CONGRATULATIONS', 'SEASONAL')),
    CONSTRAINT ck_gift_amount CHECK (amount_minor > 0),
    CONSTRAINT ck_gift_message CHECK (CHAR_LENGTH(message) <= 300),
    -- An issued gift has its link; its secrets are kept only with a date they are erased by.
    CONSTRAINT ck_gift_issued CHECK (gift_card_id IS NULL OR token_hash IS NOT NULL),
    CONSTRAINT ck_gift_secret_kept CHECK (secret_cipher IS NULL OR (gift_card_id IS NOT NULL
        AND secret_kept_until IS NOT NULL)),
    INDEX ix_gift_order_card (order_id, gift_card_id),
    INDEX ix_gift_sender (sender_account_id, created_at),
    INDEX ix_gift_secret_kept (secret_kept_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The outbox also writes to addresses that have no account (a gift's recipient, the old address of a corrected
-- one): each mail goes to an account's verified address or to the address it names, never neither.
ALTER TABLE mail_outbox MODIFY COLUMN account_id BIGINT NULL;
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS to_email VARCHAR(254);
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS gift_id BIGINT;
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS ck_mail_outbox_recipient;
ALTER TABLE mail_outbox ADD CONSTRAINT ck_mail_outbox_recipient CHECK (account_id IS NOT NULL OR to_email IS NOT NULL);
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS ck_mail_outbox_kind;
ALTER TABLE mail_outbox ADD CONSTRAINT ck_mail_outbox_kind CHECK (kind IN ('REPLACEMENT', 'REDEMPTION',
    'CASE_OPENED', 'CASE_ANSWERED', 'CASE_RESOLVED', 'GIFT', 'GIFT_ADDRESS_CHANGED'));
CREATE INDEX IF NOT EXISTS ix_mail_outbox_gift ON mail_outbox (gift_id);

-- Gifts are value like cards: ordered through the two-person rule.
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_kind;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_kind CHECK (kind IN ('ADJUSTMENT', 'ISSUE', 'ACTIVATE',
    'REPLACE', 'GIFTS'));
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_gifts;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_gifts CHECK (kind <> 'GIFTS' OR (batch_reference IS NOT NULL
    AND region IS NOT NULL AND card_count > 0));
