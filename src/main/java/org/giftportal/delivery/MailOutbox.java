package org.giftportal.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.giftportal.account.Account;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * Every email the portal sends, at least once and never lost: the row (a reference to what to send, with a claim code
 * only encrypted) is written in the transaction that made the mail due, sent right after it commits, and again by a
 * job until it is sent or given up. Whoever sends claims the row first (a marker with an expiry, taken by a guarded
 * UPDATE or under {@code FOR UPDATE SKIP LOCKED}), so two instances never send the same row at once. An instance that
 * dies mid-send leaves the claim to expire, and the mail goes out again: at least once, rarely twice.
 */
@ApplicationScoped
public class MailOutbox {
    private static final Logger LOG = Logger.getLogger(MailOutbox.class);
    /** Longer than any SMTP conversation: a claim older than this belongs to an instance that died. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private final String instance = UUID.randomUUID().toString();
    private final CodeCipher cipher;
    private final CodeCards cards;
    private final Clock clock;
    private final PortalConfig.MailOutbox settings;
    private final Map<OutboxMail.Kind, MailRenderer> renderers = new EnumMap<>(OutboxMail.Kind.class);
    private final MeterRegistry metrics;
    private final Event<Queued> queued;
    private final Event<MailOutcome> outcomes;
    private final org.giftportal.ops.Retries retries;
    /**
     * Sends right after commits, off the request thread; a full queue leaves mails to the job (at least once). One
     * thread: a shopper gets the mails of one change in the order they were written (a replacement's case answer and
     * its code), and Quarkus's mock mailbox, which dev and tests use, loses mails sent to one address at once.
     */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(1_000), runnable -> {
                Thread thread = new Thread(runnable, "mail-outbox-sender");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    MailOutbox(CodeCipher cipher, CodeCards cards, Clock clock, PortalConfig config, Instance<MailRenderer> renderers,
            MeterRegistry metrics, Event<Queued> queued, org.giftportal.ops.Retries retries,
            Event<MailOutcome> outcomes) {
        this.outcomes = outcomes;
        this.cipher = cipher;
        this.cards = cards;
        this.retries = retries;
        this.clock = clock;
        this.settings = config.mailOutbox();
        renderers.forEach(renderer -> renderer.kinds().forEach(kind -> this.renderers.put(kind, renderer)));
        this.metrics = metrics;
        this.queued = queued;
        sender.allowCoreThreadTimeOut(true);
    }

    /** A mail queued in a transaction: sent once that transaction has committed. */
    record Queued(long id) {
    }

    /** Queues a mail in the caller's transaction: it is sent if, and only if, that transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMail queue(OutboxMail mail) {
        return queue(mail, null);
    }

    /** Queues a mail that carries its card's claim code, kept encrypted until the mail is sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxMail queueWithCode(OutboxMail mail, String code) {
        if (!mail.kind.carriesCode() || mail.giftCardId == null) {
            throw new IllegalArgumentException(mail.kind + " mails carry no code");
        }
        return queue(mail, code);
    }

    private OutboxMail queue(OutboxMail mail, String code) {
        if (!renderers.containsKey(mail.kind)) {
            throw new IllegalStateException("Nothing renders " + mail.kind + " mails");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        mail.codeCipher = code == null ? null : cipher.seal(code, mail.giftCardId);
        mail.status = OutboxMail.Status.PENDING;
        mail.nextAttemptAt = mail.nextAttemptAt == null || mail.nextAttemptAt.isBefore(now) ? now
                : mail.nextAttemptAt.truncatedTo(ChronoUnit.MICROS);
        mail.createdAt = now;
        mail.persist();
        queued.fire(new Queued(mail.id));
        return mail;
    }

    /**
     * Sends a mail once its transaction committed, on the outbox's own threads: the shopper's request doesn't wait for
     * the SMTP server. If those threads are busy (a slow server, a burst) the mail is left to the job.
     */
    void sendOnceCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued mail) {
        sender.execute(() -> sendNow(mail.id()));
    }

    private void sendNow(long id) {
        try {
            if (claim(id)) {
                deliver(id);
            }
        } catch (RuntimeException e) {
            // The row stays due: the job sends it.
            LOG.warnf("Mail %d not sent now, the job will: %s", id, e.getMessage());
        }
    }

    /** Whether no send after a commit is queued or running (tests wait for it before they move the clock or count). */
    public boolean sendingIdle() {
        return sender.getQueue().isEmpty() && sender.getActiveCount() == 0;
    }

    @PreDestroy
    void stopSending() {
        sender.shutdown();
    }

