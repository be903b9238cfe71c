package org.giftportal.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.PortalConfig;

/**
 * Opens and moves support cases: the transactions that span a case, its messages, its attachments and (for a lost
 * or stolen card) the card itself.
 */
@ApplicationScoped
public class SupportCases {
    static final int MIN_DESCRIPTION = 10;
    static final int MAX_DESCRIPTION = 5000;
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final String REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** What every case number looks like. */
    static final Pattern REFERENCE = Pattern.compile("GC-[" + REFERENCE_ALPHABET + "]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GiftCards cards;
    private final ClaimCodeHasher hasher;
    private final ClaimGuard guard;
    private final Event<CaseOpened> opened;
    private final Clock clock;
    private final PortalConfig.Cases settings;

    SupportCases(GiftCards cards, ClaimCodeHasher hasher, ClaimGuard guard, Event<CaseOpened> opened, Clock clock,
            PortalConfig config) {
        this.cards = cards;
        this.hasher = hasher;
        this.guard = guard;
        this.opened = opened;
        this.clock = clock;
        this.settings = config.cases();
    }

    /** The case opened, or what is wrong with the form, field by field (nothing is stored then). */
    public record OpenResult(SupportCase opened, Map<String, String> errors) {
        public boolean isOpened() {
            return opened != null;
        }
    }

    public OpenResult open(Account account, NewCase form, String clientAddress) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<CaseTopic> topic = CaseTopic.parse(form.topic());
        if (topic.isEmpty()) {
            errors.put("topic", "Choose what your problem is about.");
        }
        String description = form.description() == null ? "" : form.description().strip();
        if (description.length() < MIN_DESCRIPTION) {
            errors.put("description", "Tell us what happened, in a sentence or two.");
        } else if (description.length() > MAX_DESCRIPTION) {
            errors.put("description", "Please keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        String orderNumber = form.orderNumber() == null ? "" : form.orderNumber().strip();
        if (!orderNumber.isEmpty() && !ORDER_NUMBER.matcher(orderNumber).matches()) {
            errors.put("orderNumber", "An order number has letters, digits and dashes only, like W-1234-5678.");
        }
        Optional<ClaimCode> code = Optional.empty();
        String typedCode = form.cardCode() == null ? "" : form.cardCode().strip();
        if (!typedCode.isEmpty()) {
            ClaimCode.Parsed parsed = ClaimCode.parse(typedCode);
            if (parsed.isValid()) {
                code = Optional.of(parsed.code());
            } else {
                errors.put("cardCode", "That card code looks mistyped: check it, or leave the field empty.");
            }
        }
        List<NewCase.Upload> uploads = form.uploads().stream()
                .filter(upload -> !upload.isEmptyField()).toList();
        checkUploads(uploads, errors);
        if (topic.orElse(null) == CaseTopic.LOST_OR_STOLEN && uploads.isEmpty() && !errors.containsKey("attachments")) {
            errors.put("attachments", "Attach proof of purchase (a receipt or order confirmation) so we can act on"
                    + " the report.");
        }
        if (!errors.isEmpty()) {
            return new OpenResult(null, errors);
        }
        // A lost card's code is looked up: under the claim-code lock like any other look-up.
        boolean looksUpCard = code.isPresent() && topic.get() == CaseTopic.LOST_OR_STOLEN;
        Optional<ClaimCode> cardCode = code;
        CaseTopic chosen = topic.get();
        String order = orderNumber.isEmpty() ? null : orderNumber;
        return QuarkusTransaction.requiringNew().call(() -> {
            ClaimGuard.Admission admission = looksUpCard ? guard.admit(account.id, clientAddress) : null;
            if (admission != null && !admission.admitted()) {
                return new OpenResult(null, Map.of("cardCode", "Card codes can't be looked up on your account"
                        + " right now after several that didn't work. Leave this field empty and we'll find the"
                        + " card from your receipt."));
            }
            Optional<GiftCard> card = looksUpCard ? cards.lockForRedemption(cardCode.get()) : Optional.empty();
            boolean putOnHold = card.map(GiftCard::isUnused).orElse(false);
            SupportCase supportCase = persist(account, chosen, cardCode, card, order, description, uploads);
            if (admission != null) {
                // Only a card this report froze is no failed look-up; anything else counts like a wrong code.
                guard.settle(admission.attempt(), !putOnHold);
            }
            return new OpenResult(supportCase, Map.of());
        });
    }

    /** Writes the case; the card (if one was looked up) is already locked, before any row of the account's. */
    private SupportCase persist(Account account, CaseTopic topic, Optional<ClaimCode> code, Optional<GiftCard> card,
            String orderNumber, String description, List<NewCase.Upload> uploads) {
        Instant now = clock.instant();
        SupportCase supportCase = new SupportCase();
        supportCase.reference = newReference();
        supportCase.accountId = account.id;
        supportCase.topic = topic;
        supportCase.status = CaseStatus.OPEN;
        code.ifPresent(claimCode -> {
            supportCase.cardCodeHash = hasher.hash(claimCode);
            supportCase.cardLast4 = claimCode.lastFour();
        });
        supportCase.orderNumber = orderNumber;
        supportCase.description = description;
        supportCase.createdAt = now;
        supportCase.updatedAt = now;
        supportCase.persist();
        CaseMessage.add(supportCase, AuthorRole.CUSTOMER, account.displayName, description, now);
        for (NewCase.Upload upload : uploads) {
            attach(supportCase, upload, now);
        }
        String cardNote = null;
        if (topic == CaseTopic.LOST_OR_STOLEN && code.isPresent()) {
            cardNote = card.map(SupportCases::holdIfUnused).orElse("We couldn't find a card with that code."
                    + " We'll find it from your proof of purchase.");
            CaseMessage.add(supportCase, AuthorRole.SYSTEM, "Gift Card Portal", cardNote, now);
        }
        opened.fire(new CaseOpened(account.email, account.displayName, supportCase.reference, topic.label(),
                cardNote));
        return supportCase;
    }

    /** A lost or stolen card that nobody has redeemed is frozen at once, before anyone reviews the report. */
    private static String holdIfUnused(GiftCard card) {
        if (card.isUnused()) {
            card.block();
            return "The card " + card.maskedCode() + " is now on hold: nobody can redeem it while we review"
                    + " your report.";
        }
        if (card.status == CardStatus.REDEEMED) {
            return "The card " + card.maskedCode() + " was already redeemed before your report. We'll look into"
                    + " who redeemed it.";
        }
        return "The card " + card.maskedCode() + " was already on hold or cancelled.";
    }

    private static void attach(SupportCase supportCase, NewCase.Upload upload, Instant now) {
        CaseAttachment attachment = new CaseAttachment();
        attachment.caseId = supportCase.id;
        attachment.fileName = safeFileName(upload.fileName());
        attachment.contentType = AttachmentType.sniff(upload.content()).orElseThrow().mediaType();
        attachment.sizeBytes = upload.content().length;
        attachment.sha256 = sha256(upload.content());
        attachment.content = upload.content();
        attachment.createdAt = now;
        attachment.persist();
    }

    private static void checkUploads(List<NewCase.Upload> uploads, Map<String, String> errors) {
        if (uploads.size() > CaseAttachment.MAX_PER_CASE) {
            errors.put("attachments", "Attach up to " + CaseAttachment.MAX_PER_CASE + " files.");
            return;
        }
        for (NewCase.Upload upload : uploads) {
            String name = safeFileName(upload.fileName());
            if (upload.size() == 0) {
                errors.put("attachments", name + " is empty.");
            } else if (upload.size() > CaseAttachment.MAX_BYTES || upload.content() == null) {
                errors.put("attachments", name + " is larger than 5 MB. Attach a smaller photo or a PDF.");
            } else if (AttachmentType.sniff(upload.content()).isEmpty()) {
                errors.put("attachments", name + " isn't a PNG, JPEG or PDF file, whatever its name says.");
            }
        }
    }

    /** The shopper's reply; a case that waited on them goes back to the team. */
    public Optional<SupportCase> reply(Account account, String reference, String body) {
        Instant now = clock.instant();
        return onceMoreIfChangedMeanwhile(() -> SupportCase.findOwned(account.id, reference)
                .map(supportCase -> {
                    supportCase.customerReplied(now);
                    CaseMessage.add(supportCase, AuthorRole.CUSTOMER, account.displayName, body, now);
                    return supportCase;
                }));
    }

    /** What came of asking for escalation: done, or too early. */
    public enum Escalation {
        ESCALATED, NOT_YET
    }

    /** Escalates the shopper's case if it has waited long enough unresolved; empty if they have no such case. */
    public Optional<Escalation> escalate(Account account, String reference) {
        Instant now = clock.instant();
        return onceMoreIfChangedMeanwhile(() -> SupportCase.findOwned(account.id, reference)
                .map(supportCase -> {
                    if (!supportCase.mayEscalate(now, settings.escalateAfter())) {
                        return Escalation.NOT_YET;
                    }
                    supportCase.escalate(now, settings.escalateAfter());
                    CaseMessage.add(supportCase, AuthorRole.SYSTEM, "Gift Card Portal",
                            "You asked for this case to be escalated. A senior team member will take it over.", now);
                    return Escalation.ESCALATED;
                }));
    }

    /**
     * Runs a change of a case in its own transaction, and runs it again if support changed the same case at the
     * same moment (the case's version moved on): the second run sees their change.
     */
    private static <T> T onceMoreIfChangedMeanwhile(java.util.concurrent.Callable<T> change) {
        try {
            return QuarkusTransaction.requiringNew().call(change);
        } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleObjectStateException e) {
            return QuarkusTransaction.requiringNew().call(change);
        }
    }

    private static String newReference() {
        while (true) {
            StringBuilder reference = new StringBuilder("GC-");
            for (int i = 0; i < 8; i++) {
                reference.append(REFERENCE_ALPHABET.charAt(RANDOM.nextInt(REFERENCE_ALPHABET.length())));
            }
            if (SupportCase.findByReference(reference.toString()).isEmpty()) {
                return reference.toString();
            }
        }
    }

    static String safeFileName(String name) {
        String base = blank(name) ? "attachment" : name.replaceAll(".*[/\\\\]", "");
        String cleaned = base.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        return cleaned.isEmpty() ? "attachment" : cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
