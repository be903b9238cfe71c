package org.giftportal.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * Sends the events' deliveries: at least once, in order per endpoint and ordering key, several instances in parallel
 * without sending one twice at once. Each pass claims due deliveries that head their key's queue (no earlier pending
 * delivery of the same endpoint and key), with {@code FOR UPDATE SKIP LOCKED} and a claim marker; a failure waits,
 * doubling from {@code first-retry-after} up to {@code max-retry-pause}, and holds back only that key's later events. An
 * endpoint failing for {@code pause-after-failing-for} is paused; deliveries older than the retention are dropped.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final int BATCH = 50;
    /** How long a claimed delivery is this instance's: past it, another instance may send it. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    /** A receiver's answer is read up to this many bytes, then the connection is dropped. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private final Webhooks webhooks;
    private final Retries retries;
    private final Clock clock;
    private final PortalConfig.Webhooks settings;
    private final HttpClient http;
    private final String instance = UUID.randomUUID().toString();
    private final MailOutbox outbox;
    private final MeterRegistry metrics;

    WebhookSender(Webhooks webhooks, Retries retries, Clock clock, PortalConfig config, Vertx vertx,
            MailOutbox outbox, MeterRegistry metrics) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.metrics = metrics;
        this.retries = retries;
        this.clock = clock;
        this.settings = config.webhooks();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis()).setKeepAlive(false).setForceSni(true)
                .setVerifyHost(true).setMaxPoolSize(16));
    }

    void warnIfLoopbackAllowed(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        if (settings.allowLoopback() && !settings.allowPrivateAddresses()) {
            LOG.warn("Webhooks may be sent to this machine (portal.webhooks.allow-loopback): for a test or a"
                    + " benchmark only. Remove the setting in a live deployment.");
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Scheduled(every = "${portal.webhooks.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook deliveries stopped early: %s", e.getMessage());
        }
    }

    /** Sends what is due now, batch after batch; returns how many the receivers took. */
    public int deliverDue() {
        dropExpired();
        int sent = 0;
        while (true) {
            List<Long> claimed = claimDue();
            int taken = 0;
            for (long id : claimed) {
                taken += deliver(id) ? 1 : 0;
            }
            sent += taken;
            // A delivery taken lets the next event of its key go: claim again while that happens.
            if (claimed.isEmpty() || taken == 0 && claimed.size() < BATCH) {
                return sent;
            }
        }
    }

    @SuppressWarnings("unchecked")
    List<Long> claimDue() {
        Instant now = clock.instant();
        return retries.inTransaction("webhook-claim", () -> {
            List<Number> ids = WebhookDelivery.getEntityManager().createNativeQuery("SELECT d.id FROM"
                    + " webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id"
                    + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?1 AND e.status = 'ENABLED'"
                    + " AND (d.claimed_until IS NULL OR d.claimed_until < ?1)"
                    + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery p WHERE p.endpoint_id = d.endpoint_id"
                    + " AND p.ordering_key = d.ordering_key AND p.status = 'PENDING' AND p.id < d.id)"
                    + " ORDER BY d.id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                    .setParameter(1, DatabaseTime.of(now)).getResultList();
            List<Long> claimed = ids.stream().map(Number::longValue).toList();
            if (!claimed.isEmpty()) {
                WebhookDelivery.update("claimedBy = ?1, claimedUntil = ?2 where id in ?3", instance, now.plus(CLAIM),
                        claimed);
            }
            return claimed;
        });
    }

    /** The message a claimed delivery sends: where, its id, its body, and the secrets that sign it. */
    private record Message(String url, String id, String body, List<String> secrets) {
    }

    private boolean deliver(long deliveryId) {
        Instant now = clock.instant();
        Optional<Message> message = QuarkusTransaction.requiringNew().call(() -> prepare(deliveryId, now));
        if (message.isEmpty()) {
            return false;
        }
        Outcome outcome = send(message.get(), now);
        QuarkusTransaction.requiringNew().run(() -> record(deliveryId, outcome));
        metrics.counter("portal.webhooks.attempts", "outcome", outcome.taken() ? "taken" : "failed").increment();
        if (!outcome.taken()) {
            LOG.debugf("Webhook delivery %d not taken (tried again later): %s", deliveryId, outcome.error());
        }
        return outcome.taken();
    }

    private Optional<Message> prepare(long deliveryId, Instant now) {
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        if (delivery == null || delivery.status != WebhookDelivery.Status.PENDING
                || !instance.equals(delivery.claimedBy)) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId);
        WebhookEvent event = WebhookEvent.findById(delivery.eventId);
        return Optional.of(new Message(endpoint.url, event.publicId, webhooks.bodyFor(endpoint, event),
                webhooks.signingSecrets(endpoint, now)));
    }

    /** What came of one attempt: the receiver's status, if it answered, and whether it took the event. */
    record Outcome(Integer status, String error) {
        boolean taken() {
            return status != null && status >= 200 && status < 300;
        }
    }

    Outcome send(Message message, Instant now) {
        Destination destination;
        try {
            destination = Destination.resolve(message.url(), settings.allowPrivateAddresses(),
                    settings.allowLoopback());
        } catch (Destination.Refused refused) {
            return new Outcome(null, "Not sent: " + refused.getMessage());
        }
        long timestamp = now.getEpochSecond();
        String signatures = String.join(" ", message.secrets().stream()
                .map(secret -> Signature.sign(secret, message.id(), timestamp, message.body())).toList());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                // The address checked above, never looked up again; the name only for TLS and the Host header.
                .setServer(SocketAddress.inetSocketAddress(destination.port(), destination.address().getHostAddress()))
                .setHost(destination.uri().getHost()).setPort(destination.port()).setSsl(destination.https())
                .setURI(destination.pathAndQuery()).setFollowRedirects(false)
                .setTimeout(settings.timeout().toMillis())
                .putHeader("content-type", "application/json").putHeader("user-agent", "gift-card-portal-webhooks")
                .putHeader("webhook-id", message.id()).putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signatures);
        try {
            int status = http.request(options).compose(request -> {
                // The answer's handler is in place before the request goes, so it runs on the event loop as the
                // answer arrives: set any later, a short answer may have ended already (and the send would count as
                // failed although the receiver took it, which it then gets again).
                Future<Integer> answered = request.response().compose(response -> {
                    AtomicLong read = new AtomicLong();
                    response.handler(chunk -> {
                        if (read.addAndGet(chunk.length()) > MAX_ANSWER_BYTES) {
                            response.request().reset();
                        }
                    });
                    return response.end().map(done -> response.statusCode())
                            .recover(tooLong -> Future.succeededFuture(response.statusCode()));
                });
                request.end(Buffer.buffer(message.body()));
                return answered;
            })
                    .toCompletionStage().toCompletableFuture()
                    .get(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new Outcome(status, status >= 200 && status < 300 ? null : "The receiver answered " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "Interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(null, "Not delivered: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    private void record(long deliveryId, Outcome outcome) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (outcome.taken()) {
            delivery.sent(outcome.status(), now);
            endpoint.failingSince = null;
            return;
        }
        delivery.failed(outcome.status(), outcome.error(), now.plus(pauseAfter(delivery.attempts + 1)));
        if (endpoint.failingSince == null) {
            endpoint.failingSince = now;
        } else if (!endpoint.isPaused()
                && !now.isBefore(endpoint.failingSince.plus(settings.pauseAfterFailingFor()))) {
            endpoint.pause("Paused by the portal: every delivery has failed since " + endpoint.failingSince
                    + " (last: " + outcome.error() + ")", now);
            LOG.errorf("Webhook endpoint %d (%s) paused: deliveries have failed since %s", endpoint.id,
                    endpoint.url, endpoint.failingSince);
            tellContact(endpoint);
        }
    }

    /** The pause before attempt n+1: doubling from the first, never longer than the longest. */
    Duration pauseAfter(int attempts) {
        Duration pause = settings.firstRetryAfter().multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(settings.maxRetryPause()) > 0 ? settings.maxRetryPause() : pause;
    }

    /** The endpoint's contact hears that it was paused, by mail through the outbox (sent after this commits). */
    private void tellContact(WebhookEndpoint endpoint) {
        if (endpoint.contactEmail.isBlank()) {
            return; // an endpoint from before contacts were asked for: the log above is all there is
        }
        outbox.queue(OutboxMail.toAddress(endpoint.contactEmail, OutboxMail.Kind.WEBHOOK_PAUSED)
                .aboutWebhookEndpoint(endpoint.id));
    }

    /**
     * Deliveries older than the retention that no receiver took are dropped, and counted on their endpoint (and in
     * the metrics). Each batch is claimed with SKIP LOCKED, so two instances never count one delivery twice; one being
     * sent right now is left to its attempt.
     */
    int dropExpired() {
        int dropped = 0;
        int batch;
        do {
            batch = retries.inTransaction("webhook-drop", this::dropExpiredBatch);
            dropped += batch;
        } while (batch == BATCH * 10);
        if (dropped > 0) {
            LOG.warnf("Dropped %d webhook deliveries older than %s that no receiver took", dropped,
                    settings.retention());
        }
        return dropped;
    }

    @SuppressWarnings("unchecked")
    private int dropExpiredBatch() {
        Instant now = clock.instant();
        List<Object[]> expired = WebhookDelivery.getEntityManager().createNativeQuery("SELECT id, endpoint_id FROM"
                + " webhook_delivery WHERE status = 'PENDING' AND created_at < ?1"
                + " AND (claimed_until IS NULL OR claimed_until < ?2) ORDER BY id LIMIT " + BATCH * 10
                + " FOR UPDATE SKIP LOCKED").setParameter(1, DatabaseTime.of(now.minus(settings.retention())))
                .setParameter(2, DatabaseTime.of(now)).getResultList();
        if (expired.isEmpty()) {
            return 0;
        }
        WebhookDelivery.update("status = ?1, claimedBy = null, claimedUntil = null where id in ?2",
                WebhookDelivery.Status.DROPPED, expired.stream().map(row -> ((Number) row[0]).longValue()).toList());
        java.util.Map<Long, Long> perEndpoint = expired.stream().collect(java.util.stream.Collectors.groupingBy(
                row -> ((Number) row[1]).longValue(), java.util.stream.Collectors.counting()));
        perEndpoint.forEach((endpoint, count) -> {
            WebhookEndpoint.update("droppedCount = droppedCount + ?1 where id = ?2", count, endpoint);
            metrics.counter("portal.webhooks.dropped", "endpoint", Long.toString(endpoint)).increment(count);
        });
        return expired.size();
    }
}
