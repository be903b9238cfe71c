-- Help articles, written for this portal. {{placeholders}} are filled from configuration when shown.
INSERT INTO help_article (slug, region, category, task, title, summary, body, sort_order, last_reviewed) VALUES
('invalid-code', NULL, 'TROUBLESHOOTING', 'redeeming', 'My claim code doesn''t work', 'The code looks mistyped or we can''t find it: how to enter it so it works.', 'A claim code has **15 letters and numbers**, printed like `ABCD-EFGHJK-MNPQR`. You can type it with or without
the dashes, in capitals or not.

## Check these first

1. **Copy and paste it.** If your card came by email, copy the code from the email and paste it into the
   [redeem page](/redeem). The button in a gift email fills it in for you.
2. **Look-alike characters.** Our codes never use the letters O, I, L, S or B, so we read them as 0, 1, 1, 5 and 8.
   If a character still looks unclear, try the other reading.
3. **Scratch-off strip.** On a plastic card, scratch gently: a damaged character can make the code unreadable.
   If part of it is gone, [contact us](/help/contact) with the card and your receipt.
4. **The right store.** Cards work only in the region where they were sold. A card for another country''s store
   can''t be redeemed here: see [Cards from other countries](/help/region-restrictions).

## "That code looks mistyped"

The last character of every code is a check character. When it doesn''t fit the others, one of them was typed
wrong: nothing was looked up and nothing counts against you.

## "We couldn''t find that gift card"

The code has the right shape but no {{brand}} card has it. Check each character again. Several codes that don''t
work in a row pause redeeming for a while, see [Too many tries](/help/claim-code-locked).
', 10, '2026-11-20'),
('already-redeemed', NULL, 'TROUBLESHOOTING', 'redeeming', 'The card says it''s already redeemed', 'Whether you added it yourself, or someone else may have used it, and what to do.', 'Every code can be used once. When a card shows as already redeemed, there are two possibilities.

## It''s in your balance already

Maybe you, or the app on another device, redeemed it earlier. Open
[Balance & history](/balance): every card you redeemed is listed with the last four characters of its code.
If you''re signed in, the cards you redeemed recently are listed on this page too.

## Someone else redeemed it

If it isn''t in your history, the code was used on another account. This can happen when:

- you have a second {{brand}} account (an old email address, a work account) and redeemed it there,
- the person who gave you the card redeemed it by mistake,
- someone else saw the code, for example in a forwarded email or a photo of the card.

[Contact us](/help/contact) with the gift email or the receipt and the card''s last four characters. We can see
which account used it and when, and we''ll look into it. Keep the card and the receipt until we''ve answered.
', 20, '2026-11-20'),
('claim-code-locked', NULL, 'TROUBLESHOOTING', 'redeeming', 'Too many tries: redeeming is paused', 'Why codes get locked after several attempts that didn''t work, how long it lasts and what you can do.', 'To protect gift cards from people who guess codes, we pause redeeming and checking cards on an account after
**5 codes that didn''t work within 15 minutes**. The pause lasts **one hour**. The same limit applies to many tries
from one device or network, across accounts.

## What counts

Codes we looked up and couldn''t use: codes no card has, or cards that were already used, blocked, expired or
for another region. A code that''s simply mistyped (caught by its check character) doesn''t count.

## What to do

- **Wait until the time shown**, then enter the code once, carefully. If you''re signed in, the time your pause
  ends is shown on this page.
- While you wait, compare the code with the card or the email character by character, see
  [My claim code doesn''t work](/help/invalid-code).
- If the pause comes back, or you think someone else is trying codes on your account, [contact us](/help/contact).
  We can''t lift a pause early, but we can check the card for you.
', 30, '2026-11-20'),
('card-not-activated', NULL, 'TROUBLESHOOTING', 'card-problems', 'The card isn''t activated yet', 'Cards bought in a shop are switched on at the till. Here''s what to do when that didn''t happen.', 'A gift card bought in a shop only becomes usable when the till **activates** it during payment. Until then,
the code exists but can''t be redeemed.

## What to do

1. **Look at the receipt.** It should list the gift card and its value. If it doesn''t, the card may not have been
   paid for or activated.
2. **Wait a little.** Activation usually takes a few minutes, occasionally up to an hour.
3. **Go back to the shop that sold it** with the card and the receipt, and ask them to activate it. Only the seller
   can do this.
4. Still stuck? [Contact us](/help/contact) with the receipt. Have the card''s last four characters ready.

If you got the card as a present, ask the person who bought it to check their receipt.
', 40, '2026-11-20'),
('balance-on-wrong-account', NULL, 'TROUBLESHOOTING', 'balance', 'I redeemed a card to the wrong account', 'The balance isn''t where you expected it: how to find the account that has it.', 'A balance belongs to the account that redeemed the card, and it **can''t be moved** to another account.

## Find the right account

- Check which account you''re signed in with: its email is shown on this page when you''re signed in.
- Sign out and sign in with any other email address you use with {{brand}}, then open
  [Balance & history](/balance) there.
- Family members: a card redeemed on a shared device may be on someone else''s account.

## If you can''t find it

[Contact us](/help/contact) with the card''s last four characters and the email or receipt. We can tell you which
of your accounts has the balance. A card redeemed to someone else''s account can only be dealt with by that
account''s owner or by us after checking.
', 50, '2026-11-20'),
('region-restrictions', NULL, 'TROUBLESHOOTING', 'card-problems', 'Cards from other countries', 'Gift cards work only in the region where they were sold, and balances can''t change currency.', 'Every gift card belongs to one region''s store, and your account belongs to one region too. A card can only be
redeemed to an account in the same region: a card sold for the United States store can''t be used on the United
Kingdom or India store, and the other way round. Balances can''t be converted to another currency.

## What you can do

- **Check the card.** The region is on the card or the email; [check the card](/cards/check) to see its region.
- **Give it to someone there.** If you have friends or family in the card''s region, they can redeem it to their
  account (before anyone redeems it).
- **Ask the seller.** If the card was bought for the wrong country by mistake, the person who bought it can ask
  the seller for an exchange or a refund.

Your own account''s region is shown on this page when you''re signed in. We can''t change an account''s region.
', 60, '2026-11-20'),
('lost-or-stolen-card', NULL, 'TROUBLESHOOTING', 'card-problems', 'Lost, stolen, blocked or cancelled cards', 'Report a lost or stolen card so nobody can use it, and what happens to cards on hold.', '## Report it straight away

If a card you bought or received is lost or stolen and hasn''t been redeemed yet,
[report it](/support/cases/new?topic=LOST_OR_STOLEN) with the code (if you have it) and proof of purchase: a receipt,
an order confirmation or a bank statement showing the purchase. When the card hasn''t been redeemed, we **put it on
hold at once**, so nobody can redeem it while we review your report.

## What happens next

We check the purchase. If it''s confirmed, we cancel the card and issue a replacement for the value left on it,
usually within 5 working days. A replacement isn''t possible when the card was redeemed before you reported it;
we''ll tell you what we found.

## "This card is on hold" or "has been cancelled"

Someone reported the card lost or stolen, or it was cancelled after a review. If it''s yours,
[contact us](/help/contact) with your receipt and we''ll look at it with you.

Tip: redeem gift cards soon after you get them. A redeemed balance is safe in your account even if the card
is lost later.
', 70, '2026-11-20'),
('card-expired', NULL, 'FAQ', 'card-problems', 'Does my gift card expire?', 'Whether cards and balances expire in your region.', '**{{brand}} gift cards sold in {{regionName}} don''t expire**, and neither does your balance once you''ve
redeemed a card. There are no fees for keeping a card or a balance.

If the redeem page says a card has expired, it was sold under older terms or in another region:
[contact us](/help/contact) with the card and the receipt.
', 80, '2026-11-20'),
('card-expired', 'IN', 'FAQ', 'card-problems', 'Does my gift card expire?', 'In India, gift cards can be redeemed for 10 years; your balance doesn''t expire.', '**Gift cards sold in India can be redeemed for 10 years** from the day they were bought. The last day is
printed on the card and in the gift email, and shown when you [check the card](/cards/check).

**Your balance doesn''t expire.** Once you''ve redeemed a card, its value stays in your account until you spend it.

If a card expired recently and you have the receipt, [contact us](/help/contact): we''ll check what we can do.
', 80, '2026-11-20'),
('is-my-card-still-valid', NULL, 'FAQ', 'checking', 'Is my gift card still valid?', 'Check a card''s status and value without redeeming it.', 'Use [Check a gift card](/cards/check). Type the claim code and we''ll show:

- whether the card is **active** and ready to redeem,
- its **value** and the **region** it''s for,
- how long it can be redeemed,
- or why it can''t be used: already redeemed (and when, if it was you), not activated, on hold or cancelled.

Checking doesn''t redeem the card, but it counts towards the same limit as redeeming: several codes that don''t
work in a row pause both for an hour. When the card is fine, you can redeem it from the result straight away.
', 90, '2026-11-20'),
('partial-use-and-remaining-balance', NULL, 'FAQ', 'balance', 'Can I use part of my balance and keep the rest?', 'Yes: a purchase takes only what it costs, the rest stays in your balance.', 'Yes. Once a card is redeemed, its value is part of your balance, and each purchase takes only what it costs. What''s
left stays in your account for next time, and you can use it as many times as you like until it''s spent.

If your balance doesn''t cover an order, pay the rest with another payment method at checkout.
Every purchase and refund is listed in [Balance & history](/balance).
', 100, '2026-11-20'),
('how-to-check-balance', NULL, 'FAQ', 'balance', 'How do I check my balance?', 'Your balance, totals and every change to it are on one page.', 'Sign in and open [Balance & history](/balance). You''ll see:

- your **balance** in {{currency}},
- how much you''ve **redeemed** and **spent** in total, and the date of the last change,
- every redeemed card, purchase, refund and adjustment, newest first, with the balance after each one.

You can filter the history by type and dates, and download it as a spreadsheet (CSV).
To see what a card is worth before redeeming it, use [Check a gift card](/cards/check).
', 110, '2026-11-20'),
('code-not-working', NULL, 'FAQ', 'redeeming', 'Why isn''t my code working?', 'A quick list of the usual reasons, with where to go for each.', 'The message on the redeem page tells you which of these it is, with a link to the answer:

- **Mistyped**: a character doesn''t match. See [My claim code doesn''t work](/help/invalid-code).
- **Already redeemed**: by you or another account. See [The card says it''s already redeemed](/help/already-redeemed).
- **Not activated**: the shop didn''t switch it on. See [The card isn''t activated yet](/help/card-not-activated).
- **Another region**: the card is for another country''s store. See [Cards from other countries](/help/region-restrictions).
- **On hold or cancelled**: see [Lost, stolen, blocked or cancelled cards](/help/lost-or-stolen-card).
- **Paused after too many tries**: see [Too many tries](/help/claim-code-locked).

Still stuck? [Contact us](/help/contact).
', 120, '2026-11-20'),
('different-country-or-currency', NULL, 'FAQ', 'card-problems', 'Can I use my card in another country or currency?', 'No: cards and balances stay in the region and currency they were sold in.', 'No. A gift card can only be redeemed to an account in the region it was sold for, and a balance can only be
spent on that region''s store, in its currency ({{currency}} for {{regionName}}). We can''t convert a card or a
balance to another currency.

If you received a card for the wrong country, see [Cards from other countries](/help/region-restrictions).
', 130, '2026-11-20'),
('reloading-a-card', NULL, 'FAQ', 'balance', 'Can I top up or reload a gift card?', 'No: each card is used once. Redeem another card to add more.', 'No, gift cards can''t be reloaded. Each card carries a fixed value and is used once, when you redeem it.

To add more to your balance, redeem another gift card: its value adds to what you already have. You can buy
gift cards on the [{{brand}} store]({{storeUrl}}), but you can''t pay for them with your balance.
', 140, '2026-11-20'),
('lost-or-stolen-faq', NULL, 'FAQ', 'card-problems', 'What if my gift card is lost or stolen?', 'Report it before anyone redeems it; we put the card on hold at once.', '[Report it](/support/cases/new?topic=LOST_OR_STOLEN) as soon as you can, with the code if you have it and proof of
purchase. If the card hasn''t been redeemed, we put it on hold immediately so nobody can use it, then review the
report and replace it when the purchase is confirmed.

Once a card is redeemed, its value is in the account that redeemed it, so a lost card that you already redeemed
costs you nothing. More in [Lost, stolen, blocked or cancelled cards](/help/lost-or-stolen-card).
', 150, '2026-11-20'),
('using-your-balance', NULL, 'GUIDE', 'balance', 'What can I buy with my balance?', 'Almost everything on the store. The exceptions are listed for your region.', 'Your balance pays for almost everything sold and shipped by {{brand}} on the [{{regionName}} store]({{storeUrl}}).
It''s used automatically at checkout.

A few things can''t be bought with a balance, such as other gift cards and some memberships and subscriptions.
The exact list for your region is on [What your balance can be used for](/restrictions).
Balances can''t be transferred to another account or paid out as cash.
', 160, '2026-11-20');
