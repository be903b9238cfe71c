package org.giftportal.card;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.audit.AuditEntry;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * A card's facts as the staff pages show them, in the card's region's formats: what it is, what happened to it
 * (its dates, till sales and every staff action), the gift it was sent as and the cases that name it.
 */
@ApplicationScoped
public class CardPages {
    private final Regions regions;
    private final RegionFormats formats;
    /** What the features built on cards know of one (its gift, the cases naming it). */
    private final List<CardNotes> notes;

    CardPages(Regions regions, RegionFormats formats, @All List<CardNotes> notes) {
        this.regions = regions;
        this.formats = formats;
        this.notes = notes;
    }

    public record Match(String number, String maskedCode, String status, String value, String region) {
    }

    public record CardView(long id, long version, String digits, String number, String maskedCode, String status,
            String value,
            String regionName, String issued, String expires, String activated, String beforeBlock, String batch,
            String redeemedAt, Long redeemedById, String redeemedByName, boolean blocked, boolean unused,
            boolean cancellable, String replacedBy, String replaces, String codeMail, boolean codeMailFailed,
            boolean activatable, boolean replaceable, Long giftId, String giftTo) {
    }

    public record Event(String at, String what, String by, String reason) {
    }

    public record CaseLink(String reference, String status, String opened) {
    }

    /** The card's facts as its pages show them. */
    public CardView view(GiftCard card) {
        Region region = regions.orDefault(card.region);
        Optional<Account> redeemer = card.redeemedByAccountId == null ? Optional.empty()
                : Account.findByIdOptional(card.redeemedByAccountId);
        Optional<OutboxMail> codeMail = MailOutbox.latestCodeMailFor(card.id);
        Optional<CardNotes.Gift> gift = notes.stream().map(note -> note.gift(card)).flatMap(Optional::stream)
                .findFirst();
        return new CardView(card.id, card.version, card.cardNumber, card.formattedCardNumber(), card.maskedCode(),
                card.status.label(),
                formats.money(Money.of(card.amountMinor, card.currency), region), region.name(),
                formats.dateTime(card.issuedAt, region), card.expiresAt == null ? null
                        : formats.date(card.expiresAt, region),
                card.activatedAt == null ? null : formats.dateTime(card.activatedAt, region),
                card.statusBeforeBlock == null ? null : card.statusBeforeBlock.label(), card.batchReference,
                card.redeemedAt == null ? null : formats.dateTime(card.redeemedAt, region),
                redeemer.map(account -> account.id).orElse(null),
                redeemer.map(account -> account.displayName + (account.email == null ? "" : " (" + account.email
                        + ")")).orElse(null),
                card.status == CardStatus.BLOCKED, card.isUnused(),
                !card.status.isFinal(),
                numberOf(card.replacedByCardId), numberOf(card.replacesCardId), codeMail.map(mail -> state(mail,
                        region)).orElse(null), codeMail.filter(mail -> mail.status == OutboxMail.Status.FAILED)
                        .isPresent(),
                card.status == CardStatus.ISSUED,
                card.isUnused() || card.status == CardStatus.BLOCKED, gift.map(CardNotes.Gift::id).orElse(null),
                gift.map(CardNotes.Gift::to).orElse(null));
    }

    private static String numberOf(Long cardId) {
        return cardId == null ? null : GiftCard.<GiftCard>findByIdOptional(cardId).map(found -> found.cardNumber)
                .orElse(null);
    }

    /** Where the email with a card's code stands, for a replacement card. */
    private String state(OutboxMail mail, Region region) {
        return switch (mail.status) {
            case PENDING -> "waiting to be sent" + (mail.attempts > 0 ? " (" + mail.attempts + " failed attempts: "
                    + mail.lastError + ")" : "");
            case SENT -> "sent " + formats.dateTime(mail.sentAt, region);
            case FAILED -> "failed after " + mail.attempts + " attempts: " + mail.lastError;
            case VOID -> "not sent: " + mail.lastError;
        };
    }