    @Scheduled(every = "${portal.mail-outbox.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warnf("Mail outbox stopped early: %s", e.getMessage());
        }
    }

    /** Sends every mail that is due and nobody is sending; returns how many went out. */
    public int sendDue() {
        int sent = 0;
        while (true) {
            List<Long> claimed;
            try {
                claimed = claimDue();
            } catch (org.giftportal.ops.Retries.RetriesExhausted e) {
                // Other instances kept claiming the same rows first (their nodes won every commit): they send them.
                LOG.debugf("Outbox rows claimed elsewhere meanwhile: %s", e.getMessage());
                return sent;
            }
            for (long id : claimed) {
                sent += deliver(id) ? 1 : 0;
            }
            if (claimed.size() < BATCH) {
                return sent;
            }
        }
    }

    /**
     * Staff send a failed mail again (a code mail still has its code): its attempts start over. Returns whether it was
     * one to send; of two staff clicking at once, one does it.
     */
    public boolean sendAgain(long mailId) {
        Instant now = clock.instant();
        boolean again = QuarkusTransaction.requiringNew().call(() -> OutboxMail.update("status = ?1, attempts = 0,"
                + " nextAttemptAt = ?2 where id = ?3 and status = ?4", OutboxMail.Status.PENDING, now, mailId,
                OutboxMail.Status.FAILED)) == 1;
        if (again) {
            sender.execute(() -> sendNow(mailId));
        }
        return again;
    }

    /**
     * Withdraws every unsent email of a gift (its address is being corrected); false, changing nothing, while one of
     * them is being sent.
     */
    public boolean withdrawGift(long giftId, String why) {
        Instant now = clock.instant();
        // Locked first: a sender claims with SKIP LOCKED, so none can claim them between the check and the change.
        List<OutboxMail> unsent = OutboxMail.<OutboxMail>find("giftId = ?1 and kind = ?2 and status in ?3", giftId,
                OutboxMail.Kind.GIFT, List.of(OutboxMail.Status.PENDING, OutboxMail.Status.FAILED))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        // The lock doesn't re-read a mail this transaction loaded before (the correction's checks read the gift's
        // latest mail): read each again, so a claim a sender committed meanwhile is seen, not written over.
        unsent.forEach(mail -> OutboxMail.getEntityManager().refresh(mail,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
        if (unsent.stream().anyMatch(mail -> mail.claimedUntil != null && !mail.claimedUntil.isBefore(now))) {
            return false;
        }
        unsent.forEach(mail -> mail.voided(why));
        return true;
    }

    /** The latest mail with a card's code, for staff. */
    public static Optional<OutboxMail> latestCodeMailFor(long cardId) {
        return OutboxMail.find("giftCardId = ?1 and kind in ?2 order by id desc", cardId, codeKinds())
                .firstResultOptional();
    }

    private static List<OutboxMail.Kind> codeKinds() {
        return java.util.Arrays.stream(OutboxMail.Kind.values()).filter(OutboxMail.Kind::carriesCode).toList();
    }

    /**
     * Claims one due mail (not one scheduled for later), unless another instance has; commits at once. On a Galera
     * cluster two nodes' claims of one row both write its claim column, so one of them fails at commit; run again, it
     * finds the row claimed.
     */
    private boolean claim(long id) {
        Instant now = clock.instant();
        return retries.inTransaction("mail-claim", () -> OutboxMail.update("claimedBy = ?1, claimedUntil = ?2"
                + " where id = ?3 and status = ?4 and nextAttemptAt <= ?5 and (claimedUntil is null"
                + " or claimedUntil < ?5)", instance, now.plus(CLAIM), id, OutboxMail.Status.PENDING, now)) == 1;
    }

    /**
     * Claims a batch of due mails nobody is sending: rows another instance has locked are skipped, not waited for. SKIP
     * LOCKED sees only this node's locks; on a cluster the claim column decides (as in {@link #claim}).
     */
    @SuppressWarnings("unchecked")
    List<Long> claimDue() {
        Instant now = clock.instant();
        return retries.inTransaction("mail-claim-due", () -> {
            List<Number> ids = OutboxMail.getEntityManager().createNativeQuery("SELECT id FROM mail_outbox"
                    + " WHERE status = 'PENDING' AND next_attempt_at <= ?1"
                    + " AND (claimed_until IS NULL OR claimed_until < ?1) ORDER BY next_attempt_at, id LIMIT " + BATCH
                    + " FOR UPDATE SKIP LOCKED").setParameter(1, org.giftportal.ops.DatabaseTime.of(now))
                    .getResultList();
            List<Long> claimed = ids.stream().map(Number::longValue).toList();
            if (!claimed.isEmpty()) {
                OutboxMail.update("claimedBy = ?1, claimedUntil = ?2 where id in ?3", instance, now.plus(CLAIM),
                        claimed);
            }
            return claimed;
        });
    }

    /** Sends a claimed mail and records what came of it; returns whether it went out. */
    private boolean deliver(long id) {
        Optional<Prepared> prepared;
        try {
            prepared = QuarkusTransaction.requiringNew().call(() -> prepare(id));
        } catch (RuntimeException e) {
            // A mail that can't even be written (a row it reports on gone, the code key changed) is a failed attempt
            // like any other: given up after the last one and shown to staff, never holding up the mails behind it.
            prepared = Optional.of(new Prepared("unwritable", null, "could not be written: "
                    + e.getClass().getSimpleName()));
        }
        if (prepared.isEmpty()) {
            return false;
        }
        String error = prepared.get().problem();
        boolean refused = false;
        if (error == null) {
            try {
                prepared.get().mail().send().await().atMost(SEND_TIMEOUT);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                refused = refusedForGood(e);
            }
        }
        String failure = error;
        boolean forGood = refused;
        QuarkusTransaction.requiringNew().run(() -> record(id, failure, forGood));
        metrics.counter("portal.emails", "mail", prepared.get().kind(), "outcome",
                error == null ? "sent" : refused ? "refused" : "failed").increment();
        if (error != null) {
            LOG.warnf(refused ? "Mail %d refused for good by the mail server (not tried again): %s"
                    : "Mail %d could not be sent (it will be tried again): %s", id, error);
        }
        return error == null;
    }

    /** What came of an attempt, and, when that settles the mail (sent, refused, given up), whoever listens hears it. */
    private void record(long id, String failure, boolean refused) {
        OutboxMail mail = OutboxMail.findById(id);
        Instant now = clock.instant();
        MailOutcome.What what;
        if (failure == null) {
            mail.sent(now);
            what = MailOutcome.What.SENT;
        } else if (refused) {
            mail.refused(failure);
            what = MailOutcome.What.REFUSED;
        } else {
            mail.failed(failure, now, settings.firstRetryAfter(), settings.maxAttempts());
            what = mail.status == OutboxMail.Status.FAILED ? MailOutcome.What.GIVEN_UP : null;
        }
        if (what != null) {
            outcomes.fire(new MailOutcome(mail.id, mail.kind, mail.giftId, mail.giftCardId, what, mail.attempts,
                    failure));
        }
    }

    /**
     * Whether the receiving server refused the recipient for good (SMTP 550, 551 or 553, or an enhanced status 5.1.x:
     * no such mailbox, not local, a bad address). Other permanent answers (530, authentication wanted, say) are the
     * portal's own setup and are tried again like any failure.
     */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.ext.mail.SMTPException smtp) {
                int code = smtp.getReplyCode();
                return code == 550 || code == 551 || code == 553 || smtp.isPermanent()
                        && smtp.getEnhancedStatus() != null && smtp.getEnhancedStatus().getSubject() == 1;
            }
        }
        return false;
    }

    /** A mail ready to send, or why it can't be sent now (counted as a failed attempt). */
    private record Prepared(String kind, MailTemplateInstance mail, String problem) {
    }

    /**
     * The mail, rendered now from the rows it reports on (a code decrypted in memory only); empty when it must not be
     * sent any more (a code mail whose card was redeemed or cancelled: the code is erased).
     */
    private Optional<Prepared> prepare(long id) {
        OutboxMail mail = OutboxMail.findById(id);
        if (mail == null || mail.status != OutboxMail.Status.PENDING || !instance.equals(mail.claimedBy)) {
            return Optional.empty();
        }
        String kind = mail.kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Optional<String> code = Optional.empty();
        if (mail.kind.carriesCode()) {
            CodeCards.Sendable sendable = cards.sendable(mail.giftCardId);
            if (sendable.never()) {
                mail.voided(sendable.why());
                return Optional.empty();
            }
            if (!sendable.now()) {
                return Optional.of(new Prepared(kind, null, sendable.why()));
            }
            code = Optional.of(cipher.open(mail.codeCipher, mail.giftCardId));
        }
        Optional<Account> account = mail.accountId == null ? Optional.empty() : Account.findByIdOptional(mail.accountId);
        Optional<String> address = mail.accountId == null ? Optional.of(mail.toEmail)
                : account.flatMap(Account::verifiedEmail);
        if (address.isEmpty()) {
            return Optional.of(new Prepared(kind, null, "the shopper has no verified email address"));
        }
        Optional<MailTemplateInstance> rendered = renderers.get(mail.kind).render(mail, account, code);
        if (rendered.isEmpty()) {
            mail.voided("what it reports on is gone, or can't be used any more");
            return Optional.empty();
        }
        return Optional.of(new Prepared(kind, rendered.get().to(address.get()), null));
    }

}
