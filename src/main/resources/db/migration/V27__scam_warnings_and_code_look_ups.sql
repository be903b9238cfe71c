-- Scam warnings (issue 27): a code a shopper looks up on the card check page is remembered for a while, as the card's
-- keyed code hash and the account, so that another account typing it minutes later can be warned first; and which
-- warnings a signed-in session has seen (and continued past), so each is shown at most once per session.
CREATE TABLE IF NOT EXISTS code_look_up (
    code_hash     BINARY(32)  NOT NULL,
    account_id    BIGINT      NOT NULL,
    looked_up_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (code_hash, account_id),
    INDEX ix_code_look_up_at (looked_up_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS scam_warning (
    session_key  CHAR(64)    NOT NULL,
    rule         VARCHAR(32) NOT NULL,
    shown_at     DATETIME(6) NOT NULL,
    continued_at DATETIME(6),
    PRIMARY KEY (session_key, rule),
    INDEX ix_scam_warning_shown (shown_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
