package org.giftportal.pay;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.audit.Actor;
import org.giftportal.account.StaffPermissions;
import org.giftportal.card.GiftCard;
import org.giftportal.site.Money;
import org.giftportal.restrictions.RestrictedCategory;
import org.giftportal.site.RegionFormats;

/**
 * The till: a page for a counter PC or tablet of one of the retailer's stores. The cashier types the amount, scans
 * (a scanner types and presses Enter) or types the shopper's pay code, sees what the balance will pay and takes it or
 * cancels; prints the receipt; refunds a payment of the store; activates a card just sold. Only cashiers whose
 * sign-in names a configured store use it, and each sees their own store's payments only.
 */
@Path("/till")
@PermissionsAllowed(StaffPermissions.WORK_TILL)
public class TillResource {
    private static final int LATEST = 10;

    private final Cashier cashier;
    private final Till till;
    private final Receipts receipts;
    private final RegionFormats formats;

    TillResource(Cashier cashier, Till till, Receipts receipts, RegionFormats formats) {
        this.cashier = cashier;
        this.till = till;
        this.receipts = receipts;
        this.formats = formats;
    }

    /** The store at the top of every till page. */
    public record StoreView(String name, String code, String region, String currency, boolean pointOfSale) {
        static StoreView of(Stores.Store store) {
            return new StoreView(store.name(), store.code(), store.region().name(), store.currency(),
                    store.pointOfSale());
        }
    }

    /** What the cashier typed, kept when a form comes back with a problem (never the pay code). */
    public record Typed(String amount, boolean whole, String cardNumber, String cardAmount, String saleReference) {
        static final Typed NONE = new Typed("", false, "", "", "");
    }

    /**
     * A request of the store waiting for a second person: a refund (of a receipt) or a card sale. {@code whyNot} says
     * why it could no longer be carried out, if so: then nobody is offered to approve it, only to turn it down.
     */
    public record WaitingLine(long id, long version, String what, String receipt, Long paymentId, String amount,
            String reason, String askedBy, String when, boolean mine, String whyNot) {
    }

    /** A payment in the store's latest list. */
    public record PaymentRow(long id, String reference, String when, String amount, String state) {
    }

    /** The till page: its forms (a fresh attempt id each), the store's waiting refunds and latest payments. */
    public record TillView(StoreView store, String attempt, String lock, Typed typed, Map<String, String> errors,
            String notice, List<RestrictedCategory> restricted, List<WaitingLine> waiting, List<PaymentRow> latest) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance till(TillView till);

        static native TemplateInstance payment(StoreView store, Receipts.Receipt receipt, String attempt,
                Map<String, String> errors, String notice, String refundAmount, String refundReason);

        static native TemplateInstance receipt(StoreView store, Receipts.Receipt receipt);

        static native TemplateInstance noStore(String claim);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return withStore(store -> page(store, Typed.NONE, Map.of(), null, 200));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("payments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response hold(@FormParam("code") String code, @FormParam("amount") String amount,
            @FormParam("whole") String whole, @FormParam("attempt") String attempt) {
        return withStore(store -> {
            boolean wholeBalance = "yes".equals(whole);
            Till.Outcome outcome = till.hold(store, actor(), new Till.Charge(code, amount, wholeBalance, attempt));
            if (outcome.done()) {
                return seeOther("/till/payments/" + outcome.payment().id);
            }
            return page(store, new Typed(amount == null ? "" : amount, wholeBalance, "", "", ""),
                    Map.of(outcome.field(), outcome.message()), null, 422);
        });
    }

