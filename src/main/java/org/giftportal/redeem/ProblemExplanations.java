package org.giftportal.redeem;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.giftportal.account.Account;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/**
 * One message and one help article per problem, shared by the redeem and the card-check pages. No message ever
 * repeats the code the shopper typed.
 */
@ApplicationScoped
public class ProblemExplanations {
    static final int UNPROCESSABLE = 422;
    static final int TOO_MANY_REQUESTS = 429;
    static final int SERVICE_UNAVAILABLE = 503;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;
    private final java.time.Clock clock;

    ProblemExplanations(Regions regions, RegionFormats formats, SiteInfo site, java.time.Clock clock) {
        this.regions = regions;
        this.formats = formats;
        this.site = site;
        this.clock = clock;
    }

    public ProblemExplanation explain(CodeProblem problem, Account account) {
        Region yours = regions.orDefault(account.region);
        if (problem instanceof CodeProblem.Mistyped mistyped) {
            return mistyped(mistyped.reason());
        }
        if (problem instanceof CodeProblem.Locked locked) {
            return locked(locked, yours);
        }
        if (problem instanceof CodeProblem.Busy) {
            return new ProblemExplanation("We're still checking your last code",
                    "Another code you sent is still being looked up. Wait a few seconds, then check your balance"
                            + " before you try again.",
                    "invalid-code", "Help with codes that don't work", TOO_MANY_REQUESTS, Duration.ofSeconds(5));
        }
        if (problem instanceof CodeProblem.NotDone notDone) {
            return new ProblemExplanation("We're very busy: your card was not added",
                    "We couldn't finish adding your gift card, and nothing was added to your balance. The code is"
                            + " still good: please try again in a minute.",
                    "invalid-code", "Help with codes that don't work", SERVICE_UNAVAILABLE, notDone.retryAfter());
        }
        if (problem instanceof CodeProblem.CardRefused refused) {
            return card(refused.verdict(), yours);
        }
        return new ProblemExplanation("We couldn't find that gift card",
                "No " + site.brandName() + " gift card has that claim code. Check each character against your"
                        + " card or gift email, or copy and paste the code from the email.",
                "invalid-code", "Help with codes that don't work", UNPROCESSABLE);
    }

    /**
     * Says what was paused: a shopper behind a busy shared network who never tried a code must not read that their
     * own account is paused.
     */
    private ProblemExplanation locked(CodeProblem.Locked locked, Region yours) {
        String until = formats.dateTime(locked.until(), yours);
        Duration wait = Duration.between(clock.instant(), locked.until());
        if (locked.scope() == LockScope.ADDRESS) {
            return new ProblemExplanation("Too many unsuccessful tries from your network",
                    "To keep gift cards safe, redeeming and checking codes is paused for everyone on the internet"
                            + " connection you're using, after many codes that didn't work were tried from it. Your"
                            + " account is fine. You can try again after " + until + ", or now from another"
                            + " connection, such as mobile data instead of a shared Wi-Fi.",
                    "claim-code-locked", "Why codes get locked and what you can do", TOO_MANY_REQUESTS, wait);
        }
        return new ProblemExplanation("Too many unsuccessful tries",
                "To keep gift cards safe, redeeming and checking codes is paused on your account after several"
                        + " codes that didn't work. You can try again after " + until + ".",
                "claim-code-locked", "Why codes get locked and what you can do", TOO_MANY_REQUESTS, wait);
    }

    private static ProblemExplanation mistyped(ClaimCode.FormatProblem reason) {
        if (reason == ClaimCode.FormatProblem.EMPTY) {
            return new ProblemExplanation("Enter a claim code",
                    "Enter the claim code from the back of your gift card or from your gift email.",
                    "invalid-code", "Where to find your claim code", UNPROCESSABLE);
        }
        String detail = reason == ClaimCode.FormatProblem.CHECK_FAILED
                ? "One of the characters doesn't match: check each one against your card or gift email, or copy"
                        + " and paste the code from the email."
                : "A claim code has 15 letters and numbers, shown like ACDE-FGHJKM-NPQRT. Check it against your"
                        + " card or gift email.";
        return new ProblemExplanation("That code looks mistyped", detail, "invalid-code",
                "Help with codes that don't work", UNPROCESSABLE);
    }

    private ProblemExplanation card(CardVerdict verdict, Region yours) {
        if (verdict instanceof CardVerdict.AlreadyRedeemedByYou mine) {
            return new ProblemExplanation("You've already redeemed this card",
                    "You added this gift card to your balance on " + formats.dateTime(mine.redeemedAt(), yours)
                            + ". Its value is in your balance.",
                    "already-redeemed", "Check your balance and history", UNPROCESSABLE, null, true);
        }
        if (verdict instanceof CardVerdict.InReviewForYou mine) {
            return new ProblemExplanation("We're checking this card before adding it",
                    "You redeemed this gift card on " + formats.dateTime(mine.heldAt(), yours) + ". It's kept for your"
                            + " account while we check it, and its value is added to your balance when we're done."
                            + " You don't need to type the code again.",
                    "redemption-being-checked", "Why cards are checked", UNPROCESSABLE, null, true);
        }
        if (verdict instanceof CardVerdict.AlreadyRedeemedBySomeoneElse) {
            return new ProblemExplanation("This card was redeemed to another account",
                    "If you have another " + site.brandName() + " account, check its balance. If not, contact us"
                            + " with your receipt or gift email: we'll look into who used it.",
                    "already-redeemed", "What to do when a card is already redeemed", UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.NotActivated) {
            return new ProblemExplanation("This card hasn't been activated yet",
                    "Cards bought in a shop are activated at the till. Check your receipt, and ask the shop that"
                            + " sold it to activate it.",
                    "card-not-activated", "Help with cards that aren't activated", UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.ReportedLostOrStolen) {
            return new ProblemExplanation("This card is on hold",
                    "It was reported lost or stolen and can't be used while we review the report. If it's yours,"
                            + " contact us with your receipt.",
                    "lost-or-stolen-card", "Lost, stolen and blocked cards", UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.Cancelled) {
            return new ProblemExplanation("This card has been cancelled",
                    "A cancelled card can't be redeemed. If you think that's a mistake, contact us with your"
                            + " receipt.",
                    "lost-or-stolen-card", "Lost, stolen and cancelled cards", UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.Expired expired) {
            return new ProblemExplanation("This card has expired",
                    "It could be redeemed until " + formats.date(expired.expiredAt(), yours) + ".",
                    "card-expired", "About card expiry dates", UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.WrongRegion wrong) {
            return new ProblemExplanation("This card is for another region",
                    "It's a gift card for " + regionName(wrong.cardRegion()) + " and can only be redeemed to an"
                            + " account there. Your account is in " + yours.inSentence() + ".",
                    "region-restrictions", "Cards from other countries", UNPROCESSABLE);
        }
        throw new IllegalArgumentException("Not a problem: " + verdict);
    }

    private String regionName(String code) {
        return regions.find(code).map(Region::inSentence).orElse(code);
    }
}
