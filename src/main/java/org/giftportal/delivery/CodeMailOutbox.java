package org.giftportal.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.giftportal.account.Account;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.GiftCard;
import org.giftportal.ledger.Money;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;
import org.jboss.logging.Logger;

/**
 * Emails that carry a claim code, at least once and never lost: the row (with the code encrypted) is written in the
 * transaction that made the card, sent right after it commits, and again by a job until it is sent or given up.
 * Whoever sends claims the row first (a marker with an expiry, taken by a guarded UPDATE or under
 * {@code FOR UPDATE SKIP LOCKED}), so two instances never send the same row at once. An instance that dies mid-send
 * leaves the claim to expire, and the mail goes out again: at least once, rarely twice.
 */
@ApplicationScoped
public class CodeMailOutbox {
    private static final Logger LOG = Logger.getLogger(CodeMailOutbox.class);
    /** Longer than any SMTP conversation: a claim older than this belongs to an instance that died. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private final String instance = UUID.randomUUID().toString();
    private final CodeCipher cipher;
    private final Clock clock;
    private final PortalConfig.CodeMail settings;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;
    private final MeterRegistry metrics;
    private final Event<Queued> queued;

    CodeMailOutbox(CodeCipher cipher, Clock clock, PortalConfig config, Regions regions, RegionFormats formats,
            SiteInfo site, MeterRegistry metrics, Event<Queued> queued) {
        this.cipher = cipher;
        this.clock = clock;
        this.settings = config.codeMail();
        this.regions = regions;
        this.formats = formats;
        this.site = site;
        this.metrics = metrics;
        this.queued = queued;
    }

    /** A mail queued in a transaction: sent once that transaction has committed. */
    record Queued(long id) {
    }

    /** What a replacement mail says, formatted for the shopper's region. */
    record Replacement(String displayName, String caseReference, String oldCard, String code, String value,
            String regionName, String expires, String brandName, String storeUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance replacement(Replacement mail);
    }

    /** Queues a new card's code for its shopper, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CodeMail queue(CodeMail.Kind kind, GiftCard card, ClaimCode code, Account account, String caseReference) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CodeMail mail = new CodeMail();
        mail.kind = kind;
        mail.giftCardId = card.id;
        mail.accountId = account.id;
        mail.caseReference = caseReference;
        mail.codeCipher = cipher.encrypt(code, card.id);
        mail.status = CodeMail.Status.PENDING;
        mail.nextAttemptAt = now;
        mail.createdAt = now;
        mail.persist();
        queued.fire(new Queued(mail.id));
        return mail;
    }

    /** A replacement card's code goes to the shopper on the case, in the transaction that replaced the card. */
    void onReplaced(@Observes org.giftportal.card.CardReplaced replaced) {
        queue(CodeMail.Kind.REPLACEMENT, replaced.replacement().card(), replaced.replacement().code(),
                Account.findById(replaced.shopperAccountId()), replaced.caseReference());
    }

