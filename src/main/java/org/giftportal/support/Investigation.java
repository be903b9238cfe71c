package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.CardPages;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.ledger.EntryType;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.redeem.RedemptionReview;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * The facts of a "my card was redeemed by someone else" case, as support needs them to decide: the card, who redeemed
 * it and when, that account's age, other redemptions and spending since, what is left to take back, and the signals a
 * scam leaves. Staff see all of it; the shopper on the case sees none of the other account.
 */
@ApplicationScoped
public class Investigation {
    private final GiftCards cards;
    private final CardPages pages;
    private final ClaimGuard guard;
    private final Regions regions;
    private final RegionFormats formats;

    Investigation(GiftCards cards, CardPages pages, ClaimGuard guard, Regions regions, RegionFormats formats) {
        this.cards = cards;
        this.pages = pages;
        this.guard = guard;
        this.regions = regions;
        this.formats = formats;
    }

    /** The account that took the card, as the investigation shows it. */
    public record Redeemer(long id, String name, String email, String since, String age, boolean frozen,
            String frozenForCase, String balance, String available, long balanceMinor, int otherRedemptions,
            String otherRedeemedValue, String spentSince, String clawable, long clawableMinor) {
    }

    /** What was done about the card's value so far. */
    public record Value(String cardValue, String clawedBack, String lost, boolean reissued, boolean clawedBackDone) {
    }

    /** The investigation's page, and (card id, value, currency) what a value request about the card names. */
    public record Facts(String caseReference, long caseVersion, boolean resolved, String victimName, long victimId,
            boolean victimHasEmail, long cardId, long cardValueMinor, String currency, String cardNumber,
            String cardDigits, String maskedCode, String status,
            String redeemedAt, boolean inReview, Redeemer redeemer, Value value, List<String> signals,
            List<CardPages.Event> timeline) {
    }

    /**
     * The investigation of a case, if its card was redeemed (or is held for review) by another account than the
     * shopper's on the case; empty otherwise (there is nothing to investigate: the case is worked as any other).
     */
    public Optional<Facts> of(SupportCase supportCase, Instant now) {
        Optional<GiftCard> found = cards.namedBy(supportCase.cardCodeHash, supportCase.cardNumber);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GiftCard card = found.get();
        Optional<Long> takerId = card.claimedBy().filter(taker -> taker != supportCase.accountId);
        if (takerId.isEmpty()) {
            return Optional.empty();
        }
        Account victim = Account.findById(supportCase.accountId);
        Account taker = Account.findById(takerId.get());
        Region region = regions.orDefault(card.region);
        Instant takenAt = card.claimedAt();
        return Optional.of(new Facts(supportCase.reference, supportCase.version(),
                supportCase.status == CaseStatus.RESOLVED, victim.displayName, victim.id,
                victim.verifiedEmail().isPresent(), card.id, card.amountMinor, card.currency,
                card.formattedCardNumber(), card.cardNumber, card.maskedCode(),
                card.status.label(), formats.dateTime(takenAt, region), card.status == CardStatus.IN_REVIEW,
                redeemer(taker, card, takenAt, region, now), value(card, region), signals(card, taker, takenAt, region,
                        now), pages.timeline(card)));
    }

    private Redeemer redeemer(Account taker, GiftCard card, Instant takenAt, Region region, Instant now) {
        List<LedgerEntry> redemptions = LedgerEntry.list("accountId = ?1 and type = ?2 and giftCardId <> ?3",
                taker.id, EntryType.REDEMPTION, card.id);
        long otherValue = redemptions.stream().mapToLong(entry -> entry.amountMinor).sum();
        long spentSince = -LedgerEntry.<LedgerEntry>list("accountId = ?1 and type = ?2 and createdAt >= ?3",
                taker.id, EntryType.PURCHASE, takenAt).stream().mapToLong(entry -> entry.amountMinor).sum();
        long clawable = card.status == CardStatus.REDEEMED ? Ledger.clawable(taker, card) : 0;
        return new Redeemer(taker.id, taker.displayName, taker.email == null ? "" : taker.email,
                formats.dateTime(taker.createdAt, region), formats.howLong(Duration.between(taker.createdAt, takenAt)),
                taker.isFrozen(), taker.frozenForCase, money(taker.balanceMinor, taker.currency, region),
                money(taker.availableMinor(), taker.currency, region), taker.balanceMinor, redemptions.size(),
                money(otherValue, taker.currency, region), money(spentSince, taker.currency, region),
                money(clawable, taker.currency, region), clawable);
    }

    private Value value(GiftCard card, Region region) {
        long clawedBack = LedgerEntry.findClawBackOf(card.id).map(entry -> -entry.amountMinor).orElse(0L);
        boolean clawed = clawedBack > 0;
        boolean reissued = org.giftportal.ledger.Reissues.isReissued(card.id);
        return new Value(money(card.amountMinor, card.currency, region), money(clawedBack, card.currency, region),
                clawed ? money(card.amountMinor - clawedBack, card.currency, region) : null, reissued, clawed);
    }

    /** What points at a scam, in staff's words; each is a reason to look closer, none a proof. */
    private List<String> signals(GiftCard card, Account taker, Instant takenAt, Region region, Instant now) {
        List<String> signals = new ArrayList<>();
        Duration age = Duration.between(taker.createdAt, takenAt);
        if (age.compareTo(Duration.ofDays(1)) < 0) {
            signals.add("The account was " + formats.howLong(age) + " old when it redeemed the card.");
        }
        if (card.tracedNetwork != null) {
            signals.add("Redeemed from network " + card.tracedNetworkShown().orElse("") + ", with " + card.tracedDevice
                    + ".");
            guard.networkRecord(card.tracedNetwork).filter(record -> record.failures() > 0
                    || record.lockedUntil() != null)
                    .ifPresent(record -> signals.add("That network has " + record.failures() + " failed claim-code"
                            + " look-up" + (record.failures() == 1 ? "" : "s") + " in its current window"
                            + (record.lockedUntil() == null ? "" : " and was locked for guessing until "
                                    + formats.dateTime(record.lockedUntil(), region)) + "."));
        } else {
            signals.add("No record of where it was redeemed from (redeemed through a gift's link, or longer ago than"
                    + " such records are kept).");
        }
        long failures = guard.failuresCounted(taker.id);
        if (failures > 0) {
            signals.add("The redeeming account has " + failures + " failed claim-code look-up" + (failures == 1 ? ""
                    : "s") + " in the lock's current window.");
        }
        if (reportedLostBefore(card, takenAt)) {
            signals.add("The card was reported lost or stolen (blocked) before it was redeemed.");
        }
        RedemptionReview.ofAccount(taker.id).stream().filter(review -> review.giftCardId == card.id).findFirst()
                .ifPresent(review -> signals.add("Its redemption was held for review: " + review.rules + "."));
        return signals;
    }

    private static boolean reportedLostBefore(GiftCard card, Instant takenAt) {
        return card.firstBlockedAt != null && card.firstBlockedAt.isBefore(takenAt);
    }

    private String money(long minor, String currency, Region region) {
        return formats.money(Money.of(minor, currency), region);
    }
}
