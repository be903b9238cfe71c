package org.giftportal.gift;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.Retries;
import org.giftportal.site.Typed;

/**
 * A gift's delivery as staff see and fix it: its state (from its latest mail), and support sending it again to the
 * same address, in one transaction with its audit entry. Correcting the address moves the code to another mailbox, so
 * it is a value request two admins decide ({@link GiftAddressCorrection}). A gift whose card was redeemed or cancelled
 * is never sent again.
 */
@ApplicationScoped
public class GiftDeliveries implements org.giftportal.ops.Sweep {
    private static final String NOT_ISSUED = "This gift isn't issued yet.";

    private final MailOutbox outbox;
    private final Audit audit;
    private final Retries retries;
    private final Clock clock;
    private final org.giftportal.site.RegionFormats formats;

    GiftDeliveries(MailOutbox outbox, Audit audit, Retries retries, Clock clock,
            org.giftportal.site.RegionFormats formats) {
        this.formats = formats;
        this.outbox = outbox;
        this.audit = audit;
        this.retries = retries;
        this.clock = clock;
    }

    /** Where a gift's email is, in the words of the deliveries list's filter. */
    public enum State {
        /** Ordered, its card not issued yet. */
        WAITING("Not issued yet"),
        SCHEDULED("Scheduled"),
        RETRYING("Retrying"),
        SENT("Sent"),
        FAILED("Failed"),
        /** Not to be sent: its card was redeemed or cancelled first, or the address was corrected. */
        NOT_SENT("Not sent");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The states the deliveries list filters by: it lists issued gifts, whose email is written. */
        public static List<State> filters() {
            return java.util.Arrays.stream(values()).filter(state -> state != WAITING).toList();
        }

        public static Optional<State> parse(String key) {
            return filters().stream().filter(state -> state.key().equals(key)).findFirst();
        }

        /** The HQL condition on the gift's latest mail {@code m} that selects this state. */
        String condition() {
            switch (this) {
                case SCHEDULED:
                    return "m.status = 'PENDING' and m.attempts = 0";
                case RETRYING:
                    return "m.status = 'PENDING' and m.attempts > 0";
                case SENT:
                    return "m.status = 'SENT'";
                case FAILED:
                    return "m.status = 'FAILED'";
                case NOT_SENT:
                    return "m.status = 'VOID'";
                default:
                    throw new IllegalStateException("not a filter: " + this);
            }
        }
    }

    /** Who reads where a gift's email stands: staff (plain states, with times), or the shopper who sent it. */
    public enum Reader {
        STAFF, SENDER
    }

    /** Where a gift's email stands, in words, for staff or for its sender: the one place that says it. */
    public String inWords(Optional<OutboxMail> mail, Reader reader, org.giftportal.site.Region region) {
        State state = stateOf(mail);
        if (state == State.SENT) {
            return (reader == Reader.STAFF ? "Sent " : "Delivered ") + formats.dateTime(mail.get().sentAt, region);
        }
        if (reader == Reader.STAFF) {
            return state == State.SCHEDULED && mail.get().nextAttemptAt.isAfter(clock.instant())
                    ? "Scheduled for " + formats.dateTime(mail.get().nextAttemptAt, region) : state.label();
        }
        return switch (state) {
            case SCHEDULED -> "Scheduled";
            case RETRYING -> "Delivery delayed: we keep trying";
            case FAILED -> "We couldn't deliver it: contact support";
            case NOT_SENT -> "Not sent";
            default -> "Being prepared";
        };
    }

    /** One issued gift of the deliveries list, with its latest mail (none before it is queued). */
    public record Listed(Gift gift, Optional<OutboxMail> mail) {
    }

    /** A page of the deliveries list: at most the limit asked for, and how many gifts match in all. */
    public record Found(List<Listed> gifts, long total) {
    }