    void sendOnceCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued mail) {
        try {
            if (claim(mail.id())) {
                deliver(mail.id());
            }
        } catch (RuntimeException e) {
            // The row stays due: the job sends it.
            LOG.warnf("Code mail %d not sent now, the job will: %s", mail.id(), e.getMessage());
        }
    }

    @Scheduled(every = "${portal.code-mail.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warnf("Code mails stopped early: %s", e.getMessage());
        }
    }

    /** Sends every mail that is due and nobody is sending; returns how many went out. */
    public int sendDue() {
        int sent = 0;
        while (true) {
            List<Long> claimed = claimDue();
            for (long id : claimed) {
                sent += deliver(id) ? 1 : 0;
            }
            if (claimed.size() < BATCH) {
                return sent;
            }
        }
    }

    /** Staff send a failed mail again (the code is still kept for it); returns whether there was one to send. */
    public boolean sendAgain(long cardId) {
        Optional<Long> again = QuarkusTransaction.requiringNew().call(() -> CodeMail.<CodeMail>find(
                "giftCardId = ?1 and status = ?2", cardId, CodeMail.Status.FAILED).firstResultOptional()
                .map(mail -> {
                    mail.retry(clock.instant());
                    return mail.id;
                }));
        again.filter(this::claim).ifPresent(this::deliver);
        return again.isPresent();
    }

    /** The latest code mail of a card, for staff. */
    public static Optional<CodeMail> latestFor(long cardId) {
        return CodeMail.find("giftCardId = ?1 order by id desc", cardId).firstResultOptional();
    }

    /** Erases the codes of mails whose card was redeemed or cancelled meanwhile (housekeeping); returns how many. */
    public int voidUnusable(int batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CodeMail> unusable = CodeMail.<CodeMail>find("status in ?1 and giftCardId in (select c.id from"
                    + " GiftCard c where c.status in ?2)", List.of(CodeMail.Status.PENDING, CodeMail.Status.FAILED),
                    List.of(org.giftportal.card.CardStatus.REDEEMED, org.giftportal.card.CardStatus.CANCELLED))
                    .page(0, batch).list();
            unusable.forEach(mail -> mail.voided("the card was redeemed or cancelled"));
            return unusable.size();
        });
    }

    /** Claims one due mail, unless another instance (or thread) has; commits at once. */
    private boolean claim(long id) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> CodeMail.update("claimedBy = ?1, claimedUntil = ?2"
                + " where id = ?3 and status = ?4 and (claimedUntil is null or claimedUntil < ?5)", instance,
                now.plus(CLAIM), id, CodeMail.Status.PENDING, now)) == 1;
    }

    /** Claims a batch of due mails nobody is sending: rows another instance has locked are skipped, not waited for. */
    @SuppressWarnings("unchecked")
    private List<Long> claimDue() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> ids = CodeMail.getEntityManager().createNativeQuery("SELECT id FROM code_mail"
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                    + " AND (claimed_until IS NULL OR claimed_until < ?1) ORDER BY next_attempt_at, id LIMIT " + BATCH
                    + " FOR UPDATE SKIP LOCKED").setParameter(1, org.giftportal.ops.DatabaseTime.of(now))
                    .getResultList();
            List<Long> claimed = ids.stream().map(Number::longValue).toList();
            if (!claimed.isEmpty()) {
                CodeMail.update("claimedBy = ?1, claimedUntil = ?2 where id in ?3", instance, now.plus(CLAIM),
                        claimed);
            }
            return claimed;
        });
    }

    /** Sends a claimed mail and records what came of it; returns whether it went out. */
    private boolean deliver(long id) {
        Optional<Prepared> prepared = QuarkusTransaction.requiringNew().call(() -> prepare(id));
        if (prepared.isEmpty()) {
            return false;
        }
        String error = prepared.get().problem();
        if (error == null) {
            try {
                prepared.get().mail().send().await().atMost(SEND_TIMEOUT);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> {
            CodeMail mail = CodeMail.findById(id);
            Instant now = clock.instant();
            if (failure == null) {
                mail.sent(now);
            } else {
                mail.failed(failure, now, settings.firstRetryAfter(), settings.maxAttempts());
            }
        });
        metrics.counter("portal.emails", "mail", "code-" + prepared.get().kind(), "outcome",
                error == null ? "sent" : "failed").increment();
        if (error != null) {
            LOG.warnf("Code mail %d could not be sent (it will be tried again): %s", id, error);
        }
        return error == null;
    }

    /** A mail ready to send, or why it can't be sent now (counted as a failed attempt). */
    private record Prepared(String kind, MailTemplateInstance mail, String problem) {
    }

    /**
     * The mail, with its code decrypted in memory only; empty when it must not be sent any more (its card was redeemed
     * or cancelled: the code is erased).
     */
    private Optional<Prepared> prepare(long id) {
        CodeMail mail = CodeMail.findById(id);
        if (mail == null || mail.status != CodeMail.Status.PENDING || !instance.equals(mail.claimedBy)) {
            return Optional.empty();
        }
        GiftCard card = GiftCard.findById(mail.giftCardId);
        Account account = Account.findById(mail.accountId);
        String kind = mail.kind.name().toLowerCase(java.util.Locale.ROOT);
        if (card.status == org.giftportal.card.CardStatus.REDEEMED
                || card.status == org.giftportal.card.CardStatus.CANCELLED) {
            mail.voided("the card is " + card.status);
            return Optional.empty();
        }
        if (card.status == org.giftportal.card.CardStatus.BLOCKED) {
            return Optional.of(new Prepared(kind, null, "the card is blocked"));
        }
        if (account.verifiedEmail().isEmpty()) {
            return Optional.of(new Prepared(kind, null, "the shopper has no verified email address"));
        }
        ClaimCode code = cipher.decrypt(mail.codeCipher, card.id);
        Region region = regions.orDefault(card.region);
        String oldCard = card.replacesCardId == null ? null : GiftCard.<GiftCard>findByIdOptional(card.replacesCardId)
                .map(GiftCard::maskedCode).orElse(null);
        Replacement replacement = new Replacement(account.displayName, mail.caseReference, oldCard, code.formatted(),
                formats.money(Money.of(card.amountMinor, card.currency), region), region.name(),
                card.expiresAt == null ? null : formats.date(card.expiresAt, region), site.brandName(),
                region.storeUrl());
        MailTemplateInstance instance = Templates.replacement(replacement).to(account.verifiedEmail().get())
                .subject("Your replacement " + site.brandName() + " gift card");
        return Optional.of(new Prepared(kind, instance, null));
    }
}
