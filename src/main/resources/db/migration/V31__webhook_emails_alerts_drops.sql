-- Webhooks, the rest of issue 29: shoppers' email addresses only for endpoints allowed them, the admins told when an
-- endpoint is paused for failing, and deliveries dropped after the retention counted per endpoint.

-- The address an event concerns (the shopper's, or a gift's recipient's), kept only when an endpoint that hears the
-- event may receive addresses; added to the data sent to those endpoints alone. Forgotten with the event.
ALTER TABLE webhook_event ADD COLUMN IF NOT EXISTS email VARCHAR(320);

-- Who hears of it when the portal pauses an endpoint that keeps failing; and how many of its deliveries were dropped.
ALTER TABLE webhook_endpoint
    ADD COLUMN IF NOT EXISTS contact_email VARCHAR(320) NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS dropped_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE webhook_endpoint DROP CONSTRAINT IF EXISTS ck_webhook_endpoint_dropped;
ALTER TABLE webhook_endpoint ADD CONSTRAINT ck_webhook_endpoint_dropped CHECK (dropped_count >= 0);

-- Old events and their finished deliveries are forgotten after a while (housekeeping): found by their age.
CREATE INDEX IF NOT EXISTS ix_webhook_delivery_event ON webhook_delivery (event_id, status);

-- The mail to an endpoint's contact that the portal paused it.
ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS webhook_endpoint_id BIGINT;
ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS ck_mail_outbox_kind;
ALTER TABLE mail_outbox ADD CONSTRAINT ck_mail_outbox_kind CHECK (kind IN ('REPLACEMENT', 'REDEMPTION',
    'CASE_OPENED', 'CASE_ANSWERED', 'CASE_RESOLVED', 'GIFT', 'GIFT_ADDRESS_CHANGED', 'TILL_RECEIPT', 'TILL_REFUND',
    'DORMANCY_REMINDER', 'EXPIRY_REMINDER', 'WEBHOOK_PAUSED'));
