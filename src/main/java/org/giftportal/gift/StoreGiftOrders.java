package org.giftportal.gift;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.CardBatches;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.giftportal.site.Typed;

/**
 * E-gift cards a shopper bought at the store's checkout: the same gifts, rules and delivery as staff orders, but paid
 * for, so issued without a second admin; one order per store order reference; cancelled (unredeemed cards cancelled,
 * unsent emails withdrawn) when the store refunds the buyer. Each in the caller's transaction. No answer ever holds a
 * claim code: the portal delivers them.
 */
@ApplicationScoped
public class StoreGiftOrders {
    /** A checkout sells a handful of gifts at once; a company's thousands go through the back office's file. */
    public static final int MAX_GIFTS = 50;

    private final Regions regions;
    private final CardBatches batches;
    private final MailOutbox outbox;
    private final Clock clock;
    private final Event<GiftOrders.OrderConfirmed> confirmed;

    private final org.giftportal.card.CardEvents cardEvents;
    private final Event<GiftOrderChanged> changes;

    StoreGiftOrders(Regions regions, CardBatches batches, MailOutbox outbox, Clock clock,
            Event<GiftOrders.OrderConfirmed> confirmed, org.giftportal.card.CardEvents cardEvents,
            Event<GiftOrderChanged> changes) {
        this.cardEvents = cardEvents;
        this.changes = changes;
        this.regions = regions;
        this.batches = batches;
        this.outbox = outbox;
        this.clock = clock;
        this.confirmed = confirmed;
    }

    /** One gift as the checkout sends it: the amount in minor units, the delivery time local to the sender's zone. */
    public record GiftLine(String recipientName, String recipientEmail, Long amount, String message,
            String senderName, String deliverAt, String theme) {
    }

    /** A store order of gifts: where the cards are for, the buyer's zone, the buyer (OIDC subject), the gifts. */
    public record Order(String orderReference, String region, String currency, String senderZone, String buyer,
            List<GiftLine> gifts) {
    }

    /** What came of a request: the order, or why not (with the gifts' problems by index). */
    public record Outcome(Optional<GiftOrder> order, boolean existing, Optional<Refusal> refusal) {
        static Outcome refused(int status, String type, String detail) {
            return new Outcome(Optional.empty(), false, Optional.of(new Refusal(status, type, detail, List.of())));
        }
    }

    public record Refusal(int status, String type, String detail, List<Map<String, Object>> errors) {
    }

