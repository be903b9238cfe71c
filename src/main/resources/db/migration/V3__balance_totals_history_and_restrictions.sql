-- Running totals next to the balance, so the balance page costs the same whatever the length of the history.
ALTER TABLE account
    ADD COLUMN total_redeemed_minor BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN total_spent_minor    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN last_activity_at     DATETIME(6);

UPDATE account a SET
    total_redeemed_minor = (SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entry e
                            WHERE e.account_id = a.id AND e.entry_type = 'REDEMPTION'),
    total_spent_minor    = (SELECT COALESCE(-SUM(e.amount_minor), 0) FROM ledger_entry e
                            WHERE e.account_id = a.id AND e.entry_type IN ('PURCHASE', 'REFUND')),
    last_activity_at     = (SELECT MAX(e.created_at) FROM ledger_entry e WHERE e.account_id = a.id);

-- What an entry refers to outside the portal: the store's order number of a purchase or refund.
ALTER TABLE ledger_entry ADD COLUMN reference VARCHAR(64);

-- History filtered by type, newest first, in pages (keyset on created_at, id).
CREATE INDEX ix_ledger_entry_history_by_type ON ledger_entry (account_id, entry_type, created_at, id);

-- What a balance can't buy, per region: held here so it changes without a release.
CREATE TABLE restricted_category (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    region      VARCHAR(2)   NOT NULL,
    name        VARCHAR(120) NOT NULL,
    explanation VARCHAR(400) NOT NULL,
    sort_order  INT          NOT NULL,
    PRIMARY KEY (id),
    INDEX ix_restricted_category_region (region, sort_order)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO restricted_category (region, name, explanation, sort_order) VALUES
('US', 'Other gift cards', 'Gift cards, e-gift cards and prepaid cards, ours or other brands''. A balance can''t be turned into another card.', 1),
('US', 'Membership fees', 'Paid memberships of the store, such as annual delivery or member-price programmes.', 2),
('US', 'Some digital subscriptions', 'Streaming, audiobook and app subscriptions billed by another company, even when sold through our store.', 3),
('US', 'Items sold by other sellers outside our checkout', 'Orders you pay on another seller''s own website or app.', 4),
('GB', 'Other gift cards', 'Gift cards, e-gift cards and prepaid cards, ours or other brands''. A balance can''t be turned into another card.', 1),
('GB', 'Membership fees', 'Paid memberships of the store, such as annual delivery or member-price programmes.', 2),
('GB', 'Some digital subscriptions', 'Streaming, audiobook and app subscriptions billed by another company, even when sold through our store.', 3),
('GB', 'Lottery and gambling products', 'Scratch cards, lottery tickets and betting credits.', 4),
('IN', 'Other gift cards', 'Gift cards, e-gift vouchers and prepaid cards, ours or other brands''. A balance can''t be turned into another card.', 1),
('IN', 'Membership fees', 'Paid memberships of the store, such as annual delivery or member-price programmes.', 2),
('IN', 'Some digital subscriptions', 'Streaming, audiobook and app subscriptions billed by another company, even when sold through our store.', 3),
('IN', 'Gold and silver coins and bars', 'Bullion and coins sold as investments.', 4),
('IN', 'Bill payments and recharges', 'Mobile recharges, utility bills and other payments made on someone else''s behalf.', 5);
