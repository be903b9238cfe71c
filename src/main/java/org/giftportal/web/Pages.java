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
        return Response.status(status).entity(page).header("Referrer-Policy", "no-referrer").build();
    }
}