    public Outcome place(String client, Order request) {
        String reference = Typed.text(request.orderReference());
        if (reference.isEmpty() || reference.length() > 100) {
            return Outcome.refused(422, "invalid-request", "orderReference is required: 1 to 100 characters.");
        }
        if (request.buyer() != null && (request.buyer().length() > 255
                || request.buyer().codePoints().anyMatch(Character::isISOControl))) {
            return Outcome.refused(422, "invalid-request", "buyer is the buyer's OIDC subject: up to 255 characters.");
        }
        // Read locked: an order of this reference being placed right now (inserted, not yet committed) is waited for,
        // then found. Two retries that both read before either inserts meet at the unique key instead (read
        // committed takes no gap locks), and the API runs the loser again (EgiftOrderApiResource).
        Optional<GiftOrder> earlier = GiftOrder.find("clientId = ?1 and storeOrderReference = ?2", client, reference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (earlier.isPresent()) {
            return sameOrder(earlier.get(), request) ? new Outcome(earlier, true, Optional.empty())
                    : Outcome.refused(409, "order-reference-used", "Order " + reference + " was placed already with"
                            + " other gifts: an order reference names one order.");
        }
        Optional<Region> region = Optional.ofNullable(request.region()).flatMap(regions::find);
        if (region.isEmpty()) {
            return Outcome.refused(422, "invalid-request", "region must be one of the portal's regions.");
        }
        if (!region.get().currency().getCurrencyCode().equals(request.currency())) {
            return Outcome.refused(422, "currency-mismatch", "Cards of region " + region.get().code() + " are in "
                    + region.get().currency().getCurrencyCode() + ".");
        }
        Optional<ZoneId> zone = zone(request.senderZone(), region.get());
        if (zone.isEmpty()) {
            return Outcome.refused(422, "invalid-request", "senderZone must be a time zone such as"
                    + " America/New_York.");
        }
        List<GiftLine> lines = request.gifts() == null ? List.of() : request.gifts();
        if (lines.isEmpty() || lines.size() > MAX_GIFTS) {
            return Outcome.refused(422, "invalid-request", "gifts holds 1 to " + MAX_GIFTS + " gifts.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<GiftLines.Valid> valid = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            GiftLines.Checked checked = lines.get(i) == null ? GiftLines.Checked.wrong("A gift is an object with its"
                    + " recipient, amount, sender and theme.") : check(lines.get(i), region.get(), zone.get(), now);
            if (checked.gift().isPresent()) {
                valid.add(checked.gift().get());
            } else {
                errors.add(Map.of("index", i, "problem", checked.problem()));
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome(Optional.empty(), false, Optional.of(new Refusal(422, "invalid-gifts", errors.size()
                    + " of the gifts can't be sent as they are: see errors.", errors)));
        }
        return new Outcome(Optional.of(issue(client, reference, request.buyer(), region.get(), zone.get(), valid,
                now)), false, Optional.empty());
    }

    /** The store refunded the buyer: unredeemed cards are cancelled and their unsent emails withdrawn. */
    public Outcome cancel(String client, long orderId) {
        Optional<GiftOrder> found = GiftOrder.<GiftOrder>findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE)
                .filter(order -> client.equals(order.clientId));
        if (found.isEmpty()) {
            return Outcome.refused(404, "egift-order-not-found", "There is no e-gift order " + orderId + ".");
        }
        GiftOrder order = found.get();
        if (order.status == GiftOrder.Status.CANCELLED) {
            return Outcome.refused(409, "egift-order-cancelled", "Order " + order.storeOrderReference + " was"
                    + " cancelled already.");
        }
        if (order.status != GiftOrder.Status.ISSUED) {
            return Outcome.refused(409, "egift-order-issuing", "Order " + order.storeOrderReference + " is being"
                    + " issued: try again in a few seconds.");
        }
        for (Gift gift : Gift.<Gift>list("orderId", order.id)) {
            GiftCard card = GiftCard.findById(gift.giftCardId, LockModeType.PESSIMISTIC_WRITE);
            if (!card.status.isFinal()) {
                card.cancel(clock.instant());
                cardEvents.told(card, org.giftportal.card.CardChanged.What.CANCELLED);
                outbox.withdrawGift(gift.id, "the store cancelled the order");
                gift.eraseSecret();
            }
        }
        order.status = GiftOrder.Status.CANCELLED;
        order.cancelledAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        changes.fire(new GiftOrderChanged(order.id, GiftOrderChanged.What.CANCELLED));
        return new Outcome(Optional.of(order), false, Optional.empty());
    }

    private GiftOrder issue(String client, String reference, String buyer, Region region, ZoneId zone,
            List<GiftLines.Valid> gifts, Instant now) {
        GiftOrder order = new GiftOrder();
        order.reference = batches.newReference(GiftOrder.REFERENCE_LETTER);
        order.name = "Store order " + reference;
        order.region = region.code();
        order.currency = region.currency().getCurrencyCode();
        order.senderZone = zone.getId();
        order.source = GiftOrder.Source.STORE;
        order.status = GiftOrder.Status.CHECKED;
        order.createdBySubject = client;
        order.createdByName = "Store checkout (" + client + ")";
        order.createdAt = now;
        order.clientId = client;
        order.storeOrderReference = reference;
        order.buyerSubject = buyer == null || buyer.isBlank() ? null : buyer.strip();
        order.lineCount = gifts.size();
        order.totalMinor = gifts.stream().mapToLong(GiftLines.Valid::amountMinor).sum();
        order.persist();
        Long buyerAccount = Optional.ofNullable(order.buyerSubject).flatMap(Account::findBySubject)
                .map(account -> account.id).orElse(null);
        for (int i = 0; i < gifts.size(); i++) {
            GiftLines.Valid valid = gifts.get(i);
            Gift gift = new Gift();
            gift.orderId = order.id;
            gift.lineNumber = i + 1;
            gift.recipientName = valid.recipientName();
            gift.recipientEmail = valid.recipientEmail();
            gift.senderName = valid.senderName();
            gift.message = valid.message();
            gift.theme = valid.theme();
            gift.amountMinor = valid.amountMinor();
            gift.currency = order.currency;
            gift.deliverAt = valid.deliverAt().truncatedTo(ChronoUnit.MICROS);
            gift.senderZone = order.senderZone;
            gift.senderAccountId = buyerAccount;
            gift.createdAt = now;
            gift.persist();
        }
        order.startIssuingPaid();
        confirmed.fire(new GiftOrders.OrderConfirmed(order.id));
        return order;
    }

    /** The staff form's rules, given the checkout's minor units as the whole units they must be. */
    private static GiftLines.Checked check(GiftLine line, Region region, ZoneId zone, Instant now) {
        long unit = region.minorUnits(1);
        if (line.amount() == null || line.amount() % unit != 0) {
            return GiftLines.Checked.wrong("amount is in minor units and must be whole " + region.currency()
                    .getCurrencyCode() + " (e.g. " + 25 * unit + " for 25), from " + region.minDenomination() + " to "
                    + region.maxDenomination() + ".");
        }
        String amount = String.valueOf(line.amount() / unit);
        return GiftLines.check(new GiftLines.Typed(line.recipientName(), line.recipientEmail(), amount,
                line.message(), line.senderName(), line.deliverAt() == null ? "" : line.deliverAt(), line.theme()),
                region, zone, now);
    }

    /** The same gifts again (a retried checkout): same recipients, in order, for the same amounts. */
    private static boolean sameOrder(GiftOrder order, Order request) {
        List<Gift> gifts = Gift.list("orderId = ?1 order by lineNumber", order.id);
        if (request.gifts() == null || request.gifts().size() != gifts.size()) {
            return false;
        }
        for (int i = 0; i < gifts.size(); i++) {
            GiftLine line = request.gifts().get(i);
            if (line == null || line.recipientEmail() == null || line.amount() == null
                    || !line.recipientEmail().strip().equalsIgnoreCase(gifts.get(i).recipientEmail)
                    || line.amount() != gifts.get(i).amountMinor) {
                return false;
            }
        }
        return true;
    }

    private static Optional<ZoneId> zone(String text, Region region) {
        if (text == null || text.isBlank()) {
            return Optional.of(region.timeZone());
        }
        try {
            return Optional.of(ZoneId.of(text.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