    /** What happened to the card, oldest first: its own dates and every staff action on it. */
    public List<Event> timeline(GiftCard card) {
        Region region = regions.orDefault(card.region);
        List<TimedEvent> events = new ArrayList<>();
        events.add(new TimedEvent(card.issuedAt, card.replacesCardId != null
                ? "Issued as the replacement of card " + numberOf(card.replacesCardId)
                : "Issued" + (card.batchReference == null ? "" : " in batch " + card.batchReference), null, null));
        List<TillSale> sales = TillSale.list("giftCardId = ?1 order by id", card.id);
        for (TillSale sale : sales) {
            events.add(new TimedEvent(sale.createdAt, "Sold and activated at a till (receipt " + sale.storeReference
                    + ")", sale.clientId, null));
            if (sale.voidedAt != null) {
                events.add(new TimedEvent(sale.voidedAt, "Sale cancelled at the till: unsold again", sale.clientId,
                        null));
            }
        }
        if (card.activatedAt != null && sales.stream().noneMatch(sale -> sale.status == TillSale.Status.ACTIVE)) {
            events.add(new TimedEvent(card.activatedAt, "Activated", null, null));
        }
        if (card.redeemedAt != null) {
            events.add(new TimedEvent(card.redeemedAt, "Redeemed", null, null));
        }
        AuditEntry.<AuditEntry>list("targetType = ?1 and targetId = ?2 order by at, id", AuditEntry.TargetType.CARD,
                card.id).forEach(entry -> events.add(new TimedEvent(entry.at, describe(entry), entry.actorName,
                entry.reason)));
        return events.stream().sorted(Comparator.comparing(TimedEvent::at))
                .map(event -> new Event(formats.dateTime(event.at(), region), event.what(), event.by(),
                        event.reason()))
                .toList();
    }

    private record TimedEvent(Instant at, String what, String by, String reason) {
    }

    private static String describe(AuditEntry entry) {
        String action = switch (entry.action) {
            case "card.block" -> "Blocked";
            case "card.unblock" -> "Unblocked";
            case "card.cancel" -> "Cancelled";
            case "card.find-by-code" -> "Looked up by its claim code";
            case "replace.done" -> "Replaced: " + entry.after;
            case "replace.request" -> "Replacement asked";
            case "activate.done" -> "Activated by staff";
            case "activate.request" -> "Activation asked";
            default -> entry.action;
        };
        return entry.outcome == AuditEntry.Outcome.DONE ? action
                : action + " (" + entry.outcome.name().toLowerCase(Locale.ROOT) + ": " + entry.after + ")";
    }

    /** The shoppers' cases that name the card, newest first. */
    public List<CaseLink> cases(GiftCard card) {
        Region region = regions.orDefault(card.region);
        return notes.stream().flatMap(note -> note.cases(card).stream()).map(found -> new CaseLink(
                found.reference(), found.status(), formats.dateTime(found.opened(), region))).toList();
    }


    /** The lost-card reviews waiting: blocked cards, the oldest first. */
    List<Match> blocked(int most) {
        return GiftCard.<GiftCard>find("status = ?1 order by id", CardStatus.BLOCKED).page(0, most).list().stream()
                .map(this::match).toList();
    }

    /** A region's cards whose claim code ends so, the newest first. */
    List<Match> endingIn(String lastFour, String region, int most) {
        return GiftCard.<GiftCard>find("codeLast4 = ?1 and region = ?2 order by issuedAt desc", lastFour, region)
                .page(0, most).list().stream().map(this::match).toList();
    }

    public Match match(GiftCard card) {
        Region region = regions.orDefault(card.region);
        return new Match(card.cardNumber, card.maskedCode(), card.status.label(),
                formats.money(Money.of(card.amountMinor, card.currency), region), region.name());
    }
}
