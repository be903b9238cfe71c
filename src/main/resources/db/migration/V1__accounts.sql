-- One row per shopper, keyed by the OpenID Connect subject of the identity provider.
-- The region (and with it the currency of the balance) is fixed when the account is first provisioned.
CREATE TABLE account (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    subject      VARCHAR(255) NOT NULL,
    email        VARCHAR(320),
    display_name VARCHAR(200) NOT NULL,
    region       VARCHAR(2)   NOT NULL,
    currency     VARCHAR(3)   NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_account_subject UNIQUE (subject),
    INDEX ix_account_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
