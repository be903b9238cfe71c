package org.giftportal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.giftportal.web.Problem;

/** What every POST of the store API does around its work: read the JSON body, keep its key, write the answer. */
@ApplicationScoped
public class ApiCalls {
    private final Idempotency idempotency;
    private final StoreCaller caller;
    private final ObjectMapper json;

    ApiCalls(Idempotency idempotency, StoreCaller caller, ObjectMapper json) {
        this.idempotency = idempotency;
        this.caller = caller;
        // Strict: a misspelt field or a fractional amount is a 400, never silently dropped or rounded.
        this.json = json.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature
                .FAIL_ON_UNKNOWN_PROPERTIES).disable(com.fasterxml.jackson.databind.DeserializationFeature
                .ACCEPT_FLOAT_AS_INT);
    }

    /** Parses the body as {@code type}, then runs the work once for the caller's key (or replays its answer). */
    <T> Response idempotent(String key, String requestLine, String body, Class<T> type,
            Function<T, Idempotency.Answer> work) {
        String client = caller.clientId();
        T request = parse(body, type);
        return idempotency.run(client, key, requestLine, body, () -> work.apply(request));
    }

    String clientId() {
        return caller.clientId();
    }

    Idempotency.Answer answer(int status, Object view) {
        try {
            return new Idempotency.Answer(status, json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + view.getClass().getSimpleName(), e);
        }
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            T parsed = json.readValue(body == null || body.isBlank() ? "{}" : body, type);
            if (parsed == null) {
                throw MoneyProblems.invalid("The body is a JSON object.").exception();
            }
            return parsed;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw Problem.of(400, "malformed-json", "Malformed JSON", "The body isn't the JSON object this call"
                    + " takes" + where + ".").exception();
        }
    }
}
