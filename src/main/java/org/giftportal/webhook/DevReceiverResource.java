package org.giftportal.webhook;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * DEV ONLY: a webhook receiver for {@code ./portal-demo}. Point an endpoint at
 * {@code http://localhost:8080/api/dev/webhook-receiver} (dev allows private addresses; under /api/ because the pages
 * take forms only) and watch the events arrive at {@code /dev/webhook-receiver}, with the Standard Webhooks headers
 * they came with. Keeps the last 50 in memory. Built only when
 * {@code portal.dev-receiver.enabled} is true at build time (dev and tests): a production build has no such page.
 */
@Path("/dev/webhook-receiver")
@PermitAll
@IfBuildProperty(name = "portal.dev-receiver.enabled", stringValue = "true")
public class DevReceiverResource {
    private static final int KEPT = 50;
    private static final ConcurrentLinkedDeque<Arrival> ARRIVALS = new ConcurrentLinkedDeque<>();

    /** The receiving end, under /api/ (the pages take forms only, and a receiver takes JSON). */
    @Path("/api/dev/webhook-receiver")
    @PermitAll
    @IfBuildProperty(name = "portal.dev-receiver.enabled", stringValue = "true")
    public static class Receiving {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Response receive(@HeaderParam("webhook-id") String id,
                @HeaderParam("webhook-timestamp") String timestamp,
                @HeaderParam("webhook-signature") String signature, String body) {
            ARRIVALS.addFirst(new Arrival(Instant.now().toString(), id, timestamp, signature,
                    body.length() > 10_000 ? body.substring(0, 10_000) : body));
            while (ARRIVALS.size() > KEPT) {
                ARRIVALS.pollLast();
            }
            return Response.noContent().build();
        }
    }

    /** One event as it arrived. */
    public record Arrival(String at, String id, String timestamp, String signature, String body) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance arrivals(List<Arrival> arrivals);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance arrivals() {
        return Templates.arrivals(new ArrayList<>(ARRIVALS));
    }
}
