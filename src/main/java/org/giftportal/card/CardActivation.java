package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.Money;

/**
 * Activates unsold cards (ISSUED → ACTIVE), as a till does when it sells one: one card, or every unsold card of a
 * batch. A blocked card stays blocked (unblocking later returns it to unsold). No ledger entry: a card's value reaches
 * a balance only when it is redeemed.
 */
@ApplicationScoped
public class CardActivation implements ValueAction {
    private final Clock clock;
    private final org.giftportal.site.Regions regions;

    private final CardEvents events;

    CardActivation(Clock clock, org.giftportal.site.Regions regions, CardEvents events) {
        this.events = events;
        this.clock = clock;
        this.regions = regions;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.ACTIVATE;
    }

    /** The value an activation would make spendable: the unsold cards' values, in their currency. */
    public static long unsoldValue(String batchReference) {
        return GiftCard.getEntityManager().createQuery("select coalesce(sum(c.amountMinor), 0) from GiftCard c"
                        + " where c.batchReference = ?1 and c.status = ?2", Long.class)
                .setParameter(1, batchReference).setParameter(2, CardStatus.ISSUED).getSingleResult();
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return request.cardId != null ? new Audit.Target(AuditEntry.TargetType.CARD, request.cardId,
                GiftCard.<GiftCard>findByIdOptional(request.cardId).map(card -> card.cardNumber).orElse(null))
                : new Audit.Target(AuditEntry.TargetType.BATCH, null, request.batchReference);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        List<GiftCard> unsold = lockUnsold(request);
        if (unsold.isEmpty()) {
            return Optional.of(request.cardId != null ? "Only an unsold card (issued, not activated) can be activated."
                    : "No card of this batch is waiting to be activated.");
        }
        long value = unsold.stream().mapToLong(card -> card.amountMinor).sum();
        if (value != request.amountMinor) {
            // Cards unblocked back to unsold since the request: its approval covered less than would be activated.
            return Optional.of("The batch's unsold cards changed since this was asked for (now worth "
                    + Money.of(value, request.currency).decimal() + " " + request.currency + "): ask again.");
        }
        if (request.cardId != null ? CardDesk.isOwn(unsold.get(0), actor) : hasOwnCard(request.batchReference, actor)) {
            return Optional.of("Staff may not activate their own card: ask a colleague.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        List<GiftCard> unsold = lockUnsold(request);
        unsold.forEach(card -> {
            card.activate(clock.instant(), regions.orDefault(card.region));
            events.told(card, CardChanged.What.ACTIVATED);
        });
        return Done.changed(unsold.size() + (unsold.size() == 1 ? " card" : " cards") + " issued, not activated",
                "activated " + unsold.size() + (request.cardId != null ? " card " + unsold.get(0).cardNumber
                        : " cards of batch " + request.batchReference));
    }

    /** Whether the member of staff opened a case, as a shopper, about a card of the batch (one query, not one a card). */
    private static boolean hasOwnCard(String batchReference, Actor actor) {
        return actor.ownAccountId() != null && GiftCard.getEntityManager().createQuery("select count(c)"
                        + " from SupportCase c, GiftCard g where c.accountId = ?1 and c.cardCodeHash = g.codeHash"
                        + " and g.batchReference = ?2", Long.class)
                .setParameter(1, actor.ownAccountId()).setParameter(2, batchReference).getSingleResult() > 0;
    }

    /** The unsold cards the request names, their rows locked until it is carried out. */
    private static List<GiftCard> lockUnsold(ValueRequest request) {
        return request.cardId != null
                ? GiftCard.<GiftCard>find("id = ?1 and status = ?2", request.cardId, CardStatus.ISSUED)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                : GiftCard.<GiftCard>find("batchReference = ?1 and status = ?2 order by id", request.batchReference,
                        CardStatus.ISSUED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