    /**
     * Issued gifts by delivery state, order reference (empty: any) and delivery time ({@code from} inclusive,
     * {@code until} exclusive), latest delivery first.
     */
    public static Found search(Optional<State> state, String orderReference, Optional<Instant> from,
            Optional<Instant> until, int limit) {
        StringBuilder where = new StringBuilder("g.giftCardId is not null");
        List<Object> parameters = new java.util.ArrayList<>();
        state.ifPresent(chosen -> where.append(" and ").append(chosen.condition()));
        if (!orderReference.isEmpty()) {
            parameters.add(orderReference);
            where.append(" and g.orderId = (select o.id from GiftOrder o where o.reference = ?")
                    .append(parameters.size()).append(")");
        }
        from.ifPresent(instant -> {
            parameters.add(instant);
            where.append(" and g.deliverAt >= ?").append(parameters.size());
        });
        until.ifPresent(instant -> {
            parameters.add(instant);
            where.append(" and g.deliverAt < ?").append(parameters.size());
        });
        String query = " from Gift g left join OutboxMail m on m.id = g.mailId where " + where;
        var count = Gift.getEntityManager().createQuery("select count(g)" + query, Long.class);
        var rows = Gift.getEntityManager().createQuery("select g, m" + query + " order by g.deliverAt desc, g.id desc",
                Object[].class).setMaxResults(limit);
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            rows.setParameter(i + 1, parameters.get(i));
        }
        return new Found(rows.getResultList().stream().map(row -> new Listed((Gift) row[0],
                Optional.ofNullable((OutboxMail) row[1]))).toList(), count.getSingleResult());
    }

    /** The gifts a shopper sent, or bought through the store, latest delivery first: at most {@code max}. */
    public static List<Listed> sentOrBoughtBy(long accountId, String subject, int max) {
        return Gift.getEntityManager().createQuery("select g, m from Gift g left join OutboxMail m on m.id = g.mailId"
                + " where g.senderAccountId = ?1 or g.orderId in (select o.id from GiftOrder o where o.buyerSubject"
                + " = ?2) order by g.deliverAt desc, g.id desc", Object[].class).setParameter(1, accountId)
                .setParameter(2, subject).setMaxResults(max).getResultList().stream().map(row -> new Listed(
                        (Gift) row[0], Optional.ofNullable((OutboxMail) row[1]))).toList();
    }

    /** An order's issued gifts counted by delivery state. */
    public static Map<State, Long> countsOf(long orderId) {
        List<Object[]> rows = Gift.getEntityManager().createQuery("select m.status, m.attempts, count(g) from Gift g"
                + " join OutboxMail m on m.id = g.mailId where g.orderId = ?1 group by m.status, m.attempts",
                Object[].class).setParameter(1, orderId).getResultList();
        Map<State, Long> byState = new java.util.EnumMap<>(State.class);
        for (Object[] row : rows) {
            byState.merge(stateOf((OutboxMail.Status) row[0], (Integer) row[1]), (Long) row[2], Long::sum);
        }
        return byState;
    }

    /** Every gift of an order in line order, with its latest mail and its card (none before it is issued). */
    public static List<Object[]> giftsOfOrder(long orderId) {
        return Gift.getEntityManager().createQuery("select g, m, c from Gift g left join OutboxMail m"
                + " on m.id = g.mailId left join GiftCard c on c.id = g.giftCardId where g.orderId = ?1"
                + " order by g.lineNumber", Object[].class).setParameter(1, orderId).getResultList();
    }

    public static State stateOf(Optional<OutboxMail> mail) {
        return mail.map(found -> stateOf(found.status, found.attempts)).orElse(State.WAITING);
    }

    private static State stateOf(OutboxMail.Status status, int attempts) {
        switch (status) {
            case SENT:
                return State.SENT;
            case FAILED:
                return State.FAILED;
            case VOID:
                return State.NOT_SENT;
            default:
                return attempts > 0 ? State.RETRYING : State.SCHEDULED;
        }
    }

    /** What became of a resend or a correction. */
    public sealed interface Outcome {
        record Done(String what) implements Outcome {
        }

        record Refused(String why) implements Outcome {
        }
    }

    /** Support sends the gift again, to the address it has, now. */
    public Outcome resend(Actor actor, long giftId, String reason) {
        return retries.inTransaction("gift-resend", () -> {
            Gift gift = issuedGift(giftId);
            if (gift.giftCardId == null) {
                return new Outcome.Refused(NOT_ISSUED);
            }
            GiftCard card = GiftCard.findById(gift.giftCardId);
            Optional<String> problem = sendable(gift, card).or(() -> notWhileQueued(gift));
            if (problem.isPresent()) {
                audit.refused(actor, "gift.resend", Audit.Target.card(card.id, card.cardNumber), reason, problem.get());
                return new Outcome.Refused(problem.get());
            }
            String before = describe(gift);
            gift.mailId = outbox.queue(OutboxMail.toAddress(gift.recipientEmail, OutboxMail.Kind.GIFT)
                    .aboutGift(gift.id).aboutCard(card.id)).id;
            audit.done(actor, "gift.resend", Audit.Target.card(card.id, card.cardNumber), reason, before,
                    "sent again to " + gift.recipientEmail);
            return new Outcome.Done("The gift is on its way to " + gift.recipientEmail + " again.");
        });
    }

    /**
     * Why the gift's address can't be corrected to this one now, if it can't: its card can't be sent any more, its
     * code was delivered already (then the code is out there: cancel the card instead), the address isn't one, or it
     * is the staff member's own.
     */
    static Optional<String> correctionProblem(Gift gift, GiftCard card, String newAddress, Actor actor) {
        return sendable(gift, card).or(() -> notReachedYet(gift)).or(() -> addressProblem(gift, newAddress, actor));
    }

    /**
     * Erases the code and link of gifts that can't be sent any more: the card redeemed or cancelled (a redemption
     * erases its gift's at once), or the retention time after delivery passed. Housekeeping; returns how many.
     */
    public int eraseUnsendable(int batch) {
        Instant now = clock.instant();
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            List<Gift> gifts = Gift.<Gift>find("secretCipher is not null and (secretKeptUntil < ?1 or giftCardId in"
                    + " (select c.id from GiftCard c where c.status in ?2))", now, CardStatus.FINAL).page(0, batch)
                    .list();
            gifts.forEach(Gift::eraseSecret);
            return gifts.size();
        });
    }

    public static Optional<OutboxMail> latestMail(Gift gift) {
        return gift.mailId == null ? Optional.empty() : OutboxMail.findByIdOptional(gift.mailId);
    }

    static Gift issuedGift(long giftId) {
        Gift gift = Gift.findById(giftId, LockModeType.PESSIMISTIC_WRITE);
        if (gift == null) {
            throw new NotFoundException();
        }
        return gift;
    }

    /** Why the gift can't be sent at all any more, if it can't. */
    private static Optional<String> sendable(Gift gift, GiftCard card) {
        if (card.status.isFinal()) {
            return Optional.of("Its card is " + card.status.name().toLowerCase(Locale.ROOT) + ": a gift that can't be"
                    + " used is never sent again.");
        }
        if (!card.isUnused()) {
            return Optional.of("Its card is blocked: unblock it first if it should be sent.");
        }
        if (!gift.mayBeSent()) {
            return Optional.of("Its code is no longer kept (it is erased some time after delivery): replace the"
                    + " card instead.");
        }
        return Optional.empty();
    }

    /** Whether an email with the gift's code went out (always to the address the gift has: see below). */
    public static boolean codeDelivered(Gift gift) {
        return OutboxMail.count("giftId = ?1 and kind = ?2 and status = ?3", gift.id, OutboxMail.Kind.GIFT,
                OutboxMail.Status.SENT) > 0;
    }

    /** Refuses a correction once an email with the code went out: it went to the address the gift has. */
    private static Optional<String> notReachedYet(Gift gift) {
        if (codeDelivered(gift)) {
            return Optional.of("The email with the code was already delivered to " + gift.recipientEmail
                    + ": correcting the address wouldn't stop that code working. Cancel the card from its page"
                    + " instead, and send a new gift to the right address.");
        }
        return Optional.empty();
    }

    private Optional<String> notWhileQueued(Gift gift) {
        Optional<OutboxMail> latest = latestMail(gift);
        if (latest.isPresent() && latest.get().status == OutboxMail.Status.PENDING) {
            return Optional.of(latest.get().nextAttemptAt.isAfter(clock.instant())
                    ? "It isn't sent yet: it goes out at its delivery time, or its next attempt."
                    : "It is being sent right now.");
        }
        return Optional.empty();
    }

    private static Optional<String> addressProblem(Gift gift, String newAddress, Actor actor) {
        String address = Typed.text(newAddress);
        if (!GiftLines.isEmailAddress(address)) {
            return Optional.of("Give the recipient's correct email address.");
        }
        if (address.equalsIgnoreCase(gift.recipientEmail)) {
            return Optional.of("That is the address the gift has already: use \"Send again\" instead.");
        }
        Optional<String> own = Optional.ofNullable(actor.ownAccountId())
                .flatMap(id -> Account.<Account>findByIdOptional(id)).map(account -> account.email);
        if (own.isPresent() && own.get() != null && own.get().equalsIgnoreCase(address)) {
            return Optional.of("That is your own address: staff never send a gift to themselves.");
        }
        return Optional.empty();
    }

    private static String describe(Gift gift) {
        return latestMail(gift).map(mail -> "last email " + mail.status.name().toLowerCase(Locale.ROOT)
                + (mail.lastError == null ? "" : " (" + mail.lastError + ")")).orElse("no email yet");
    }

    /** Housekeeping's part: the codes of gifts that can't be sent again. */
    @Override
    public int forget(int batch) {
        return eraseUnsendable(batch);
    }
}
