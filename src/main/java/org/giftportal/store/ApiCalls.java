package org.giftportal.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
        this.json = strict(json);
    }

    /**
     * Money is read as it was meant or not at all: a misspelt field, a fractional amount, an amount sent as text
     * ({@code "100"}) or a field given twice is refused, never dropped, rounded, converted or decided by whichever
     * copy came last.
     */
    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper strict = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return strict;
    }

    /** Parses the body as {@code type}, then runs the work once for the caller's key (or replays its answer). */
    <T> Response idempotent(String key, String requestLine, String body, Class<T> type,
            Function<T, Idempotency.Answer> work) {
        String client = caller.clientId();
        Idempotency.checkKey(key);
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
        } catch (UnrecognizedPropertyException e) {
            throw MoneyProblems.invalid("\"" + field(e) + "\" isn't a field this call takes: check its spelling in"
                    + " the API reference.").exception();
        } catch (MismatchedInputException e) {
            throw MoneyProblems.invalid("\"" + field(e) + "\" " + expected(e.getTargetType()) + ".").exception();
        } catch (StreamReadException e) {
            throw Problem.of(400, "malformed-json", "Malformed JSON", (isDuplicate(e)
                    ? "The body gives a field more than once: each field comes once"
                    : "The body isn't the JSON object this call takes") + where(e) + ".").exception();
        } catch (JsonProcessingException e) {
            throw Problem.of(400, "malformed-json", "Malformed JSON", "The body isn't the JSON object this call"
                    + " takes" + where(e) + ".").exception();
        }
    }

    /** The field as a client names it: {@code lineItems[2].amount}. */
    private static String field(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "isn't of the kind this call takes";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "is a whole number of minor units written as a JSON number (1250 for 12.50), not a fraction"
                    + " or text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "is true or false";
        }
        if (type == String.class) {
            return "is text in quotes";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "is a JSON array";
        }
        return "isn't of the kind this call takes";
    }

    private static boolean isDuplicate(StreamReadException e) {
        // Jackson's words for STRICT_DUPLICATE_DETECTION; it has no exception type of its own.
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
