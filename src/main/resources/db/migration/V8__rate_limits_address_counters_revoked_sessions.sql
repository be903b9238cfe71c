-- Request budgets shared by every portal instance: one row per rule and account or client address, holding the
-- bucket's theoretical arrival time in microseconds since the epoch (the generic cell rate algorithm).
CREATE TABLE rate_limit (
    bucket     VARCHAR(320) NOT NULL,
    tat_micros BIGINT       NOT NULL,
    PRIMARY KEY (bucket),
    INDEX ix_rate_limit_tat (tat_micros)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A client address counts its failed code look-ups in its own row (a guarded counter in a window that starts at its
-- first failure), no longer as rows of claim_failure: those now count accounts only.
ALTER TABLE claim_guard
    ADD COLUMN failures          INT         NOT NULL DEFAULT 0,
    ADD COLUMN window_started_at DATETIME(6),
    ADD CONSTRAINT ck_claim_guard_failures CHECK (failures >= 0);

DELETE FROM claim_failure WHERE scope_key LIKE 'address:%';

-- When retries run out, a redeem request is looked up by its request id before the shopper is told anything.
CREATE INDEX ix_ledger_entry_request ON ledger_entry (account_id, request_id);

-- Signed-out sessions, refused by every instance until their cookies could no longer be valid anyway.
CREATE TABLE revoked_session (
    session_key  VARCHAR(320) NOT NULL,
    revoked_at   DATETIME(6)  NOT NULL,
    forget_after DATETIME(6)  NOT NULL,
    PRIMARY KEY (session_key),
    INDEX ix_revoked_session_forget (forget_after)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Whether the identity provider verified the account's email: mail goes only to verified addresses. Accounts made
-- before this column start unverified; their next sign-in brings the provider's answer.
ALTER TABLE account ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE AFTER email;

-- Attachment bytes move out of the database into a store every instance mounts (support.AttachmentStore): a row
-- names its file; rows from before keep their bytes here until the portal has moved them (support.AttachmentMover).
ALTER TABLE support_case_attachment
    ADD COLUMN storage_key VARCHAR(64) AFTER sha256,
    MODIFY COLUMN content LONGBLOB NULL,
    ADD CONSTRAINT ck_support_case_attachment_stored CHECK (storage_key IS NOT NULL OR content IS NOT NULL);

-- The form submission that opened a case or wrote a message: the same form sent twice is stored once.
ALTER TABLE support_case
    ADD COLUMN request_id VARCHAR(36),
    ADD CONSTRAINT uk_support_case_request UNIQUE (account_id, request_id);
ALTER TABLE support_case_message
    ADD COLUMN request_id VARCHAR(36),
    ADD CONSTRAINT uk_support_case_message_request UNIQUE (case_id, request_id);

-- A day's attachment bytes per account are summed at every new case.
CREATE INDEX ix_support_case_attachment_created ON support_case_attachment (case_id, created_at);
