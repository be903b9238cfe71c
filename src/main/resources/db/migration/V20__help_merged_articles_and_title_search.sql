-- Three questions were answered twice, once as a troubleshooting article and once as a shorter FAQ: a shopper
-- searching found both and had to read both. Each pair becomes one article; the FAQ's address keeps working and
-- leads to the merged article.
CREATE TABLE help_article_moved (
    old_slug VARCHAR(80) NOT NULL,
    new_slug VARCHAR(80) NOT NULL,
    PRIMARY KEY (old_slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO help_article_moved (old_slug, new_slug) VALUES
    ('lost-or-stolen-faq', 'lost-or-stolen-card'),
    ('different-country-or-currency', 'region-restrictions'),
    ('code-not-working', 'invalid-code');

-- The FAQ's short answers, in the merged articles' own words, at the top.
UPDATE help_article SET
    title = 'Lost, stolen, on hold or cancelled cards',
    summary = 'Report a lost or stolen card before anyone redeems it: we put it on hold at once, then replace it.',
    body = CONCAT('**In short:** report it as soon as you can. A card nobody has redeemed yet is put on hold at once,',
        ' and replaced once the purchase is confirmed. A card you already redeemed costs you nothing if it is lost:',
        ' its value is in your balance.\n\n', body),
    last_reviewed = '2026-11-27'
WHERE slug = 'lost-or-stolen-card' AND region IS NULL;

UPDATE help_article SET
    title = 'Cards from other countries and currencies',
    body = CONCAT('**In short:** a card works only in the region it was sold for, and a balance is spent only on',
        ' that region''s store, in its currency ({{currency}} for {{regionName}}). Nothing is converted.\n\n', body),
    last_reviewed = '2026-11-27'
WHERE slug = 'region-restrictions' AND region IS NULL;

-- Its example code had a B, which the same article says codes never contain.
UPDATE help_article SET
    title = 'My claim code doesn''t work',
    body = CONCAT(REPLACE(body, 'ABCD-EFGHJK-MNPQR', 'ACDE-FGHJKM-NPQRT'), '\n## Other reasons a code doesn''t work\n\n',
        'The message on the redeem page names the reason and links to its answer:\n\n',
        '- **Already redeemed**, by you or another account: [The card says it''s already redeemed](/help/already-redeemed).\n',
        '- **Not activated** by the shop that sold it: [The card isn''t activated yet](/help/card-not-activated).\n',
        '- **On hold or cancelled**: [Lost, stolen, on hold or cancelled cards](/help/lost-or-stolen-card).\n',
        '- **Paused after too many tries**: [Too many tries](/help/claim-code-locked).\n'),
    last_reviewed = '2026-11-27'
WHERE slug = 'invalid-code' AND region IS NULL;

-- Links between articles pointed at the FAQs: point them at the merged articles.
UPDATE help_article SET body = REPLACE(REPLACE(REPLACE(body,
    '(/help/lost-or-stolen-faq)', '(/help/lost-or-stolen-card)'),
    '(/help/different-country-or-currency)', '(/help/region-restrictions)'),
    '(/help/code-not-working)', '(/help/invalid-code)');

DELETE FROM help_article WHERE slug IN ('lost-or-stolen-faq', 'different-country-or-currency', 'code-not-working');

-- Search ranks a word in an article's title above the same word in its text.
ALTER TABLE help_article ADD FULLTEXT INDEX ft_help_article_title (title);
