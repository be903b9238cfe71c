package org.giftportal.redeem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.CardVerdict;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.ledger.Ledger;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.ops.Retries;

/**
 * Redeems a claim code to an account: the transaction that spans the card, the account's balance and the ledger.
 *
 * <p>Exactly once, even under races: the card's row is locked for the transaction (two shoppers, two portal
 * instances: the second waits, then finds the card redeemed), and a form submitted twice for the same card finds
 * the entry of its first submission by its request id. The claim-code lock's admission and outcome are part of the
 * same transaction: one commit per redemption.
 */
@ApplicationScoped
public class RedemptionService {
    private final GiftCards cards;
    private final Ledger ledger;
    private final ClaimGuard guard;
    private final Event<CardRedeemed> redeemed;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Retries retries;
    private final RiskRules risks;
    private final ScamWarnings warnings;
    private final FraudSignals signals;

    private final Event<ReviewDecided> reviews;

    RedemptionService(GiftCards cards, Ledger ledger, ClaimGuard guard, Event<CardRedeemed> redeemed, Clock clock,
            MeterRegistry metrics, Retries retries, RiskRules risks, ScamWarnings warnings, FraudSignals signals,
            Event<ReviewDecided> reviews) {
        this.reviews = reviews;
        this.signals = signals;
        this.retries = retries;
        this.risks = risks;
        this.warnings = warnings;
        this.cards = cards;
        this.ledger = ledger;
        this.guard = guard;
        this.redeemed = redeemed;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Where a typed code came from: the client's address, the browser's family ({@link DeviceFamily}), and the
     * signed-in session it was typed in (the scam warnings' key; none for a caller that is no person's browser: then no
     * warning is shown).
     */
    public record Visit(String clientAddress, String deviceFamily, String sessionKey) {
        public Visit(String clientAddress, String deviceFamily) {
            this(clientAddress, deviceFamily, null);
        }
    }

    /**
     * @param input what the shopper typed; never logged
     * @param requestId the form's one-time id, so a double submission credits once
     */
    public RedemptionOutcome redeem(long accountId, String input, Visit visit, String requestId) {
        RedemptionOutcome outcome = attempt(accountId, input, visit, requestId);
        metrics.counter("portal.redemptions", "outcome", outcomeName(outcome)).increment();
        return outcome;
    }

    /**
     * Redeems a gift's card, named by the gift's link rather than by a typed code: the link's random token can't be
     * guessed, so it is no look-up the claim-code lock counts. Otherwise the same transaction and rules.
     */
    public RedemptionOutcome redeemGift(Account account, long cardId, String requestId) {
        RedemptionOutcome outcome;
        try {
            outcome = retries.inTransaction("redeem-gift", () -> redeemInTransaction(account.id,
                    GiftCard.findByIdOptional(cardId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                            .map(GiftCard.class::cast), requestId, null));
        } catch (Retries.RetriesExhausted e) {
            outcome = foundOut(account.id, requestId, e);
        }
        metrics.counter("portal.redemptions", "outcome", outcomeName(outcome)).increment();
        return outcome;
    }

    /**
     * The database kept failing: whether the card was credited is found out, not guessed. The last attempt may have
     * committed even though its answer was lost. If even that can't be found out, the shopper is told so (the busy
     * page), never that nothing happened.
     */
    private static RedemptionOutcome foundOut(long accountId, String requestId, Retries.RetriesExhausted e) {
        Optional<LedgerEntry> credited;
        try {
            credited = LedgerEntry.findByRequest(accountId, requestId);
        } catch (RuntimeException stillFailing) {
            throw e;
        }
        if (credited.isPresent()) {
            return new RedemptionOutcome.Redeemed(credited.get());
        }
        return RedemptionReview.byRequest(accountId, requestId)
                .<RedemptionOutcome>map(RedemptionOutcome.HeldForReview::new)
                .orElseGet(() -> new RedemptionOutcome.Refused(new CodeProblem.NotDone(e.retryAfter())));
    }

    private RedemptionOutcome attempt(long accountId, String input, Visit visit, String requestId) {
        ClaimCode.Parsed parsed = ClaimCode.parse(input);
        if (!parsed.isValid()) {
            return new RedemptionOutcome.Refused(new CodeProblem.Mistyped(parsed.problem()));
        }
        try {
            return guard.lookUp("redeem", accountId, visit.clientAddress(),
                    () -> redeemInTransaction(accountId, cards.lockForRedemption(parsed.code()), requestId, visit),
                    outcome -> outcome instanceof RedemptionOutcome.Refused refused
                            && refused.problem().countsAsFailedLookUp(),
                    RedemptionOutcome.Refused::new);
        } catch (Retries.RetriesExhausted e) {
            return foundOut(accountId, requestId, e);
        }
    }

    /** A metric label per outcome: the kind of problem, never anything the shopper typed. */
    static String outcomeName(RedemptionOutcome outcome) {
        if (outcome instanceof RedemptionOutcome.Redeemed) {
            return "redeemed";
        }
        if (outcome instanceof RedemptionOutcome.HeldForReview) {
            return "held_for_review";
        }
        if (outcome instanceof RedemptionOutcome.WarnFirst) {
            return "warned";
        }
        CodeProblem problem = ((RedemptionOutcome.Refused) outcome).problem();
        String kind = problem instanceof CodeProblem.CardRefused refused ? refused.verdict().getClass().getSimpleName()
                : problem.getClass().getSimpleName();
        return kind.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param found the card, its row locked for the transaction; empty when no card matches
     * @param visit where a typed code came from; none for a gift's link (its token proves the gift reached its
     *        recipient: the review rules, made for typed codes, don't apply)
     */
    private RedemptionOutcome redeemInTransaction(long accountId, Optional<GiftCard> found, String requestId,
            Visit visit) {
        if (found.isEmpty()) {
            return new RedemptionOutcome.Refused(new CodeProblem.NotFound());
        }
        GiftCard card = found.get();
        Instant now = clock.instant();
        // Locked before the verdict, which reads its region: the request brought only the account's id, and the row
        // is read once, locked, rather than once before the transaction and again inside it.
        Account account = Account.lockById(accountId);
        CardVerdict verdict = card.verdictFor(account, now);
        if (verdict instanceof CardVerdict.AlreadyRedeemedByYou) {
            // The same form sent again (a double-click, a reload) finds the card it redeemed the first time, and
            // shows that redemption. Looked for only here, so a first submission costs no extra query.
            Optional<LedgerEntry> twin = LedgerEntry.findRedemptionOf(card.id)
                    .filter(entry -> requestId.equals(entry.requestId));
            if (twin.isPresent()) {
                return new RedemptionOutcome.Redeemed(twin.get());
            }
        }
        if (verdict instanceof CardVerdict.InReviewForYou) {
            Optional<RedemptionReview> twin = RedemptionReview.waitingFor(card.id)
                    .filter(review -> requestId.equals(review.requestId));
            if (twin.isPresent()) {
                return new RedemptionOutcome.HeldForReview(twin.get());
            }
        }
        if (!(verdict instanceof CardVerdict.Redeemable)) {
            return new RedemptionOutcome.Refused(new CodeProblem.CardRefused(verdict));
        }
        if (visit != null) {
            FraudSignals.Signals seen = signals.read(account, card, visit.clientAddress(), visit.sessionKey(), now);
            Optional<ScamWarnings.Rule> warning = visit.sessionKey() == null ? Optional.empty()
                    : warnings.due(card, seen, visit.sessionKey(), now);
            if (warning.isPresent()) {
                return new RedemptionOutcome.WarnFirst(warning.get());
            }
            card.traceTo(ClaimGuard.addressScope(visit.clientAddress()), visit.deviceFamily(), now);
            List<RiskRules.Hit> hits = risks.matches(account, card, seen, now);
            if (!hits.isEmpty()) {
                RedemptionReview review = holdForReview(account, card, hits, requestId, now);
                reviews.fire(new ReviewDecided(review.id, account.id, card.id, ReviewDecided.What.HELD,
                        review.amountMinor, review.currency));
                return new RedemptionOutcome.HeldForReview(review);
            }
        }
        card.redeemBy(account, now);
        LedgerEntry entry = ledger.creditRedemption(account, card, requestId);
        redeemed.fire(new CardRedeemed(account.id, card.id, card.batchReference, entry.id));
        return new RedemptionOutcome.Redeemed(entry);
    }

    /** The card is kept for the account, and nothing is credited until staff release it. */
    private static RedemptionReview holdForReview(Account account, GiftCard card, List<RiskRules.Hit> hits,
            String requestId, Instant now) {
        card.reserveForReview(account, now);
        account.reviewStarted(card.amountMinor);
        RedemptionReview review = new RedemptionReview();
        review.giftCardId = card.id;
        review.accountId = account.id;
        review.amountMinor = card.amountMinor;
        review.currency = card.currency;
        review.region = card.region;
        review.rules = String.join("; ", hits.stream().map(RiskRules.Hit::words).toList());
        review.requestId = requestId;
        review.heldAt = now;
        review.status = RedemptionReview.Status.WAITING;
        review.persist();
        return review;
    }
}
