package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/**
 * Issues gift cards, one or a batch at a time, and returns their claim codes once. The back office and the demo
 * data issue through here; nothing else creates cards.
 */
@ApplicationScoped
public class CardIssuing {
    private final ClaimCodeHasher hasher;
    private final Regions regions;
    private final Clock clock;
    private final String prefix;

    private final CardEvents events;

    CardIssuing(ClaimCodeHasher hasher, Regions regions, Clock clock, PortalConfig config, CardEvents events) {
        this.events = events;
        this.hasher = hasher;
        this.regions = regions;
        this.clock = clock;
        this.prefix = config.cardNumbers().prefix();
        CardNumber.checkPrefix(prefix);
    }

    /** What to issue: a value in whole units of the region's currency, and whether it is activated already. */
    public record Order(String regionCode, long wholeUnits, boolean activated, String batchReference) {
    }

    @Transactional
    public IssuedCard issue(Order order) {
        return persist(order, ClaimCode.generate());
    }

    @Transactional
    public List<IssuedCard> issueBatch(Order order, int count) {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("A batch holds 1 to 10,000 cards, not " + count);
        }
        List<IssuedCard> issued = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            issued.add(persist(order, ClaimCode.generate()));
        }
        return issued;
    }

    /** Issues a card under a code chosen by the caller (the demo data's known codes); refuses a code in use. */
    @Transactional
    public IssuedCard issue(Order order, ClaimCode code) {
        if (exists(code)) {
            throw new IllegalArgumentException("That claim code is already in use");
        }
        return persist(order, code);
    }

    /**
     * A new card in place of a lost or stolen one: the same value, currency, region and expiry, in the status the old
     * card had before it was blocked (an unsold card's replacement is unsold too), pointing back at it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedCard issueReplacement(GiftCard lost, CardStatus status) {
        return carrying(lost, status, lost.expiresAt, card -> card.replacesCardId = lost.id);
    }

    /**
     * A new, active card carrying the value of a card someone else redeemed, for the shopper it was taken from: the
     * same value, currency and region, a fresh validity, pointing at the card it reissues (at most one does).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedCard issueReissue(GiftCard taken) {
        Region region = regions.find(taken.region)
                .orElseThrow(() -> new IllegalArgumentException("Unknown region " + taken.region));
        return carrying(taken, CardStatus.ACTIVE, region.validUntil(clock.instant()),
                card -> card.reissuesCardId = taken.id);
    }

    /** A new card under a new code, worth what {@code source} is worth in its currency and region. */
    private IssuedCard carrying(GiftCard source, CardStatus status, Instant expiresAt,
            java.util.function.Consumer<GiftCard> pointBack) {
        ClaimCode code = ClaimCode.generate();
        Instant now = clock.instant();
        GiftCard card = new GiftCard();
        card.codeHash = hasher.hash(code);
        card.codeLast4 = code.lastFour();
        card.amountMinor = source.amountMinor;
        card.currency = source.currency;
        card.region = source.region;
        card.cardNumber = freeCardNumber();
        card.status = status;
        card.issuedAt = now;
        card.stateChangedAt = now;
        card.activatedAt = status == CardStatus.ACTIVE ? now : null;
        card.expiresAt = expiresAt;
        pointBack.accept(card);
        card.persist();
        return new IssuedCard(code, card);
    }

    public boolean exists(ClaimCode code) {
        return GiftCard.findByHash(hasher.hash(code)).isPresent();
    }

    /** DEV ONLY (the demo's list): a card's status now, if the code is a card's. */
    java.util.Optional<CardStatus> statusOf(ClaimCode code) {
        return GiftCard.findByHash(hasher.hash(code)).map(card -> card.status);
    }

    /**
     * A card number nobody has: random numbers meet now and then in a large programme (eleven random digits), so each
     * is looked up; the unique key settles the rare race between two instances.
     */
    private String freeCardNumber() {
        while (true) {
            String number = CardNumber.generate(prefix).digits();
            if (GiftCard.count("cardNumber", number) == 0) {
                return number;
            }
        }
    }

    /**
     * A new card under the code. A generated code is not looked up first: two of 31¹⁴ codes meeting is left to
     * the unique key on the hash, which also keeps each batch from querying once per card.
     */
    private IssuedCard persist(Order order, ClaimCode code) {
        Region region = regions.find(order.regionCode())
                .orElseThrow(() -> new IllegalArgumentException("Unknown region " + order.regionCode()));
        if (order.wholeUnits() < region.minDenomination() || order.wholeUnits() > region.maxDenomination()) {
            throw new IllegalArgumentException("Cards in " + region.code() + " are worth "
                    + region.minDenomination() + " to " + region.maxDenomination() + " " + region.currency());
        }
        byte[] hash = hasher.hash(code);
        Instant now = clock.instant();
        GiftCard card = new GiftCard();
        card.codeHash = hash;
        card.codeLast4 = code.lastFour();
        card.amountMinor = region.minorUnits(order.wholeUnits());
        card.currency = region.currency().getCurrencyCode();
        card.region = region.code();
        card.cardNumber = freeCardNumber();
        card.status = order.activated() ? CardStatus.ACTIVE : CardStatus.ISSUED;
        card.issuedAt = now;
        card.stateChangedAt = now;
        card.activatedAt = order.activated() ? now : null;
        card.expiresAt = order.activated() ? region.validUntil(now) : null;
        card.batchReference = order.batchReference();
        card.persist();
        if (order.activated()) {
            events.told(card, CardChanged.What.ACTIVATED);
        }
        return new IssuedCard(code, card);
    }
}