    @GET
    @Path("payments/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response payment(@PathParam("id") long id) {
        return withStore(store -> paymentPage(store, id, Map.of(), null, "", "", 200));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("payments/{id}/take")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response take(@PathParam("id") long id) {
        return withStore(store -> afterward(store, id, till.take(store, actor(), id)));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("payments/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@PathParam("id") long id) {
        return withStore(store -> afterward(store, id, till.cancel(store, actor(), id)));
    }

    @GET
    @Path("payments/{id}/receipt")
    @Produces(MediaType.TEXT_HTML)
    public Response receipt(@PathParam("id") long id) {
        return withStore(store -> QuarkusTransaction.requiringNew().call(() -> TillPayment.atStore(id, store.code())
                .map(receipts::of).filter(Receipts.Receipt::paid)
                .map(receipt -> Response.ok(Templates.receipt(StoreView.of(store), receipt)).build())
                .orElseGet(TillResource::notFound)));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("payments/{id}/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response refund(@PathParam("id") long id, @FormParam("amount") String amount,
            @FormParam("reason") String reason, @FormParam("key") String key) {
        return withStore(store -> {
            Till.Outcome outcome = till.refund(store, actor(), id, new Till.RefundAsked(amount, reason, key));
            if (outcome.done()) {
                return seeOther("/till/payments/" + id);
            }
            return paymentPage(store, id, Map.of(outcome.field(), outcome.message()), null, amount, reason, 422);
        });
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response approve(@PathParam("id") long id, @FormParam("version") long version) {
        return withStore(store -> decided(store, till.decide(store, actor(), id, version, Till.Decision.APPROVE)));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("requests/{id}/turn-down")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response turnDown(@PathParam("id") long id, @FormParam("version") long version) {
        return withStore(store -> decided(store, till.decide(store, actor(), id, version, Till.Decision.TURN_DOWN)));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("requests/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response withdraw(@PathParam("id") long id, @FormParam("version") long version) {
        return withStore(store -> decided(store, till.decide(store, actor(), id, version, Till.Decision.WITHDRAW)));
    }

    @POST
    @org.giftportal.web.RateLimited(org.giftportal.web.RateLimited.TILL)
    @Path("activations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response activate(@FormParam("card-number") String cardNumber, @FormParam("card-amount") String amount,
            @FormParam("sale-reference") String saleReference, @FormParam("attempt") String attempt) {
        return withStore(store -> {
            Till.Activation done = till.activate(store, actor(), new Till.CardSale(cardNumber, amount, attempt,
                    saleReference));
            if (done.card().isPresent()) {
                String card = "Card " + done.card().get().formattedCardNumber();
                String value = formats.money(Money.of(done.card().get().amountMinor, done.card().get().currency),
                        store.region());
                return page(store, Typed.NONE, Map.of(), done.waiting() ? card + " (" + value + ") is over your limit"
                        + " for today: the sale waits below until a colleague of the store approves it on their till."
                        + " Keep the card until then." : card + " is active: " + value + ", ready to redeem.", 200);
            }
            return page(store, new Typed("", false, cardNumber == null ? "" : cardNumber, amount == null ? ""
                    : amount, saleReference == null ? "" : saleReference), Map.of(done.field(), done.message()),
                    null, 422);
        });
    }

    private Response afterward(Stores.Store store, long id, Till.Outcome outcome) {
        return outcome.done() ? seeOther("/till/payments/" + id)
                : paymentPage(store, id, Map.of(outcome.field(), outcome.message()), null, "", "", 409);
    }

    private Response decided(Stores.Store store, Till.Decided decided) {
        if (decided.problem() != null) {
            return page(store, Typed.NONE, Map.of("request", decided.problem()), null, 409);
        }
        if (decided.paymentId().isPresent()) {
            return seeOther("/till/payments/" + decided.paymentId().get());
        }
        return page(store, Typed.NONE, Map.of(), decided.notice(), 200);
    }

    private Response page(Stores.Store store, Typed typed, Map<String, String> errors, String notice, int status) {
        Actor me = actor();
        Optional<String> lock = till.lock(store, me);
        TillView view = QuarkusTransaction.requiringNew().call(() -> {
            List<WaitingLine> waiting = Till.waitingAt(store).stream().map(request -> waitingLine(store, request, me))
                    .toList();
            List<PaymentRow> latest = TillPayment.latestAt(store.code(), LATEST).stream().map(receipts::of)
                    .map(receipt -> new PaymentRow(receipt.id(), receipt.reference(), receipt.when(),
                            receipt.paid() ? receipt.taken() : receipt.held(), receipt.state().label())).toList();
            return new TillView(StoreView.of(store), UUID.randomUUID().toString(), lock.orElse(null), typed, errors,
                    notice, RestrictedCategory.forRegion(store.region().code()), waiting, latest);
        });
        return noStore(Response.status(status).entity(Templates.till(view)));
    }

    private WaitingLine waitingLine(Stores.Store store, ValueRequest request, Actor me) {
        boolean refund = request.kind == ValueRequest.Kind.TILL_REFUND;
        String receipt = refund ? TillPayment.<TillPayment>findById(request.tillPaymentId).reference
                : request.saleReference;
        String what = refund ? "Refund" : "Card sold: " + GiftCard.<GiftCard>findById(request.cardId)
                .formattedCardNumber();
        return new WaitingLine(request.id, request.version(), what, receipt, refund ? request.tillPaymentId : null,
                formats.money(Money.of(request.amountMinor, request.currency), store.region()), request.reason,
                request.requestedByName, formats.dateTime(request.requestedAt, store.region()),
                request.requestedBy(me), till.whyNotAnyMore(store, request).orElse(null));
    }

    private Response paymentPage(Stores.Store store, long id, Map<String, String> errors, String notice,
            String refundAmount, String refundReason, int status) {
        return QuarkusTransaction.requiringNew().call(() -> TillPayment.atStore(id, store.code()).map(receipts::of)
                .map(receipt -> noStore(Response.status(status).entity(Templates.payment(StoreView.of(store), receipt,
                        UUID.randomUUID().toString(), errors, notice, refundAmount == null ? "" : refundAmount,
                        refundReason == null ? "" : refundReason))))
                .orElseGet(TillResource::notFound));
    }

    /** Every till page needs the cashier's store; without one the page says why, and nothing else happens. */
    private Response withStore(java.util.function.Function<Stores.Store, Response> work) {
        return cashier.store().map(work).orElseGet(() -> noStore(Response.status(403)
                .entity(Templates.noStore(cashier.storeClaim()))));
    }

    private Actor actor() {
        return cashier.actor();
    }

    /** A till page shows a shopper's balance: never cached, never sent on as a referrer. */
    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static Response notFound() {
        throw new jakarta.ws.rs.NotFoundException();
    }
}
