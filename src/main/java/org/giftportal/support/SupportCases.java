package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.CardNumber;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.card.GiftCard;
import org.giftportal.card.GiftCards;
import org.giftportal.ops.Retries;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Typed;

/**
 * Opens and moves support cases: the transactions that span a case, its messages, its attachments and (for a lost
 * or stolen card) the card itself.
 *
 * <p>One account can't hurt everyone through its cases: every form is checked before any file is read, files are
 * streamed into the {@link AttachmentStore} (never whole into memory, never into the ledger's database), and a day's
 * cases and attachment bytes per account are bounded, exactly, under the account's row lock.
 */
@ApplicationScoped
public class SupportCases {
    static final int MIN_DESCRIPTION = 10;
    static final int MAX_DESCRIPTION = 5000;
    private static final Duration QUOTA_PERIOD = Duration.ofDays(1);
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final String REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** What every case number looks like. */
    static final Pattern REFERENCE = Pattern.compile("GC-[" + REFERENCE_ALPHABET + "]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PORTAL_AUTHOR = "Gift Card Portal";

    private final GiftCards cards;
    private final ClaimCodeHasher hasher;
    private final ClaimGuard guard;
    private final AttachmentStore store;
    private final Retries retries;
    private final Event<CaseOpened> opened;
    private final Clock clock;
    private final PortalConfig.Cases settings;
    private final org.giftportal.audit.Audit audit;

    SupportCases(GiftCards cards, ClaimCodeHasher hasher, ClaimGuard guard, AttachmentStore store, Retries retries,
            Event<CaseOpened> opened, Clock clock, PortalConfig config, org.giftportal.audit.Audit audit) {
        this.audit = audit;
        this.cards = cards;
        this.hasher = hasher;
        this.guard = guard;
        this.store = store;
        this.retries = retries;
        this.opened = opened;
        this.clock = clock;
        this.settings = config.cases();
    }

    /** The case opened, or what is wrong with the form, field by field (nothing is stored then). */
    public record OpenResult(SupportCase opened, Map<String, String> errors) {
        public boolean isOpened() {
            return opened != null;
        }

        static OpenResult refused(String field, String message) {
            return new OpenResult(null, Map.of(field, message));
        }
    }

    /** The form as checked: everything a case needs, nothing stored yet. */
    private record CheckedCase(CaseTopic topic, Optional<ClaimCode> code, Optional<CardNumber> number,
            String orderNumber, String description, List<NewCase.Upload> uploads, long uploadBytes,
            String requestId) {
        boolean looksUpCard() {
            return code.isPresent() && topic == CaseTopic.LOST_OR_STOLEN;
        }
    }

    public OpenResult open(Account account, NewCase form, String clientAddress) {
        Map<String, String> errors = new LinkedHashMap<>();
        CheckedCase checked = check(form, errors);
        if (!errors.isEmpty()) {
            return new OpenResult(null, errors);
        }
        Optional<OpenResult> overQuota = retries.inTransaction("case-quota", () -> quotaProblem(account, checked));
        if (overQuota.isPresent()) {
            return overQuota.get();
        }
        List<AttachmentStore.Stored> stored = new ArrayList<>();
        try {
            for (NewCase.Upload upload : checked.uploads()) {
                Optional<AttachmentStore.Stored> file = store.store(upload.file());
                if (file.isEmpty()) {
                    discard(stored);
                    return OpenResult.refused("attachments", safeFileName(upload.fileName())
                            + " isn't a PNG, JPEG or PDF file, whatever its name says.");
                }
                stored.add(file.get());
            }
            OpenResult result = checked.looksUpCard()
                    // A lost card's code is looked up: under the claim-code lock like any other look-up.
                    ? guard.inSlot(account.id, () -> openInTransaction(account, checked, stored, clientAddress),
                            () -> OpenResult.refused("cardCode", "We're still checking another code for your account."
                                    + " Wait a few seconds and send the form again."))
                    : openInTransaction(account, checked, stored, clientAddress);
            if (!result.isOpened()) {
                discard(stored);
            }
            return result;
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    /**
     * A case staff open for a shopper who called or wrote (a card someone else redeemed, say), on their account: the
     * shopper reads it on their case page and gets its email like any case. Staff name a card by the number printed on
     * it, never by its claim code (the shopper's secret). Audited.
     */
    public OpenResult openForShopper(org.giftportal.audit.Actor staff, long accountId, NewCase form) {
        Map<String, String> errors = new LinkedHashMap<>();
        CheckedCase checked = check(form, errors);
        if (checked.code().isPresent()) {
            errors.put("cardCode", "Type the 16-digit number printed on the card: a claim code is the shopper's"
                    + " secret, and nobody should read it out to us.");
        }
        if (checked.topic() == CaseTopic.LOST_OR_STOLEN) {
            errors.put("topic", "A lost or stolen card is reported by its shopper, with proof of purchase: send them"
                    + " the link to the form.");
        }
        errors.remove("attachments");
        if (!errors.isEmpty()) {
            return new OpenResult(null, errors);
        }
        return retries.inTransaction("case-for-shopper", () -> {
            Account account = Account.lockById(accountId);
            if (account.id.equals(staff.ownAccountId())) {
                return OpenResult.refused("description", "Staff may not open a case on their own account: ask a"
                        + " colleague.");
            }
            Optional<OpenResult> twin = twinOf(account, checked, new ArrayList<>());
            if (twin.isPresent()) {
                return twin.get();
            }
            SupportCase supportCase = persist(account, checked, Optional.empty(), List.of(), AuthorRole.SUPPORT,
                    staff.name());
            audit.done(staff, "case.open-for-shopper", org.giftportal.audit.Audit.Target.supportCase(supportCase.id,
                    supportCase.reference), null, null, "opened for account " + account.id + ": "
                            + supportCase.topic.label());
            return new OpenResult(supportCase, Map.of());
        });
    }

    /** Every field, and the files' count and sizes, checked without reading a byte of any file. */
    private static CheckedCase check(NewCase form, Map<String, String> errors) {
        Optional<CaseTopic> topic = CaseTopic.parse(form.topic());
        if (topic.isEmpty()) {
            errors.put("topic", "Choose what your problem is about.");
        }
        String description = Typed.text(form.description());
        if (description.length() < MIN_DESCRIPTION) {
            errors.put("description", "Tell us what happened, in a sentence or two.");
        } else if (description.length() > MAX_DESCRIPTION) {
            errors.put("description", "Please keep the description under " + MAX_DESCRIPTION + " characters.");
        }
        String orderNumber = Typed.text(form.orderNumber());
        if (!orderNumber.isEmpty() && !ORDER_NUMBER.matcher(orderNumber).matches()) {
            errors.put("orderNumber", "An order number has letters, digits and dashes only, like W-1234-5678.");
        }
        Optional<ClaimCode> code = Optional.empty();
        Optional<CardNumber> number = Optional.empty();
        String typedCode = Typed.text(form.cardCode());
        if (!typedCode.isEmpty()) {
            ClaimCode.Parsed parsed = ClaimCode.parse(typedCode);
            // The field takes either: a code (from under the scratch strip) or the number printed on the card.
            number = parsed.isValid() ? Optional.empty() : CardNumber.parse(typedCode);
            if (parsed.isValid()) {
                code = Optional.of(parsed.code());
            } else if (number.isEmpty()) {
                errors.put("cardCode", "That doesn't look like a card code or a 16-digit card number: check it, or"
                        + " leave the field empty.");
            }
        }
        List<NewCase.Upload> uploads = form.uploads().stream().filter(upload -> !upload.isEmptyField()).toList();
        checkUploads(uploads, errors);
        if (topic.orElse(null) == CaseTopic.LOST_OR_STOLEN && uploads.isEmpty() && !errors.containsKey("attachments")) {
            errors.put("attachments", "Attach proof of purchase (a receipt or order confirmation) so we can act on"
                    + " the report.");
        }
        long bytes = uploads.stream().mapToLong(NewCase.Upload::size).sum();
        return new CheckedCase(topic.orElse(null), code, number, orderNumber.isEmpty() ? null : orderNumber,
                description, uploads, bytes, form.requestId());
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
            } else if (upload.size() > CaseAttachment.MAX_BYTES) {
                errors.put("attachments", name + " is larger than 5 MB. Attach a smaller photo or a PDF.");
            }
        }
    }

    /**
     * Whether the account has used up a day's cases or attachment bytes. Read first without a lock, so a shopper
     * over quota costs no upload; read again under the account's row lock before the case is written.
     */
    private Optional<OpenResult> quotaProblem(Account account, CheckedCase checked) {
        Instant since = clock.instant().minus(QUOTA_PERIOD);
        if (checked.requestId() != null && SupportCase.findByRequest(account.id, checked.requestId()).isPresent()) {
            return Optional.empty(); // the same form again: it finds its case, it opens no new one
        }
        if (SupportCase.countOpenedSince(account.id, since) >= settings.maxPerDay()) {
            return Optional.of(OpenResult.refused("description", "You've opened " + settings.maxPerDay()
                    + " cases in the last 24 hours, the most we take in a day. Add a reply to one of your open cases"
                    + " instead, or call us."));
        }
        long limit = settings.maxAttachmentBytesPerDay().asLongValue();
        if (checked.uploadBytes() > 0
                && CaseAttachment.bytesAttachedSince(account.id, since) + checked.uploadBytes() > limit) {
            return Optional.of(OpenResult.refused("attachments", "Your attachments of the last 24 hours would go"
                    + " over " + limit / (1024 * 1024) + " MB, the most we take in a day. Send this case without"
                    + " files, or attach them tomorrow."));
        }
        return Optional.empty();
    }

    private OpenResult openInTransaction(Account account, CheckedCase checked, List<AttachmentStore.Stored> stored,
            String clientAddress) {
        return retries.inTransaction("open-case", () -> {
            Optional<OpenResult> twin = twinOf(account, checked, stored);
            if (twin.isPresent()) {
                return twin.get();
            }
            ClaimGuard.Admission admission = checked.looksUpCard() ? guard.admit(account.id, clientAddress) : null;
            if (admission != null && !admission.admitted()) {
                return OpenResult.refused("cardCode", "Card codes can't be looked up on your account right now after"
                        + " several that didn't work. Leave this field empty and we'll find the card from your"
                        + " receipt.");
            }
            // The card before the account, in the order a redemption locks them.
            Optional<GiftCard> card = admission != null ? cards.lockForRedemption(checked.code().get())
                    : Optional.empty();
            Account.lockById(account.id);
            // Under the account's lock, a twin sent at the same moment has either committed (and is found now) or
            // waits for this one to commit (and finds it then).
            Optional<OpenResult> twinMeanwhile = twinOf(account, checked, stored);
            if (twinMeanwhile.isPresent()) {
                return twinMeanwhile.get();
            }
            Optional<OpenResult> overQuota = quotaProblem(account, checked);
            if (overQuota.isPresent()) {
                return overQuota.get();
            }
            boolean putOnHold = card.map(GiftCard::isUnused).orElse(false);
            SupportCase supportCase = persist(account, checked, card, stored, AuthorRole.CUSTOMER,
                    account.displayName);
            if (admission != null) {
                // Only a card this report froze is no failed look-up; anything else counts like a wrong code.
                guard.settle(admission.attempt(), !putOnHold);
            }
            return new OpenResult(supportCase, Map.of());
        });
    }

    /**
     * The case this same form opened before (a double click, or a retry after a commit whose answer was lost), if any.
     * Files stored again for this submission are dropped, unless they are the ones the case already points to.
     */
    private Optional<OpenResult> twinOf(Account account, CheckedCase checked, List<AttachmentStore.Stored> stored) {
        if (checked.requestId() == null) {
            return Optional.empty();
        }
        return SupportCase.findByRequest(account.id, checked.requestId()).map(twin -> {
            java.util.Set<String> kept = CaseAttachment.storageKeysOf(twin.id);
            stored.removeIf(file -> {
                if (!kept.contains(file.key())) {
                    store.discard(file.key());
                }
                return true;
            });
            return new OpenResult(twin, Map.of());
        });
    }

    /** Writes the case; the card (if one was looked up) is already locked. */
    private SupportCase persist(Account account, CheckedCase checked, Optional<GiftCard> card,
            List<AttachmentStore.Stored> stored, AuthorRole author, String authorName) {
        Instant now = clock.instant();
        SupportCase supportCase = new SupportCase();
        supportCase.reference = newReference();
        supportCase.accountId = account.id;
        supportCase.topic = checked.topic();
        supportCase.status = CaseStatus.OPEN;
        checked.code().ifPresent(claimCode -> {
            supportCase.cardCodeHash = hasher.hash(claimCode);
            supportCase.cardLast4 = claimCode.lastFour();
        });
        checked.number().ifPresent(number -> supportCase.cardNumber = number.digits());
        supportCase.orderNumber = checked.orderNumber();
        supportCase.description = checked.description();
        supportCase.requestId = checked.requestId();
        supportCase.createdAt = now;
        supportCase.updatedAt = now;
        supportCase.persist();
        CaseMessage.add(supportCase, author, authorName, checked.description(), now, null);
        for (int i = 0; i < stored.size(); i++) {
            CaseAttachment.add(supportCase, safeFileName(checked.uploads().get(i).fileName()), stored.get(i), now);
        }
        Long cardNoteId = null;
        if (checked.looksUpCard()) {
            String cardNote = card.map(found -> holdIfUnused(found, now)).orElse("We couldn't find a card with that code."
                    + " We'll find it from your proof of purchase.");
            cardNoteId = CaseMessage.add(supportCase, AuthorRole.SYSTEM, PORTAL_AUTHOR, cardNote, now, null).id;
        }
        opened.fire(new CaseOpened(account.id, supportCase.id, supportCase.reference, cardNoteId));
        return supportCase;
    }

    /** A lost or stolen card that nobody has redeemed is frozen at once, before anyone reviews the report. */
    private static String holdIfUnused(GiftCard card, Instant now) {
        if (card.isUnused()) {
            card.block(now);
            return "The card " + card.maskedCode() + " is now on hold: nobody can redeem it while we review"
                    + " your report.";
        }
        if (card.status == CardStatus.REDEEMED) {
            return "The card " + card.maskedCode() + " was already redeemed before your report. We'll look into"
                    + " who redeemed it.";
        }
        return "The card " + card.maskedCode() + " was already on hold or cancelled.";
    }

    private void discard(List<AttachmentStore.Stored> stored) {
        stored.forEach(file -> store.discard(file.key()));
    }

    /** What came of a shopper's reply. */
    public enum ReplyOutcome {
        ADDED, TOO_MANY_MESSAGES
    }

    /**
     * The shopper's reply; a case that waited on them goes back to the team. The same form sent twice adds the
     * message once: the case's row is locked while its request id is looked for. Empty if they have no such case.
     */
    public Optional<ReplyOutcome> reply(Account account, String reference, String body, String requestId) {
        return retries.inTransaction("reply", () -> SupportCase.findOwnedForUpdate(account.id, reference)
                .map(supportCase -> {
                    if (requestId != null && CaseMessage.existsForRequest(supportCase.id, requestId)) {
                        return ReplyOutcome.ADDED;
                    }
                    if (CaseMessage.countForCase(supportCase.id) >= settings.maxMessages()) {
                        return ReplyOutcome.TOO_MANY_MESSAGES;
                    }
                    Instant now = clock.instant();
                    supportCase.customerReplied(now);
                    CaseMessage.add(supportCase, AuthorRole.CUSTOMER, account.displayName, body, now, requestId);
                    return ReplyOutcome.ADDED;
                }));
    }

    /** What came of asking for escalation: done (now or before), or too early. */
    public enum Escalation {
        ESCALATED, NOT_YET
    }

    /** Escalates the shopper's case if it has waited long enough unresolved; empty if they have no such case. */
    public Optional<Escalation> escalate(Account account, String reference) {
        return retries.inTransaction("escalate", () -> SupportCase.findOwnedForUpdate(account.id, reference)
                .map(supportCase -> {
                    Instant now = clock.instant();
                    if (supportCase.status == CaseStatus.ESCALATED) {
                        return Escalation.ESCALATED; // a second press of the button: already done
                    }
                    if (!supportCase.mayEscalate(now, settings.escalateAfter())) {
                        return Escalation.NOT_YET;
                    }
                    supportCase.escalate(now, settings.escalateAfter());
                    CaseMessage.add(supportCase, AuthorRole.SYSTEM, PORTAL_AUTHOR,
                            "You asked for this case to be escalated. A senior team member will take it over.", now,
                            null);
                    return Escalation.ESCALATED;
                }));
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

    /**
     * The uploader's file name reduced to characters that are safe everywhere it appears (pages, headers, file
     * systems): no folders, no control or direction-changing characters, at most 100 characters.
     */
    static String safeFileName(String name) {
        String base = name == null || name.isBlank() ? "attachment" : name.replaceAll(".*[/\\\\]", "");
        String cleaned = base.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        return cleaned.isEmpty() ? "attachment" : cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
    }
}
