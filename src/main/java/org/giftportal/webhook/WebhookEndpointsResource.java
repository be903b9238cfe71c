package org.giftportal.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.card.CardDesk;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * The webhook endpoints, for admins: the list, a new endpoint (its secret shown once, on the answer to the form, never
 * again), and each endpoint's recent deliveries with pause, resume, a new secret and "send again". Every change is
 * audited.
 */
@Path("/backoffice/webhooks")
@PermissionsAllowed(StaffPermissions.MANAGE_WEBHOOKS)
public class WebhookEndpointsResource {
    private static final int RECENT = 50;

    @Inject
    SignedInShopper staff;

    @Inject
    Webhooks webhooks;

    @Inject
    RegionFormats formats;

    @Inject
    Regions regions;

    public record EndpointRow(long id, String clientId, String url, String types, String status, String failingSince,
            String contactEmail, boolean allowEmail, long dropped) {
    }

    public record TypeChoice(String key, String description, boolean chosen) {
    }

    public record NewForm(String clientId, String url, String contactEmail, boolean allowEmail) {
    }

    public record DeliveryRow(long id, String eventId, String type, String created, String status, int attempts,
            String lastAnswer, String next) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<EndpointRow> endpoints, List<TypeChoice> types, NewForm form,
                String problem);

        static native TemplateInstance endpoint(EndpointRow endpoint, List<DeliveryRow> deliveries, String secret,
                String notice, String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.list(rows(), choices(Set.of()), new NewForm("", "", staff.email().orElse(""), false), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("clientId") String clientId, @FormParam("url") String url,
            @FormParam("types") List<String> types, @FormParam("contactEmail") String contactEmail,
            @FormParam("allowEmail") String allowEmail) {
        Set<EventType> chosen = chosen(types);
        StringBuilder refused = new StringBuilder();
        Webhooks.NewEndpoint asked = new Webhooks.NewEndpoint(orEmpty(clientId), orEmpty(url), chosen,
                orEmpty(contactEmail), "yes".equals(allowEmail));
        return webhooks.create(staff.actor(), asked, refused::append)
                .map(created -> Response.ok(Templates.endpoint(row(created.endpoint()), List.of(), created.secret(),
                        "Endpoint added. Copy its secret now: it is never shown again.", null))
                        .header("Cache-Control", "no-store").build())
                .orElseGet(() -> Response.status(422).entity(Templates.list(rows(), choices(chosen),
                        new NewForm(asked.clientId(), asked.url(), asked.contactEmail(), asked.allowEmail()),
                        refused.toString())).build());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance endpoint(@PathParam("id") long id, @QueryParam("done") String done) {
        return page(id, null, notice(done), null);
    }

    @POST
    @Path("{id}/{action: pause|resume|rotate}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(@PathParam("id") long id, @PathParam("action") String action,
            @FormParam("reason") String reason) {
        java.util.Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return Response.status(422).entity(page(id, null, null, problem.get())).build();
        }
        switch (action) {
            case "pause" -> webhooks.pause(staff.actor(), id, reason.strip());
            case "resume" -> webhooks.resume(staff.actor(), id, reason.strip());
            default -> {
                String secret = webhooks.rotate(staff.actor(), id, reason.strip());
                return Response.ok(page(id, secret, "New secret made. Copy it now: it is never shown again. The old"
                        + " one signs too for a while, so the receiver can switch.", null))
                        .header("Cache-Control", "no-store").build();
            }
        }
        return Response.seeOther(UriBuilder.fromPath("/backoffice/webhooks/{id}").queryParam("done", action)
                .build(id)).build();
    }

    @POST
    @Path("{id}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response settings(@PathParam("id") long id, @FormParam("contactEmail") String contactEmail,
            @FormParam("allowEmail") String allowEmail, @FormParam("reason") String reason) {
        java.util.Optional<String> problem = CardDesk.reasonProblem(reason)
                .or(() -> webhooks.changeSettings(staff.actor(), id, contactEmail, "yes".equals(allowEmail),
                        reason.strip()));
        if (problem.isPresent()) {
            return Response.status(422).entity(page(id, null, null, problem.get())).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/backoffice/webhooks/{id}").queryParam("done", "settings")
                .build(id)).build();
    }

    @POST
    @Path("{id}/deliveries/{delivery}/send-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response sendAgain(@PathParam("id") long id, @PathParam("delivery") long delivery,
            @FormParam("reason") String reason) {
        String why = reason == null || reason.isBlank() ? "Sent again from the back office" : reason.strip();
        webhooks.sendAgain(staff.actor(), delivery, why);
        return Response.seeOther(UriBuilder.fromPath("/backoffice/webhooks/{id}").queryParam("done", "again")
                .build(id)).build();
    }

    private TemplateInstance page(long id, String secret, String notice, String problem) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id)
                .map(endpoint -> Templates.endpoint(row(endpoint), WebhookDelivery.<WebhookDelivery>find(
                        "endpointId = ?1 order by id desc", id).page(0, RECENT).list().stream().map(this::row)
                        .toList(), secret, notice, problem)))
                .orElseThrow(NotFoundException::new);
    }

    private List<EndpointRow> rows() {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.<WebhookEndpoint>listAll().stream()
                .map(this::row).toList());
    }

    private EndpointRow row(WebhookEndpoint endpoint) {
        return new EndpointRow(endpoint.id, endpoint.clientId, endpoint.url, endpoint.eventTypes.replace(" ", ", "),
                endpoint.isPaused() ? endpoint.pausedReason : "enabled",
                endpoint.failingSince == null ? null : when(endpoint.failingSince), endpoint.contactEmail,
                endpoint.allowEmail, endpoint.droppedCount);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private DeliveryRow row(WebhookDelivery delivery) {
        WebhookEvent event = WebhookEvent.findById(delivery.eventId);
        String answer = delivery.lastStatusCode != null ? "HTTP " + delivery.lastStatusCode
                : delivery.lastError == null ? "" : delivery.lastError;
        return new DeliveryRow(delivery.id, event.publicId, event.type, when(delivery.createdAt),
                delivery.status.name().toLowerCase(java.util.Locale.ROOT), delivery.attempts, answer,
                delivery.status == WebhookDelivery.Status.PENDING ? when(delivery.nextAttemptAt) : "");
    }

    private String when(java.time.Instant at) {
        return formats.dateTime(at, regions.defaultRegion());
    }

    private static Set<EventType> chosen(List<String> types) {
        Set<EventType> chosen = EnumSet.noneOf(EventType.class);
        if (types != null) {
            types.forEach(key -> EventType.of(key).ifPresent(chosen::add));
        }
        return chosen;
    }

    private static List<TypeChoice> choices(Set<EventType> chosen) {
        return Arrays.stream(EventType.values())
                .map(type -> new TypeChoice(type.key(), type.description(), chosen.contains(type))).toList();
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "pause" -> "Paused: its events wait until it is resumed.";
            case "resume" -> "Resumed: its waiting events go, in order.";
            case "again" -> "The event goes again within a few seconds.";
            case "settings" -> "Saved. Events from now on follow the new setting.";
            default -> null;
        };
    }
}
