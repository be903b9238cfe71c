package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.GiftCard;
import org.giftportal.card.TillSales;
import org.giftportal.site.PortalConfig;

/**
 * A card sold at the till, as a value request of the store's desk: the cashier activates a plastic card the customer
 * just paid for. Alone within the cashier's daily limit (refunds and sales together); above it, another cashier of the
 * store approves while the sale waits on the till. Carried out through the cards' own rule of selling
 * ({@link TillSales}), under the store's till as the seller.
 */
@ApplicationScoped
public class TillCardSales implements ValueAction {
    private final TillSales sales;
    private final Stores stores;
    private final TillWords words;
    private final PortalConfig.Till settings;

    TillCardSales(TillSales sales, Stores stores, TillWords words, PortalConfig config) {
        this.sales = sales;
        this.stores = stores;
        this.words = words;
        this.settings = config.till();
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.TILL_ACTIVATION;
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return Audit.Target.card(request.cardId, GiftCard.<GiftCard>findByIdOptional(request.cardId)
                .map(card -> card.cardNumber).orElse(null));
    }

    @Override
    public Rule rule(ValueRequest request, Limits backOffice) {
        return new Rule(request.desk(), TillLimits.sales(settings, request.currency), request.amountMinor,
                Optional.empty());
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<Stores.Store> store = request.desk().store().flatMap(stores::find);
        Optional<GiftCard> card = GiftCard.findByIdOptional(request.cardId, LockModeType.PESSIMISTIC_WRITE);
        if (store.isEmpty() || card.isEmpty()) {
            return Optional.of("No card has this number. Check it against the card.");
        }
        return TillSales.saleProblem(card.get(), request.amountMinor, request.currency)
                .map(refusal -> words.saleRefusal(refusal, store.get()));
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Stores.Store store = request.desk().store().flatMap(stores::find).orElseThrow();
        GiftCard card = GiftCard.findById(request.cardId);
        TillSales.Outcome sold = sales.activate(Till.client(store), new TillSales.Sale(card.cardNumber,
                request.amountMinor, request.currency, request.saleReference));
        if (sold.refusal().isPresent()) {
            throw new NotPossible(words.saleRefusal(sold.refusal().get(), store));
        }
        return Done.changed("Unsold", "Active: sold at " + store.name() + " for " + words.money(card.amountMinor,
                store) + " (receipt " + request.saleReference + ")");
    }
}
