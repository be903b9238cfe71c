package org.giftportal.redeem;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.site.Money;

/**
 * Looks at a card without redeeming it. Under the same lock as redeeming: a check that finds nothing counts as a
 * failed try, so checking can't be used to guess codes either.
 */
@ApplicationScoped
public class CodeCheck {
    private final GiftCards cards;
    private final ClaimGuard guard;
    private final Clock clock;
    private final ScamWarnings warnings;

    CodeCheck(GiftCards cards, ClaimGuard guard, Clock clock, ScamWarnings warnings) {
        this.cards = cards;
        this.guard = guard;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** What a found card is worth and where, and what it says about being redeemed by this shopper. */
    public record CardFacts(Money value, String region, Instant expiresAt, CardVerdict verdict, String maskedCode) {
        public boolean redeemable() {
            return verdict instanceof CardVerdict.Redeemable;
        }
    }

    /** A card found (whatever its state), or the problem that kept it from being found. */
    public record Result(Optional<CardFacts> card, Optional<CodeProblem> problem) {
    }

    public Result check(Account account, String input, String clientAddress) {
        ClaimCode.Parsed parsed = ClaimCode.parse(input);
        if (!parsed.isValid()) {
            return problem(new CodeProblem.Mistyped(parsed.problem()));
        }
        return guard.lookUp("check", account.id, clientAddress,
                () -> cards.find(parsed.code())
                        .map(card -> facts(card, account))
                        .orElseGet(() -> problem(new CodeProblem.NotFound())),
                result -> result.problem().map(CodeProblem::countsAsFailedLookUp).orElse(false),
                CodeCheck::problem);
    }

    private Result facts(GiftCard card, Account account) {
        java.time.Instant now = clock.instant();
        // A found card's look-up is remembered briefly: another account typing its code soon after is warned first.
        warnings.lookedUp(card, account.id, now);
        CardVerdict verdict = card.verdictFor(account, now);
        CardFacts facts = new CardFacts(Money.of(card.amountMinor, card.currency), card.region, card.expiresAt,
                verdict, card.maskedCode());
        Optional<CodeProblem> problem = verdict instanceof CardVerdict.Redeemable
                ? Optional.empty()
                : Optional.of(new CodeProblem.CardRefused(verdict));
        return new Result(Optional.of(facts), problem);
    }

    private static Result problem(CodeProblem problem) {
        return new Result(Optional.empty(), Optional.of(problem));
    }
}
