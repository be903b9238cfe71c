package org.giftportal.store;

import jakarta.annotation.security.RolesAllowed;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

    @GET
    @Path("{id}")
    @RateLimited(RateLimited.API)
    @Operation(summary = "An activation, for reconciliation", description = "Only the client that made it sees it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActivationView.class)))
    @APIResponse(responseCode = "404", description = "No activation of this client has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ActivationView activation(@PathParam("id") long id) {
        return QuarkusTransaction.requiringNew().call(() -> sales.ofClient(id, calls.clientId())
                .map(sale -> ActivationView.of(sale, GiftCard.findById(sale.giftCardId)))
                .orElseThrow(() -> notFound(id).exception()));
    }

    @POST
    @Path("{id}/void")
    @RateLimited(RateLimited.API)
    @Operation(summary = "Undo an activation", description = "The sale was cancelled: the card is unsold again, as"
            + " long as nobody redeemed it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ActivationView.class)))
    @APIResponse(responseCode = "404", description = "No activation of this client has this id (another till's is"
            + " not found either)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Voided already, or the card was redeemed, blocked or"
            + " cancelled meanwhile", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response voidActivation(@PathParam("id") long id, @Parameter(description = StoreApiResource.KEY,
            required = true) @HeaderParam(Idempotency.HEADER) String key, String body) {
        return calls.idempotent(key, "POST /api/v1/cards/activations/" + id + "/void", body,
                StoreApiResource.AmountRequest.class, ignored -> answer(200, sales.cancel(calls.clientId(), id)));
    }

    private Idempotency.Answer answer(int status, TillSales.Outcome outcome) {
        if (outcome.refusal().isPresent()) {
            throw problem(outcome.refusal().get()).exception();
        }
        return calls.answer(status, ActivationView.of(outcome.sale().orElseThrow(), outcome.card().orElseThrow()));
    }

    /** The API's words for each refusal of a sale or its cancellation, in one place. */
    private static Problem problem(TillSales.Refusal refusal) {
        Optional<GiftCard> card = refusal.card();
        String status = card.map(found -> found.status.name().toLowerCase(Locale.ROOT)).orElse("");
        return switch (refusal.reason()) {
            case NOT_A_CARD_NUMBER -> MoneyProblems.invalid("cardNumber must be the 16 digits printed on the card.")
                    .with("field", "cardNumber");
            case NO_REFERENCE -> MoneyProblems.invalid("storeReference (the till's receipt) is required: 1 to 100"
                    + " characters of plain text.").with("field", "storeReference");
            case NO_SUCH_CARD -> Problem.of(404, "card-not-found", "Card not found", "No card has this number.");
            case NOT_UNSOLD -> Problem.of(409, "card-not-unsold", "Card not unsold", "Only an unsold card can be"
                    + " activated; this one is " + status + ".");
            case OTHER_CURRENCY -> Problem.of(422, "currency-mismatch", "Currency mismatch", "The card is in "
                    + card.orElseThrow().currency + ".");
            case OTHER_AMOUNT -> Problem.of(422, "amount-mismatch", "Amount mismatch", "The card is worth "
                    + card.orElseThrow().amountMinor + " " + card.orElseThrow().currency + " (minor units): the amount"
                    + " paid must be that.");
            case NO_SUCH_SALE -> notFound(null);
            case VOIDED_ALREADY -> Problem.of(409, "activation-voided", "Activation voided", "This activation was"
                    + " voided already.");
            case CARD_MOVED_ON -> Problem.of(409, "card-" + status, "Card " + status, "The card is " + status
                    + ": its sale can't be undone" + (status.equals("redeemed") ? " (its value is in a shopper's"
                            + " balance)." : "."));
        };
    }

    private static Problem notFound(Long id) {
        return Problem.of(404, "activation-not-found", "Activation not found", id == null
                ? "This client made no such activation." : "This client made no activation " + id + ".");
    }
}
