-- Support can now lift a shopper's claim-code pause early (back office, account page): the article says so.
UPDATE help_article SET body = REPLACE(body,
    'We can''t lift a pause early, but we can check the card for you.',
    'If you have the card or the gift email to hand, we can check it for you and, where it''s clearly yours, lift the pause early.'),
    last_reviewed = '2026-11-26'
WHERE slug = 'claim-code-locked';
