package org.giftportal.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.giftportal.audit.Actor;
import org.giftportal.audit.Audit;
import org.giftportal.site.EmailAddress;
import org.giftportal.site.PortalConfig;

/**
 * Events for the retailer's systems, and the endpoints that hear them. An event is recorded in the transaction of the
 * change it reports, with a delivery for every endpoint that wants its type (enabled or paused: a paused endpoint
 * keeps its events); {@link WebhookSender} sends them after the commit. Endpoints are managed by admins, every change
 * audited; a secret is shown once, when it is made.
 */
@ApplicationScoped
public class Webhooks {
    private static final String ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebhookSecrets secrets;
    private final Audit audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final PortalConfig.Webhooks settings;

    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;

    Webhooks(WebhookSecrets secrets, Audit audit, ObjectMapper json, Clock clock, PortalConfig config,
            jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.secrets = secrets;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.settings = config.webhooks();
    }

    /**
     * Records that something happened, in the caller's transaction: the event, and a delivery to every endpoint that
     * wants its type. Events with the same ordering key reach each endpoint in the order they were recorded.
     *
     * @param data the event's facts, gathered only if an endpoint wants the event: amounts in minor units with their
     *     ISO currency, a shopper by their OIDC subject, a card by its id and masked number; never a code, a token or
     *     an email
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventType type, Long accountId, String orderingKey, Supplier<Map<String, Object>> data) {
        record(type, accountId, orderingKey, data, () -> null);
    }

    /**
     * As above, for an event about someone with an email address: it is kept, and sent, only for endpoints allowed
     * addresses.
     *
     * @param email the address, asked for only when such an endpoint wants the event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(EventType type, Long accountId, String orderingKey, Supplier<Map<String, Object>> data,
            Supplier<String> email) {
        List<WebhookEndpoint> endpoints = endpointsOfThisTransaction().stream()
                .filter(endpoint -> endpoint.wants(type)).toList();
        if (endpoints.isEmpty()) {
            return; // nobody listens: nothing to gather, nothing to keep
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        WebhookEvent event = new WebhookEvent();
        event.publicId = newId();
        event.type = type.key();
        event.occurredAt = now;
        event.accountId = accountId;
        event.payload = payload(event, data.get());
        event.email = endpoints.stream().anyMatch(endpoint -> endpoint.allowEmail) ? email.get() : null;
        event.persist();
        for (WebhookEndpoint endpoint : endpoints) {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.endpointId = endpoint.id;
            delivery.eventId = event.id;
            delivery.orderingKey = orderingKey;
            delivery.status = WebhookDelivery.Status.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.persist();
        }
    }

    /** The body one endpoint is sent: the event, with the address it concerns only if the endpoint may have it. */
    String bodyFor(WebhookEndpoint endpoint, WebhookEvent event) {
        if (!endpoint.allowEmail || event.email == null) {
            return event.payload;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(event.payload);
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("data")).put("email", event.email);
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's stored payload can't be read as JSON", e);
        }
    }

    /**
     * The endpoints, read once per transaction: a redemption reports a card and a balance change, and the shopper's
     * path pays for one small read, not one per event.
     */
    @SuppressWarnings("unchecked")
    private List<WebhookEndpoint> endpointsOfThisTransaction() {
        Object cached = transactions.getResource(Webhooks.class);
        if (cached != null) {
            return (List<WebhookEndpoint>) cached;
        }
        List<WebhookEndpoint> endpoints = WebhookEndpoint.listAll();
        transactions.putResource(Webhooks.class, endpoints);
        return endpoints;
    }

    private String payload(WebhookEvent event, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.publicId);
        body.put("type", event.type);
        body.put("occurredAt", event.occurredAt.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event's data can't be written as JSON", e);
        }
    }

    /** "msg_" and 26 random characters of Crockford's Base32: the webhook-id receivers deduplicate by. */
    private static String newId() {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < 26; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** A new endpoint and its secret, which is shown this once. */
    public record Created(WebhookEndpoint endpoint, String secret) {
    }

    /** Adds an endpoint for the API client; returns it with its secret, or why not. */
    @Transactional
    public Optional<Created> create(Actor admin, NewEndpoint asked, java.util.function.Consumer<String> refused) {
        Optional<String> problem = endpointProblem(asked);
        if (problem.isPresent()) {
            refused.accept(problem.get());
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.clientId = asked.clientId().strip();
        endpoint.url = asked.url().strip();
        endpoint.eventTypes = asked.types().stream().map(EventType::key).sorted().collect(Collectors.joining(" "));
        endpoint.contactEmail = asked.contactEmail().strip();
        endpoint.allowEmail = asked.allowEmail();
        endpoint.status = WebhookEndpoint.Status.ENABLED;
        endpoint.secretCipher = new byte[0];
        endpoint.createdBySubject = admin.subject();
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persistAndFlush();
        String secret = Signature.newSecret();
        endpoint.secretCipher = secrets.seal(secret, endpoint.id);
        audit.done(admin, "webhook.create", Audit.Target.webhook(endpoint.id, endpoint.url), "New endpoint of client "
                + endpoint.clientId, "none", describe(endpoint));
        return Optional.of(new Created(endpoint, secret));
    }

    /** What an admin asks for in a new endpoint. */
    public record NewEndpoint(String clientId, String url, Set<EventType> types, String contactEmail,
            boolean allowEmail) {
    }

    Optional<String> endpointProblem(NewEndpoint asked) {
        if (asked.clientId() == null || !asked.clientId().strip().matches("[A-Za-z0-9._-]{1,255}")) {
            return Optional.of("Give the API client's id, as Keycloak names it (letters, digits, . _ -).");
        }
        if (asked.types().isEmpty()) {
            return Optional.of("Choose at least one event.");
        }
        Optional<String> contact = contactProblem(asked.contactEmail());
        if (contact.isPresent()) {
            return contact;
        }
        return Destination.formProblem(asked.url() == null ? "" : asked.url().strip(),
                settings.allowPrivateAddresses(), settings.allowLoopback());
    }

    /**
     * Changes who hears of the endpoint's failures and whether its events carry addresses (from its next event on);
     * returns why not, if the address isn't one.
     */
    @Transactional
    public Optional<String> changeSettings(Actor admin, long endpointId, String contactEmail, boolean allowEmail,
            String reason) {
        Optional<String> problem = contactProblem(contactEmail);
        if (problem.isPresent()) {
            return problem;
        }
        String contact = contactEmail.strip();
        WebhookEndpoint endpoint = locked(endpointId);
        String before = describe(endpoint);
        endpoint.contactEmail = contact;
        endpoint.allowEmail = allowEmail;
        endpoint.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        audit.done(admin, "webhook.settings", Audit.Target.webhook(endpoint.id, endpoint.url), reason, before,
                describe(endpoint));
        return Optional.empty();
    }

    /** Why an endpoint's contact address won't do, if it won't. */
    private static Optional<String> contactProblem(String contactEmail) {
        return EmailAddress.isValid(contactEmail == null ? null : contactEmail.strip()) ? Optional.empty()
                : Optional.of("Give an email address to tell if the endpoint keeps failing, like"
                        + " integrations@example.com.");
    }

    /** Pauses an endpoint: its events wait (up to the retention) until it is resumed. */
    @Transactional
    public void pause(Actor admin, long endpointId, String reason) {
        WebhookEndpoint endpoint = locked(endpointId);
        String before = describe(endpoint);
        endpoint.pause("Paused by " + admin.name() + ": " + reason, clock.instant());
        audit.done(admin, "webhook.pause", Audit.Target.webhook(endpoint.id, endpoint.url), reason, before,
                describe(endpoint));
    }

    /** Resumes an endpoint: its waiting events go, in order. */
    @Transactional
    public void resume(Actor admin, long endpointId, String reason) {
        WebhookEndpoint endpoint = locked(endpointId);
        String before = describe(endpoint);
        endpoint.resume(clock.instant());
        WebhookDelivery.update("nextAttemptAt = ?1 where endpointId = ?2 and status = ?3", clock.instant(),
                endpoint.id, WebhookDelivery.Status.PENDING);
        audit.done(admin, "webhook.resume", Audit.Target.webhook(endpoint.id, endpoint.url), reason, before,
                describe(endpoint));
    }

    /**
     * A new secret for the endpoint, shown this once; the previous one keeps signing too for the configured overlap,
     * so a receiver can switch without losing an event.
     */
    @Transactional
    public String rotate(Actor admin, long endpointId, String reason) {
        WebhookEndpoint endpoint = locked(endpointId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String secret = Signature.newSecret();
        endpoint.previousSecretCipher = endpoint.secretCipher;
        endpoint.previousValidUntil = now.plus(settings.rotationOverlap());
        endpoint.secretCipher = secrets.seal(secret, endpoint.id);
        endpoint.updatedAt = now;
        audit.done(admin, "webhook.rotate", Audit.Target.webhook(endpoint.id, endpoint.url), reason,
                "one secret", "a new secret; the previous one signs too until " + endpoint.previousValidUntil);
        return secret;
    }

    /** Sends a delivery again (an admin's "send again"): due now, attempts counted afresh. */
    @Transactional
    public void sendAgain(Actor admin, long deliveryId, String reason) {
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId,
                LockModeType.PESSIMISTIC_WRITE).orElseThrow(jakarta.ws.rs.NotFoundException::new);
        String before = delivery.status + ", " + delivery.attempts + " attempts";
        delivery.again(clock.instant());
        audit.done(admin, "webhook.send-again", Audit.Target.webhook(delivery.endpointId, "delivery " + delivery.id),
                reason, before, "pending again");
    }

    /** The secrets that sign a message to the endpoint now: its own, and the previous one while it overlaps. */
    List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        String current = secrets.open(endpoint.secretCipher, endpoint.id);
        return endpoint.previousSecretCipher != null && now.isBefore(endpoint.previousValidUntil)
                ? List.of(current, secrets.open(endpoint.previousSecretCipher, endpoint.id)) : List.of(current);
    }

    private static WebhookEndpoint locked(long id) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(jakarta.ws.rs.NotFoundException::new);
    }

    private static String describe(WebhookEndpoint endpoint) {
        return endpoint.status.name().toLowerCase(java.util.Locale.ROOT) + ", " + endpoint.url + ", events "
                + endpoint.eventTypes + (endpoint.allowEmail ? ", with email addresses" : "") + ", contact "
                + endpoint.contactEmail;
    }
}
