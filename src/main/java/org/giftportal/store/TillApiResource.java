package org.giftportal.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
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
import org.giftportal.card.TillSale;
import org.giftportal.card.TillSales;
import org.giftportal.web.Problem;
import org.giftportal.web.RateLimited;

/**
 * The stores' tills: a physical card sold over the counter is activated by its printed number, and the activation is
 * voided when the sale is cancelled before anyone redeemed the card. Never by claim code, which the till never sees.
 */
@Path("/api/v1/cards/activations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StoreCaller.TILL)
@Tag(name = "Card activations", description = "Physical cards sold at the stores' tills")
@SecurityRequirement(name = "store-client")
public class TillApiResource {
    private final TillSales sales;
    private final ApiCalls calls;

    TillApiResource(TillSales sales, ApiCalls calls) {
        this.sales = sales;
        this.calls = calls;
    }

    @Schema(description = "A till's sale of a card, which activated it.")
    public record ActivationView(long id,
            @Schema(enumeration = { "active", "voided" }) String status, String cardNumber, String currency,
            long amount, String storeReference,
            @Schema(enumeration = { "issued", "active" }) String cardStatus, Instant createdAt, Instant voidedAt) {
        static ActivationView of(TillSale sale, GiftCard card) {
            return new ActivationView(sale.id, sale.status.name().toLowerCase(Locale.ROOT), card.formattedCardNumber(),
                    sale.currency, sale.amountMinor, sale.storeReference, card.status.name().toLowerCase(Locale.ROOT),
                    sale.createdAt, sale.voidedAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.API)
    @Operation(summary = "Activate a sold card", description = "The card (by the number printed on it) goes from"
            + " unsold to active. The amount paid must be the card's value, in its currency.")
    @RequestBody(content = @Content(schema = @Schema(implementation = TillSales.Sale.class), examples = @ExampleObject(
            name = "sale", value = "{\"cardNumber\":\"6280 0012 3456 7897\",\"amount\":5000,\"currency\":\"USD\","
                    + "\"storeReference\":\"STORE-12/TILL-3/0042\"}")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ActivationView.class)))
    @APIResponse(responseCode = "404", description = "No card has this number", content = @Content(mediaType =
            Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "The card isn't unsold (active, redeemed, blocked, cancelled)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Amount or currency not the card's", content = @Content(
            mediaType = Problem.MEDIA_TYPE))
    public Response activate(@Parameter(description = StoreApiResource.KEY, required = true)
            @HeaderParam(Idempotency.HEADER) String key, String body) {
        return calls.idempotent(key, "POST /api/v1/cards/activations", body, TillSales.Sale.class,
                sale -> answer(201, sales.activate(calls.clientId(), sale)));
    }

    @POST
    @Path("{id}/void")
    @RateLimited(RateLimited.API)
    @Operation(summary = "Undo an activation", description = "The sale was cancelled: the card is unsold again, as"
            + " long as nobody redeemed it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActivationView.class)))
    @APIResponse(responseCode = "409", description = "Voided already, or the card was redeemed, blocked or"
            + " cancelled meanwhile", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response voidActivation(@PathParam("id") long id, @Parameter(description = StoreApiResource.KEY,
            required = true) @HeaderParam(Idempotency.HEADER) String key, String body) {
        return calls.idempotent(key, "POST /api/v1/cards/activations/" + id + "/void", body,
                StoreApiResource.AmountRequest.class, ignored -> answer(200, sales.cancel(id)));
    }

    private Idempotency.Answer answer(int status, TillSales.Outcome outcome) {
        if (outcome.refusal().isPresent()) {
            TillSales.Refusal refusal = outcome.refusal().get();
            throw Problem.of(refusal.status(), refusal.type(), title(refusal.type()), refusal.detail()).exception();
        }
        return calls.answer(status, ActivationView.of(outcome.sale().orElseThrow(), outcome.card().orElseThrow()));
    }

    private static String title(String type) {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
