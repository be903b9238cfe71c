package org.giftportal.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.giftportal.ops.AutoCommit;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.ops.Retries;
import org.giftportal.site.PortalConfig;
import org.giftportal.web.Problem;

/**
 * Idempotency keys for every POST of the store API, as payment APIs keep them: per client, the first request with a
 * key does its work and stores its answer in the same transaction as the work; the same key again with the same body
 * gets that answer (status and body) without doing anything; with another body, a 422. Two requests with one key at
 * the same instant, on one portal instance or two, run once: the second waits on the first one's row in the key's
 * unique index, then finds its answer. Only successful answers are kept, so a refused request (a 409, a 422) may be
 * sent again with its key once the problem is fixed.
 */
@ApplicationScoped
public class Idempotency implements org.giftportal.ops.Sweep {
    static final String HEADER = "Idempotency-Key";
    /** The length of the key's column. */
    private static final int MAX_KEY = 255;

    private final EntityManager entities;
    private final Retries retries;
    private final Clock clock;
    private final PortalConfig.Store settings;
    private final io.agroal.api.AgroalDataSource dataSource;

    Idempotency(EntityManager entities, Retries retries, Clock clock, PortalConfig config,
            io.agroal.api.AgroalDataSource dataSource) {
        this.entities = entities;
        this.retries = retries;
        this.clock = clock;
        this.settings = config.store();
        this.dataSource = dataSource;
    }

    /** A successful answer: its status and JSON body, as first sent and as replayed. */
    public record Answer(int status, String json) {
        Response response(boolean replayed) {
            Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(json);
            return replayed ? response.header("Idempotent-Replayed", "true").build() : response.build();
        }
    }

    private record Stored(byte[] hash, String requestLine, int status, String body) {
    }

    /** Refuses a missing key as missing, and a key that is there but unusable for what is wrong with it. */
    static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw Problem.of(400, "idempotency-key-required", "Idempotency-Key required", "Every POST carries an"
                    + " Idempotency-Key header of 1 to " + MAX_KEY + " characters, unique per operation (a UUID"
                    + " does).").exception();
        }
        if (key.length() > MAX_KEY) {
            throw Problem.of(400, "idempotency-key-invalid", "Idempotency-Key too long", "This Idempotency-Key has "
                    + key.length() + " characters; a key has at most " + MAX_KEY + " (a UUID has 36).").exception();
        }
        if (key.codePoints().anyMatch(Character::isISOControl)) {
            throw Problem.of(400, "idempotency-key-invalid", "Idempotency-Key unusable", "This Idempotency-Key holds"
                    + " control characters (such as a line break); a key is printable text, such as a UUID.")
                    .exception();
        }
    }

    /**
     * Runs {@code work} in one transaction with the key's row, or replays the key's answer.
     *
     * @param requestLine the method and path, e.g. "POST /api/v1/holds": a key is for one call
     */
    public Response run(String client, String key, String requestLine, String body, Supplier<Answer> work) {
        checkKey(key);
        byte[] hash = sha256(requestLine + "\n" + (body == null ? "" : body));
        // No look-up first: the key's insert finds an earlier request by itself, and a first request (the usual
        // case) costs no extra round trip.
        Optional<Answer> answer = retries.inTransaction("api-" + requestLine.substring(requestLine.lastIndexOf('/')
                + 1), () -> {
                    if (!claim(client, key, requestLine, hash)) {
                        return Optional.<Answer>empty();
                    }
                    Answer done = work.get();
                    entities.createNativeQuery("UPDATE api_idempotency SET response_status = ?1, response_body = ?2"
                            + " WHERE client_id = ?3 AND idempotency_key = ?4").setParameter(1, done.status())
                            .setParameter(2, done.json()).setParameter(3, client).setParameter(4, key)
                            .executeUpdate();
                    return Optional.of(done);
                });
        if (answer.isPresent()) {
            return answer.get().response(false);
        }
        // Another request with this key committed first (it held the key while it worked): its answer is ours.
        return replay(find(client, key).orElseThrow(() -> new IllegalStateException("Key vanished")), requestLine,
                hash);
    }

    private Response replay(Stored stored, String requestLine, byte[] hash) {
        if (!Arrays.equals(stored.hash(), hash) || !stored.requestLine().equals(requestLine)) {
            throw Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused", "This Idempotency-Key was"
                    + " used for another request (" + stored.requestLine() + ", another body): a key names one"
                    + " operation. Use a new key for a new operation.").exception();
        }
        return new Answer(stored.status(), stored.body()).response(true);
    }

    /**
     * Inserts the key's row; false if it exists. A row another transaction inserted and hasn't committed yet is
     * waited for: then it is there (false), or it was rolled back and this insert goes ahead.
     */
    private boolean claim(String client, String key, String requestLine, byte[] hash) {
        return entities.createNativeQuery("INSERT IGNORE INTO api_idempotency (client_id, idempotency_key,"
                + " request_hash, request_line, response_status, response_body, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, 0, '', ?5)").setParameter(1, client).setParameter(2, key)
                .setParameter(3, hash).setParameter(4, requestLine)
                .setParameter(5, DatabaseTime.of(clock.instant().truncatedTo(ChronoUnit.MICROS))).executeUpdate() == 1;
    }

    private Optional<Stored> find(String client, String key) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entities.createNativeQuery("SELECT request_hash, request_line, response_status,"
                    + " response_body FROM api_idempotency WHERE client_id = ?1 AND idempotency_key = ?2")
                    .setParameter(1, client).setParameter(2, key).getResultList();
            return rows.stream().findFirst().map(row -> new Stored((byte[]) row[0], (String) row[1],
                    ((Number) row[2]).intValue(), (String) row[3]));
        });
    }

    /** Forgets answers older than the retention (housekeeping); returns how many. */
    public int forgetOld(int batch) {
        return AutoCommit.update(dataSource, "DELETE FROM api_idempotency WHERE created_at < ? LIMIT ?",
                DatabaseTime.of(clock.instant().minus(settings.idempotencyRetention())), batch);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Housekeeping's part: keys past their retention. */
    @Override
    public int forget(int batch) {
        return forgetOld(batch);
    }
}
