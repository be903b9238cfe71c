-- A card is credited at most once: no two ledger entries refer to the same card (only redemptions refer to one).
-- This replaces the unique key on (account, request id), which turned a redeem form used again for a second card
-- (Back, new code, submit) into an error. The request id now only tells a form sent twice for the same card.
ALTER TABLE ledger_entry
    ADD CONSTRAINT uk_ledger_entry_card UNIQUE (gift_card_id),
    DROP INDEX uk_ledger_entry_request;
