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
    private final org.giftportal.site.Languages languages;

    ProblemExplanations(Regions regions, RegionFormats formats, SiteInfo site, java.time.Clock clock,
            org.giftportal.site.Languages languages) {
        this.languages = languages;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
        this.clock = clock;
    }

    public ProblemExplanation explain(CodeProblem problem, Account account) {
        Region yours = regions.orDefault(account.region);
        ProblemMessages words = org.giftportal.site.Bundles.in(ProblemMessages.class, languages.readersLanguage());
        if (problem instanceof CodeProblem.Mistyped mistyped) {
            return mistyped(mistyped.reason(), words);
        }
        if (problem instanceof CodeProblem.Locked locked) {
            return locked(locked, yours, words);
        }
        if (problem instanceof CodeProblem.Busy) {
            return new ProblemExplanation(words.busyTitle(), words.busyDetail(), "invalid-code",
                    words.linkInvalidCode(), TOO_MANY_REQUESTS, Duration.ofSeconds(5));
        }
        if (problem instanceof CodeProblem.NotDone notDone) {
            return new ProblemExplanation(words.notDoneTitle(), words.notDoneDetail(), "invalid-code",
                    words.linkInvalidCode(), SERVICE_UNAVAILABLE, notDone.retryAfter());
        }
        if (problem instanceof CodeProblem.CardRefused refused) {
            return card(refused.verdict(), yours, words);
        }
        return new ProblemExplanation(words.notFoundTitle(), words.notFoundDetail(site.brandName()), "invalid-code",
                words.linkInvalidCode(), UNPROCESSABLE);
    }

    /**
     * Says what was paused: a shopper behind a busy shared network who never tried a code must not read that their
     * own account is paused.
     */
    private ProblemExplanation locked(CodeProblem.Locked locked, Region yours, ProblemMessages words) {
        String until = formats.dateTime(locked.until(), yours);
        Duration wait = Duration.between(clock.instant(), locked.until());
        if (locked.scope() == LockScope.ADDRESS) {
            return new ProblemExplanation(words.lockedNetworkTitle(), words.lockedNetworkDetail(until),
                    "claim-code-locked", words.linkLocked(), TOO_MANY_REQUESTS, wait);
        }
        return new ProblemExplanation(words.lockedTitle(), words.lockedDetail(until), "claim-code-locked",
                words.linkLocked(), TOO_MANY_REQUESTS, wait);
    }

    private static ProblemExplanation mistyped(ClaimCode.FormatProblem reason, ProblemMessages words) {
        if (reason == ClaimCode.FormatProblem.EMPTY) {
            return new ProblemExplanation(words.emptyTitle(), words.emptyDetail(), "invalid-code",
                    words.linkWhereToFind(), UNPROCESSABLE);
        }
        String detail = reason == ClaimCode.FormatProblem.CHECK_FAILED ? words.checkFailedDetail()
                : words.wrongShapeDetail();
        return new ProblemExplanation(words.mistypedTitle(), detail, "invalid-code", words.linkInvalidCode(),
                UNPROCESSABLE);
    }

    private ProblemExplanation card(CardVerdict verdict, Region yours, ProblemMessages words) {
        if (verdict instanceof CardVerdict.AlreadyRedeemedByYou mine) {
            return new ProblemExplanation(words.mineTitle(), words.mineDetail(formats.dateTime(mine.redeemedAt(),
                    yours)), "already-redeemed", words.linkBalance(), UNPROCESSABLE, null, true);
        }
        if (verdict instanceof CardVerdict.InReviewForYou mine) {
            return new ProblemExplanation(words.inReviewTitle(), words.inReviewDetail(formats.dateTime(mine.heldAt(),
                    yours)), "redemption-being-checked", words.linkChecked(), UNPROCESSABLE, null, true);
        }
        if (verdict instanceof CardVerdict.AlreadyRedeemedBySomeoneElse) {
            return new ProblemExplanation(words.someoneElseTitle(), words.someoneElseDetail(site.brandName()),
                    "already-redeemed", words.linkAlreadyRedeemed(), UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.NotActivated) {
            return new ProblemExplanation(words.notActivatedTitle(), words.notActivatedDetail(),
                    "card-not-activated", words.linkNotActivated(), UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.ReportedLostOrStolen) {
            return new ProblemExplanation(words.onHoldTitle(), words.onHoldDetail(), "lost-or-stolen-card",
                    words.linkLost(), UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.Cancelled) {
            return new ProblemExplanation(words.cancelledTitle(), words.cancelledDetail(), "lost-or-stolen-card",
                    words.linkCancelled(), UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.Expired expired) {
            return new ProblemExplanation(words.expiredTitle(), words.expiredDetail(formats.date(expired.expiredAt(),
                    yours)), "card-expired", words.linkExpiry(), UNPROCESSABLE);
        }
        if (verdict instanceof CardVerdict.WrongRegion wrong) {
            return new ProblemExplanation(words.wrongRegionTitle(), words.wrongRegionDetail(
                    regionName(wrong.cardRegion()), yours.inSentence()), "region-restrictions", words.linkRegions(),
                    UNPROCESSABLE);
        }
        throw new IllegalArgumentException("Not a problem: " + verdict);
    }

    private String regionName(String code) {
        return regions.find(code).map(Region::inSentence).orElse(code);
    }
}
