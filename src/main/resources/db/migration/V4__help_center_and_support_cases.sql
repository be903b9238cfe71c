-- Help articles: one row per slug for every region, plus a row per region where the facts differ
-- (region NULL is the general version). Text uses {{placeholders}} filled from configuration (brand, contacts).
CREATE TABLE help_article (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    slug          VARCHAR(80)  NOT NULL,
    region        VARCHAR(2),
    region_key    VARCHAR(2)   AS (COALESCE(region, '*')) PERSISTENT,
    category      VARCHAR(20)  NOT NULL,
    task          VARCHAR(40)  NOT NULL,
    title         VARCHAR(160) NOT NULL,
    summary       VARCHAR(400) NOT NULL,
    body          TEXT         NOT NULL,
    sort_order    INT          NOT NULL,
    last_reviewed DATE         NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_help_article_slug_region UNIQUE (slug, region_key),
    CONSTRAINT ck_help_article_category CHECK (category IN ('TROUBLESHOOTING', 'FAQ', 'GUIDE')),
    FULLTEXT INDEX ft_help_article (title, summary, body)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- "Did this solve your problem?", counted per article.
CREATE TABLE help_feedback (
    slug      VARCHAR(80) NOT NULL,
    solved    BIGINT      NOT NULL DEFAULT 0,
    unsolved  BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Support cases a shopper opens; support staff work them in the back office.
CREATE TABLE support_case (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    reference               VARCHAR(16)  NOT NULL,
    account_id              BIGINT       NOT NULL,
    topic                   VARCHAR(32)  NOT NULL,
    status                  VARCHAR(24)  NOT NULL,
    card_code_hash          BINARY(32),
    card_last4              VARCHAR(4),
    order_number            VARCHAR(64),
    description             TEXT         NOT NULL,
    assigned_to             VARCHAR(255),
    created_at              DATETIME(6)  NOT NULL,
    updated_at              DATETIME(6)  NOT NULL,
    escalated_at            DATETIME(6),
    resolved_at             DATETIME(6),
    version                 BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_support_case_reference UNIQUE (reference),
    CONSTRAINT fk_support_case_account FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT ck_support_case_status CHECK (status IN ('OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'ESCALATED')),
    INDEX ix_support_case_account (account_id, created_at),
    INDEX ix_support_case_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE support_case_message (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    case_id     BIGINT       NOT NULL,
    author_role VARCHAR(16)  NOT NULL,
    author_name VARCHAR(200) NOT NULL,
    body        TEXT         NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_support_case_message_case FOREIGN KEY (case_id) REFERENCES support_case (id),
    CONSTRAINT ck_support_case_message_role CHECK (author_role IN ('CUSTOMER', 'SUPPORT', 'SYSTEM')),
    INDEX ix_support_case_message_case (case_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Receipts and screenshots: kept in the database, served only to the case owner and support staff.
CREATE TABLE support_case_attachment (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    case_id      BIGINT       NOT NULL,
    file_name    VARCHAR(200) NOT NULL,
    content_type VARCHAR(40)  NOT NULL,
    size_bytes   INT          NOT NULL,
    sha256       BINARY(32)   NOT NULL,
    content      LONGBLOB     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_support_case_attachment_case FOREIGN KEY (case_id) REFERENCES support_case (id),
    CONSTRAINT ck_support_case_attachment_type CHECK (content_type IN ('image/png', 'image/jpeg', 'application/pdf')),
    CONSTRAINT ck_support_case_attachment_size CHECK (size_bytes > 0 AND size_bytes <= 5242880),
    INDEX ix_support_case_attachment_case (case_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
