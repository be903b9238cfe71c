-- Webhooks (issue 29): the retailer's systems told what happened, signed as the Standard Webhooks specification says,
-- delivered at least once through an outbox.

-- An endpoint of one API client (its Keycloak client id): where to send, which event types, enabled or paused. Its
-- signing secret is kept encrypted (portal.webhooks.key); while a rotation overlaps, the previous one signs too.
CREATE TABLE IF NOT EXISTS webhook_endpoint (
    id                     BIGINT        NOT NULL AUTO_INCREMENT,
    client_id              VARCHAR(255)  NOT NULL,
    url                    VARCHAR(2000) NOT NULL,
    event_types            VARCHAR(2000) NOT NULL,
    status                 VARCHAR(8)    NOT NULL,
    paused_reason          VARCHAR(300),
    allow_email            BOOLEAN       NOT NULL DEFAULT FALSE,
    secret_cipher          VARBINARY(256) NOT NULL,
    previous_secret_cipher VARBINARY(256),
    previous_valid_until   DATETIME(6),
    failing_since          DATETIME(6),
    created_by_subject     VARCHAR(255)  NOT NULL,
    created_at             DATETIME(6)   NOT NULL,
    updated_at             DATETIME(6)   NOT NULL,
    version                BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT ck_webhook_endpoint_status CHECK (status IN ('ENABLED', 'PAUSED')),
    CONSTRAINT ck_webhook_endpoint_paused CHECK ((status = 'PAUSED') = (paused_reason IS NOT NULL)),
    CONSTRAINT ck_webhook_endpoint_previous CHECK ((previous_secret_cipher IS NULL) = (previous_valid_until IS NULL)),
    INDEX ix_webhook_endpoint_client (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What happened, once: written in the transaction of the change it reports. Its public id is the webhook-id every
-- delivery of it carries, so a receiver can drop a repeat.
CREATE TABLE IF NOT EXISTS webhook_event (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    public_id   CHAR(30)    NOT NULL,
    type        VARCHAR(48) NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    account_id  BIGINT,
    payload     MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_webhook_event_public UNIQUE (public_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Old events are forgotten by time (once every delivery of them is done or dropped).
CREATE INDEX IF NOT EXISTS ix_webhook_event_occurred ON webhook_event (occurred_at);

-- One event to one endpoint: sent in order per (endpoint, ordering key: the account, or the card), retried with
-- growing pauses, claimed by one instance at a time. The unique key keeps one delivery per event and endpoint.
CREATE TABLE IF NOT EXISTS webhook_delivery (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    endpoint_id      BIGINT       NOT NULL,
    event_id         BIGINT       NOT NULL,
    ordering_key     VARCHAR(40)  NOT NULL,
    status           VARCHAR(8)   NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)  NOT NULL,
    claimed_by       VARCHAR(64),
    claimed_until    DATETIME(6),
    last_status_code INT,
    last_error       VARCHAR(500),
    sent_at          DATETIME(6),
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_webhook_delivery_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoint (id),
    CONSTRAINT fk_webhook_delivery_event FOREIGN KEY (event_id) REFERENCES webhook_event (id),
    CONSTRAINT uk_webhook_delivery UNIQUE (endpoint_id, event_id),
    CONSTRAINT ck_webhook_delivery_status CHECK (status IN ('PENDING', 'SENT', 'DROPPED')),
    CONSTRAINT ck_webhook_delivery_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
    INDEX ix_webhook_delivery_due (status, next_attempt_at),
    INDEX ix_webhook_delivery_order (endpoint_id, ordering_key, status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Staff's changes of endpoints are audited like everything else.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS ck_audit_log_target;
ALTER TABLE audit_log ADD CONSTRAINT ck_audit_log_target CHECK (target_type IN ('CARD', 'ACCOUNT', 'CASE', 'BATCH',
    'APPROVAL', 'WEBHOOK'));
