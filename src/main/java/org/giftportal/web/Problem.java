package org.giftportal.web;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error for a machine client, as RFC 9457 problem details: a stable {@code type} per kind of error (a relative URI
 * under /api/problems/, or about:blank for plain HTTP errors), a short title, the status, a detail saying what to fix,
 * and any fields that help the client act on it. Never a stack trace, never a claim code.
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A business error of the API, named by a slug that never changes once published. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("/api/problems/" + slug, title, status, detail, Map.of());
    }

    /** A plain HTTP error (not found, forbidden, too many requests) with no more to say than its status. */
    public static Problem ofStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", known == null ? "Error" : known.getReasonPhrase(), status, detail, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    public String json() {
        JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        extensions.forEach(json::put);
        return json.encode();
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(json()).build();
    }

    /** The problem as an exception, for code deep in a request to end it with. */
    public ProblemException exception() {
        return new ProblemException(this);
    }

    /** Ends an API request with its problem; nothing it did is committed. */
    public static class ProblemException extends RuntimeException {
        private final Problem problem;

        ProblemException(Problem problem) {
            super(problem.type() + ": " + problem.detail(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
