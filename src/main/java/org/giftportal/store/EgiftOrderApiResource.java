package org.giftportal.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.gift.Gift;
import org.giftportal.gift.GiftDeliveries;
import org.giftportal.gift.GiftOrder;
import org.giftportal.gift.StoreGiftOrders;
import org.giftportal.web.Problem;
import org.giftportal.web.RateLimited;

/**
 * E-gift cards sold at the store's checkout: the portal issues the cards and emails each recipient at the time the
 * buyer chose. Answers never hold a claim code (nor does any stored answer): the portal delivers them.
 */
@Path("/api/v1/egift-orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StoreCaller.CHECKOUT)
@Tag(name = "E-gift orders", description = "E-gift cards bought at the checkout, delivered by email")
@SecurityRequirement(name = "store-client")
public class EgiftOrderApiResource {
    private final StoreGiftOrders orders;
    private final ApiCalls calls;

    EgiftOrderApiResource(StoreGiftOrders orders, ApiCalls calls) {
        this.orders = orders;
        this.calls = calls;
    }

    @Schema(description = "One gift of an order and where its email is. Never its code.")
    public record GiftView(long id, String recipientName, String recipientEmail, long amount, Instant deliverAt,
            @Schema(enumeration = { "not-issued-yet", "scheduled", "retrying", "sent", "failed", "not-sent" })
            String delivery,
            @Schema(enumeration = { "active", "redeemed", "cancelled", "blocked" }) String cardStatus) {
    }

    @Schema(description = "An order of e-gift cards.")
    public record OrderView(long id, String orderReference,
            @Schema(enumeration = { "issuing", "issued", "cancelled" }) String status, String region,
            String currency, long total, String buyer, Instant createdAt, Instant cancelledAt, List<GiftView> gifts) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.API)
    @Operation(summary = "Sell e-gift cards", description = "Issues a card per gift and emails each recipient at its"
            + " delivery time (local to senderZone, as yyyy-MM-ddTHH:mm; now when absent). Amounts in minor units,"
            + " whole and within the region's denominations; themes: birthday, thank-you, congratulations, seasonal."
            + " One order per orderReference: the same order again returns it (200).")
    @RequestBody(content = @Content(schema = @Schema(implementation = StoreGiftOrders.Order.class),
            examples = @ExampleObject(name = "one gift", value = "{\"orderReference\":\"W-3001\",\"region\":\"US\","
                    + "\"currency\":\"USD\",\"senderZone\":\"America/New_York\",\"buyer\":\"5f0c…\",\"gifts\":["
                    + "{\"recipientName\":\"Rosa Diaz\",\"recipientEmail\":\"rosa@example.com\",\"amount\":5000,"
                    + "\"message\":\"Happy birthday!\",\"senderName\":\"Sam\",\"deliverAt\":\"2026-12-24T09:00\","
                    + "\"theme\":\"birthday\"}]}")))
    @APIResponse(responseCode = "201", description = "Placed; its cards are issued within seconds",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "200", description = "This order was placed before", content = @Content(schema =
            @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "The order reference names another order",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A gift can't be sent as it is (errors by index)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response place(@Parameter(description = StoreApiResource.KEY, required = true)
            @HeaderParam(Idempotency.HEADER) String key, String body) {
        try {
            return placeOnce(key, body);
        } catch (RuntimeException e) {
            if (!isDuplicateOrder(e)) {
                throw e;
            }
            // The same order sent again with another key, at the same instant: the other request placed it first
            // (its unique key said so, and this attempt rolled back). Run again: it finds that order.
            return placeOnce(key, body);
        }
    }

    private Response placeOnce(String key, String body) {
        return calls.idempotent(key, "POST /api/v1/egift-orders", body, StoreGiftOrders.Order.class, request -> {
            StoreGiftOrders.Outcome outcome = orders.place(calls.clientId(), request);
            return calls.answer(outcome.existing() ? 200 : 201, view(orderOf(outcome)));
        });
    }

    private static boolean isDuplicateOrder(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLIntegrityConstraintViolationException duplicate
                    && String.valueOf(duplicate.getMessage()).contains("uk_gift_order_store")) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("{id}")
    @RateLimited(RateLimited.API)
    @Operation(summary = "An e-gift order and its deliveries")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrderView order(@PathParam("id") long id) {
        String client = calls.clientId();
        return QuarkusTransaction.requiringNew().call(() -> view(GiftOrder.<GiftOrder>findByIdOptional(id)
                .filter(order -> client.equals(order.clientId)).orElseThrow(() -> MoneyProblems.notFound("egift-order",
                        id).exception())));
    }

    @POST
    @Path("{id}/cancel")
    @RateLimited(RateLimited.API)
    @Operation(summary = "Cancel an e-gift order", description = "The store refunded the buyer: every card of the"
            + " order nobody redeemed yet is cancelled and its unsent email withdrawn. Redeemed cards stay redeemed.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "409", description = "Cancelled already, or still being issued", content =
            @Content(mediaType = Problem.MEDIA_TYPE))
    public Response cancel(@PathParam("id") long id, @Parameter(description = StoreApiResource.KEY, required = true)
            @HeaderParam(Idempotency.HEADER) String key, String body) {
        return calls.idempotent(key, "POST /api/v1/egift-orders/" + id + "/cancel", body,
                StoreApiResource.AmountRequest.class, ignored -> calls.answer(200, view(orderOf(orders.cancel(
                        calls.clientId(), id)))));
    }

    private static GiftOrder orderOf(StoreGiftOrders.Outcome outcome) {
        if (outcome.refusal().isPresent()) {
            StoreGiftOrders.Refusal refusal = outcome.refusal().get();
            Problem problem = Problem.of(refusal.status(), refusal.type(), refusal.type().replace('-', ' '),
                    refusal.detail());
            throw (refusal.errors().isEmpty() ? problem : problem.with("errors", refusal.errors())).exception();
        }
        return outcome.order().orElseThrow();
    }

    private static OrderView view(GiftOrder order) {
        List<GiftView> gifts = Gift.<Gift>list("orderId = ?1 order by lineNumber", order.id).stream().map(gift -> {
            Optional<OutboxMail> mail = GiftDeliveries.latestMail(gift);
            Optional<GiftCard> card = Optional.ofNullable(gift.giftCardId)
                    .flatMap(cardId -> GiftCard.<GiftCard>findByIdOptional(cardId));
            return new GiftView(gift.id, gift.recipientName, gift.recipientEmail, gift.amountMinor, gift.deliverAt,
                    GiftDeliveries.stateOf(mail).key().replace("waiting", "not-issued-yet"),
                    card.map(c -> c.status.name().toLowerCase(Locale.ROOT)).orElse(null));
        }).toList();
        return new OrderView(order.id, order.storeOrderReference, order.status.name().toLowerCase(Locale.ROOT),
                order.region, order.currency, order.totalMinor, order.buyerSubject, order.createdAt,
                order.cancelledAt, gifts);
    }
}
