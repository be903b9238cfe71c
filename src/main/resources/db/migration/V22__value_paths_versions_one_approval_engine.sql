-- Every value path as safe as redeeming (issue 23).

-- Rows that hold money or a money state carry a version: a copy read before someone else's change can't write over
-- it (its update finds no row of its version) and can't be locked as if it were current.
ALTER TABLE account ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE store_hold ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE store_capture ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE till_payment ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE card_activation ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;

-- One approval engine: the till's refunds (and card sales above a cashier's daily limit) are value requests too,
-- decided at the desk they were asked at (the back office, or one store's till) by a second person of that desk.
-- A request can be withdrawn by whoever asked, before anyone decided it.
ALTER TABLE value_request
    ADD COLUMN IF NOT EXISTS desk VARCHAR(50) NOT NULL DEFAULT 'backoffice',
    ADD COLUMN IF NOT EXISTS till_payment_id BIGINT,
    ADD COLUMN IF NOT EXISTS gift_id BIGINT,
    ADD COLUMN IF NOT EXISTS new_address VARCHAR(320),
    ADD COLUMN IF NOT EXISTS sale_reference VARCHAR(100);
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_kind;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_kind CHECK (kind IN ('ADJUSTMENT', 'ISSUE', 'ACTIVATE',
    'REPLACE', 'GIFTS', 'GIFT_ADDRESS', 'TILL_REFUND', 'TILL_ACTIVATION'));
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_status;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_status CHECK (status IN ('PENDING', 'DONE', 'REJECTED',
    'FAILED', 'WITHDRAWN'));
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_approved;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_approved CHECK (needs_approval = FALSE
    OR status IN ('PENDING', 'WITHDRAWN') OR decided_by_subject IS NOT NULL);
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_desk;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_desk CHECK ((kind IN ('TILL_REFUND', 'TILL_ACTIVATION'))
    = (desk LIKE 'till:%') AND (desk = 'backoffice' OR desk LIKE 'till:%'));
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_till_refund;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_till_refund CHECK (kind <> 'TILL_REFUND'
    OR till_payment_id IS NOT NULL);
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_till_activation;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_till_activation CHECK (kind <> 'TILL_ACTIVATION'
    OR (card_id IS NOT NULL AND sale_reference IS NOT NULL));
ALTER TABLE value_request DROP CONSTRAINT IF EXISTS ck_value_request_gift_address;
ALTER TABLE value_request ADD CONSTRAINT ck_value_request_gift_address CHECK (kind <> 'GIFT_ADDRESS'
    OR (gift_id IS NOT NULL AND new_address IS NOT NULL));
ALTER TABLE value_request DROP FOREIGN KEY IF EXISTS fk_value_request_till_payment;
ALTER TABLE value_request ADD CONSTRAINT fk_value_request_till_payment FOREIGN KEY (till_payment_id)
    REFERENCES till_payment (id);
CREATE INDEX IF NOT EXISTS ix_value_request_desk ON value_request (desk, status, requested_at);

ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS ck_audit_log_outcome;
ALTER TABLE audit_log ADD CONSTRAINT ck_audit_log_outcome CHECK (outcome IN ('DONE', 'REFUSED', 'REQUESTED',
    'APPROVED', 'REJECTED', 'WITHDRAWN'));

-- A refund that carried out an approved request names it: one refund per request, whatever two approvals do.
ALTER TABLE store_refund ADD COLUMN IF NOT EXISTS value_request_id BIGINT;
ALTER TABLE store_refund DROP CONSTRAINT IF EXISTS uk_store_refund_request;
ALTER TABLE store_refund ADD CONSTRAINT uk_store_refund_request UNIQUE (value_request_id);
ALTER TABLE store_refund DROP FOREIGN KEY IF EXISTS fk_store_refund_request;
ALTER TABLE store_refund ADD CONSTRAINT fk_store_refund_request FOREIGN KEY (value_request_id)
    REFERENCES value_request (id);

-- The till's refunds so far become value requests (the payment's currency and account; the same key, people,
-- times and outcome), and their refunds name them.
INSERT INTO value_request (kind, status, currency, amount_minor, summary, reason, request_key, desk, till_payment_id,
                           account_id, requested_by_subject, requested_by_name, requested_at, needs_approval,
                           decided_by_subject, decided_by_name, decided_at, outcome)
SELECT 'TILL_REFUND', r.status, p.currency, r.amount_minor, CONCAT('Refund of receipt ', p.reference), r.reason,
       r.request_key, CONCAT('till:', p.store_code), p.id, p.account_id, r.requested_by_subject, r.requested_by_name,
       r.requested_at, r.needs_approval, r.decided_by_subject, r.decided_by_name, r.decided_at,
       CASE r.status WHEN 'DONE' THEN 'refunded' WHEN 'REJECTED' THEN 'turned down' END
FROM till_refund r JOIN till_payment p ON p.id = r.payment_id
WHERE NOT EXISTS (SELECT 1 FROM value_request v WHERE v.request_key = r.request_key);
UPDATE store_refund s
    JOIN till_refund r ON r.store_refund_id = s.id
    JOIN value_request v ON v.request_key = r.request_key
SET s.value_request_id = v.id;

DROP TABLE IF EXISTS till_refund;
