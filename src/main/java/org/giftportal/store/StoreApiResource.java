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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.giftportal.account.Account;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.Hold;
import org.giftportal.ledger.Holds;
import org.giftportal.restrictions.RestrictedCategory;
import org.giftportal.web.Problem;
import org.giftportal.web.RateLimited;

/**
 * The store API, version 1: the retailer's checkout reads a shopper's balance, holds part of it for an order,
 * captures the hold as a purchase (or voids it), and refunds captured money back to the balance. Every POST is
 * idempotent on its Idempotency-Key; errors are problem+json.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StoreCaller.CHECKOUT)
@Tag(name = "Balance and holds", description = "Spending a shopper's gift card balance at the store's checkout")
@SecurityScheme(securitySchemeName = "store-client", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token of the retailer's confidential client (role"
                + " store-checkout) from the portal's identity provider, by the client credentials grant.")
@SecurityRequirement(name = "store-client")
public class StoreApiResource {
    private static final String PROBLEM_EXAMPLE = "{\"type\":\"/api/problems/hold-captured\",\"title\":\"Hold already"
            + " captured\",\"status\":409,\"detail\":\"Hold 41 was captured.\",\"holdStatus\":\"captured\"}";

    static final String KEY = "1 to 255 characters naming this operation (a UUID): the same key and body"
            + " again returns the first answer without doing it twice; the same key with another body is a 422.";

    private final Holds holds;
    private final ApiCalls calls;

    StoreApiResource(Holds holds, ApiCalls calls) {
        this.holds = holds;
        this.calls = calls;
    }

    /** The body of a capture or a refund: an amount in minor units. */
    public record AmountRequest(Long amount) {
    }

    @GET
    @Path("accounts/{subject}/balance")
    @RateLimited(RateLimited.API)
    @Operation(summary = "A shopper's balance", description = "Balance, the amount active holds keep aside, and what"
            + " is available for a new hold (balance - held), in minor units of the account's currency.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StoreViews.Balance.class),
            examples = @ExampleObject(name = "balance", value = "{\"account\":\"5f0c…\",\"currency\":\"USD\","
                    + "\"balance\":7500,\"held\":2000,\"available\":5500}")))
    @APIResponse(responseCode = "404", description = "No account for this subject",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public StoreViews.Balance balance(@Parameter(description = "The shopper's OIDC subject") @PathParam("subject")
            String subject) {
        return QuarkusTransaction.requiringNew().call(() -> StoreViews.Balance.of(Optional.ofNullable(subject)
                .filter(s -> !s.isBlank()).flatMap(Account::findBySubject).orElseThrow(() -> MoneyProblems.of(
                        new org.giftportal.ledger.Refusal.NoAccount()))));
    }

    @POST
    @Path("holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.API)
    @Operation(summary = "Hold part of a balance for an order", description = "Give an amount, or the order's line"
            + " items: items in a restricted category (see the category codes in the API guide) are left out. The"
            + " hold takes what is eligible, capped by the available balance, and says what another payment method"
            + " must pay. It lapses after the hold lifetime (7 days by default) unless captured or voided.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Holds.HoldRequest.class), examples = {
            @ExampleObject(name = "amount", value = "{\"account\":\"5f0c…\",\"currency\":\"USD\","
                    + "\"orderReference\":\"W-1001\",\"amount\":2500}"),
            @ExampleObject(name = "line items", value = "{\"account\":\"5f0c…\",\"currency\":\"USD\","
                    + "\"orderReference\":\"W-1002\",\"lineItems\":[{\"sku\":\"TEA-1\",\"category\":\"grocery\","
                    + "\"amount\":1200},{\"sku\":\"GC-50\",\"category\":\"gift-cards\",\"amount\":5000}]}") }))
    @APIResponse(responseCode = "201", description = "Held (perhaps less than asked: see partial and remainingToPay)",
            content = @Content(schema = @Schema(implementation = StoreViews.HoldView.class)))
    @APIResponse(responseCode = "422", description = "Invalid body, wrong currency, nothing eligible, no balance, or"
            + " an Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response placeHold(@Parameter(description = KEY, required = true) @HeaderParam(Idempotency.HEADER) String key, String body) {
        return calls.idempotent(key, "POST /api/v1/holds", body, Holds.HoldRequest.class, request -> {
            Holds.Placed placed = holds.place(calls.clientId(), request, RestrictedCategory::codesForRegion)
                    .orElseThrow(MoneyProblems::of);
            return calls.answer(201, StoreViews.HoldView.placed(placed, request.account()));
        });
    }

    @GET
    @Path("holds/{id}")
    @RateLimited(RateLimited.API)
    @Operation(summary = "A hold, for reconciliation")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StoreViews.HoldView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public StoreViews.HoldView hold(@PathParam("id") long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            requireOwnHold(id);
            Hold hold = Hold.findById(id);
            return StoreViews.HoldView.of(hold, subjectOf(hold.accountId), Capture.ofHold(hold.id).map(c -> c.id)
                    .orElse(null));
        });
    }

    @POST
    @Path("holds/{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.API)
    @Operation(summary = "Capture a hold as a purchase", description = "Takes the amount (at most what is held; all"
            + " of it when no amount is given) from the balance as a purchase with the hold's order reference, and"
            + " releases the rest. A hold is captured at most once; a lapsed hold can't be.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = AmountRequest.class),
            examples = @ExampleObject(name = "part", value = "{\"amount\":1800}")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation =
            StoreViews.CaptureView.class)))
    @APIResponse(responseCode = "409", description = "The hold was captured, voided or has lapsed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "captured",
                    value = PROBLEM_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "More than the hold", content = @Content(mediaType =
            Problem.MEDIA_TYPE))
    public Response capture(@PathParam("id") long id, @Parameter(description = KEY, required = true) @HeaderParam(Idempotency.HEADER) String key,
            String body) {
        return calls.idempotent(key, "POST /api/v1/holds/" + id + "/capture", body, AmountRequest.class, request -> {
            requireOwnHold(id);
            Holds.Captured captured = holds.capture(id, Optional.ofNullable(request.amount()), null)
                    .orElseThrow(MoneyProblems::of);
            return calls.answer(201, StoreViews.CaptureView.made(captured.capture(), captured.hold(),
                    subjectOf(captured.hold().accountId)));
        });
    }

    @POST
    @Path("holds/{id}/void")
    @RateLimited(RateLimited.API)
    @Operation(summary = "Void an uncaptured hold", description = "Gives back what it keeps aside (the order was"
            + " cancelled or paid otherwise).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StoreViews.HoldView.class)))
    @APIResponse(responseCode = "409", description = "The hold was captured or voided already, or has lapsed",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response voidHold(@PathParam("id") long id, @Parameter(description = KEY, required = true) @HeaderParam(Idempotency.HEADER) String key,
            String body) {
        return calls.idempotent(key, "POST /api/v1/holds/" + id + "/void", body, AmountRequest.class, ignored -> {
            requireOwnHold(id);
            Hold hold = holds.voidHold(id).orElseThrow(MoneyProblems::of);
            return calls.answer(200, StoreViews.HoldView.of(hold, subjectOf(hold.accountId), null));
        });
    }

    @GET
    @Path("captures/{id}")
    @RateLimited(RateLimited.API)
    @Operation(summary = "A capture and its refunds, for reconciliation")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
            StoreViews.CaptureView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public StoreViews.CaptureView captureView(@PathParam("id") long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            requireOwnCapture(id);
            Capture capture = Capture.findById(id);
            Hold hold = Hold.findById(capture.holdId);
            return StoreViews.CaptureView.of(capture, hold, subjectOf(capture.accountId));
        });
    }

    @POST
    @Path("captures/{id}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.API)
    @Operation(summary = "Refund part of a capture to the balance", description = "A returned order's money goes"
            + " back to the balance as a refund with the order's reference. The refunds of a capture never exceed"
            + " it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AmountRequest.class),
            examples = @ExampleObject(name = "refund", value = "{\"amount\":500}")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation =
            StoreViews.RefundView.class)))
    @APIResponse(responseCode = "422", description = "More than is left to refund", content = @Content(mediaType =
            Problem.MEDIA_TYPE))
    public Response refund(@PathParam("id") long id, @Parameter(description = KEY, required = true) @HeaderParam(Idempotency.HEADER) String key,
            String body) {
        return calls.idempotent(key, "POST /api/v1/captures/" + id + "/refunds", body, AmountRequest.class, request -> {
            requireOwnCapture(id);
            Holds.Refunded refunded = holds.refund(id, request.amount(), null, null).orElseThrow(MoneyProblems::of);
            return calls.answer(201, StoreViews.RefundView.of(refunded.refund(), refunded.capture().currency));
        });
    }

    /** Another client's hold (a till's included) is, to this one, no hold at all. */
    private void requireOwnHold(long id) {
        if (!holds.isOwnHold(id, calls.clientId())) {
            throw MoneyProblems.notFound("hold", id).exception();
        }
    }

    private void requireOwnCapture(long id) {
        if (!holds.isOwnCapture(id, calls.clientId())) {
            throw MoneyProblems.notFound("capture", id).exception();
        }
    }

    private static String subjectOf(long accountId) {
        return Account.<Account>findById(accountId).subject;
    }
}
