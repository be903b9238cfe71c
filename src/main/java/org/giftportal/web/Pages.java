package org.giftportal.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;

/** Page responses with a status of their own. */
public final class Pages {
    private Pages() {
    }

    /**
     * A page that may carry a claim code (in its address or its form) and so must never leak its address to
     * another site through the Referer header.
     */
    public static Response withoutReferrer(TemplateInstance page, int status) {
        return withoutReferrer(page, status, null);
    }

    /** The same, for a refusal that passes: it says, in seconds, when to try again. */
    public static Response withoutReferrer(TemplateInstance page, int status, java.time.Duration retryAfter) {
        Response.ResponseBuilder response = Response.status(status).entity(page).header("Referrer-Policy", "no-referrer");
        if (retryAfter != null) {
            response.header("Retry-After", ErrorPage.retryAfterSeconds(retryAfter));
        }
        return response.build();
    }
}
