package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.audit.AuditEntry;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.Csv;

/**
 * Issues a batch of cards for a region (one card is a batch of one). Their claim codes leave the portal once: as the
 * CSV file answering the POST that issued them. After that only card numbers and last four characters exist.
 */
@ApplicationScoped
public class CardBatches implements ValueAction {
    /** The most cards one back-office batch holds; larger orders are several batches. */
    public static final int MAX_CARDS = 2_000;
    private static final String REFERENCE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final CardIssuing issuing;
    private final Regions regions;
    private final Clock clock;
    private final RegionFormats formats;

    CardBatches(CardIssuing issuing, Regions regions, Clock clock, RegionFormats formats) {
        this.issuing = issuing;
        this.regions = regions;
        this.clock = clock;
        this.formats = formats;
    }

    @Override
    public ValueRequest.Kind kind() {
        return ValueRequest.Kind.ISSUE;
    }

    /** A new batch's reference: the day it was asked for and random letters, e.g. B20261126-7KQ2MX. */
    public String newReference() {
        return newReference('B');
    }

    /** A reference of that letter (G for gift orders), from the day and random letters: G20261126-7KQ2MX. */
    public String newReference(char letter) {
        StringBuilder reference = new StringBuilder().append(letter).append(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .format(DateTimeFormatter.BASIC_ISO_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            reference.append(REFERENCE_LETTERS.charAt(RANDOM.nextInt(REFERENCE_LETTERS.length())));
        }
        return reference.toString();
    }

    @Override
    public Audit.Target target(ValueRequest request) {
        return new Audit.Target(AuditEntry.TargetType.BATCH, null, request.batchReference);
    }

    @Override
    public Optional<String> problem(ValueRequest request, Actor actor) {
        Optional<Region> region = regions.find(request.region);
        if (region.isEmpty() || !region.get().currency().getCurrencyCode().equals(request.currency)) {
            return Optional.of("Cards are issued for one of the portal's regions, in its currency.");
        }
        if (request.cardCount == null || request.cardCount < 1 || request.cardCount > MAX_CARDS) {
            return Optional.of("A batch holds 1 to " + MAX_CARDS + " cards.");
        }
        long min = region.get().minorUnits(region.get().minDenomination());
        long max = region.get().minorUnits(region.get().maxDenomination());
        if (request.cardValueMinor == null || request.cardValueMinor < min || request.cardValueMinor > max
                || request.cardValueMinor % region.get().minorUnits(1) != 0) {
            return Optional.of("Cards in " + region.get().name() + " are worth a whole number from "
                    + region.get().minDenomination() + " to " + region.get().maxDenomination() + " "
                    + request.currency + ".");
        }
        if (CardBatch.findByReference(request.batchReference).isPresent()) {
            return Optional.of("A batch with reference " + request.batchReference + " exists already.");
        }
        return Optional.empty();
    }

    @Override
    public Done carryOut(ValueRequest request, Actor actor) {
        Region region = regions.find(request.region).orElseThrow();
        CardBatch batch = new CardBatch();
        batch.reference = request.batchReference;
        batch.name = request.batchName;
        batch.region = region.code();
        batch.currency = request.currency;
        batch.cardValueMinor = request.cardValueMinor;
        batch.cardCount = request.cardCount;
        batch.physical = Boolean.TRUE.equals(request.physical);
        batch.valueRequestId = request.id;
        batch.issuedBySubject = actor.subject();
        batch.issuedByName = actor.name();
        batch.issuedAt = clock.instant();
        batch.persist();
        long wholeUnits = request.cardValueMinor / region.minorUnits(1);
        List<IssuedCard> cards = issuing.issueBatch(new CardIssuing.Order(region.code(), wholeUnits, !batch.physical,
                batch.reference), batch.cardCount);
        String after = batch.cardCount + (batch.cardCount == 1 ? " card" : " cards") + " of "
                + Money.of(batch.cardValueMinor, batch.currency).decimal() + " " + batch.currency + " in "
                + region.name() + ", " + (batch.physical ? "issued unsold (physical)" : "active (online)")
                + ", batch " + batch.reference + " \"" + batch.name + "\"; claim codes handed over once";
        return new Done("no batch", after, Optional.of(new Download("batch-" + batch.reference + "-codes.csv",
                "text/csv; charset=UTF-8", csv(batch, cards), "Batch " + batch.reference + " is issued: "
                + batch.cardCount + (batch.cardCount == 1 ? " card" : " cards") + " of "
                + formats.money(Money.of(batch.cardValueMinor, batch.currency), region) + ".",
                "/backoffice/batches/" + batch.reference)));
    }

    /** The once-only file: one row per card, its number, its claim code and what it is. */
    private static byte[] csv(CardBatch batch, List<IssuedCard> cards) {
        StringBuilder text = new StringBuilder("card_number,claim_code,value,currency,region,status,expires,batch,"
                + "batch_name\r\n");
        for (IssuedCard issued : cards) {
            GiftCard card = issued.card();
            text.append(String.join(",", card.cardNumber, issued.code().formatted(),
                    Money.of(card.amountMinor, card.currency).decimal().toPlainString(), card.currency, card.region,
                    card.status.name(), card.expiresAt == null ? "" : card.expiresAt.toString(), batch.reference,
                    Csv.field(batch.name))).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
