package org.giftportal.support;

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
import java.time.Clock;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.ledger.AccountFreezes;
import org.giftportal.ledger.Reissues;
import org.giftportal.web.RequestIds;

/**
 * The investigation of a card someone else redeemed, on the case of the shopper it was taken from: the facts
 * ({@link Investigation}) and what staff can do about them. Freezing protects and is done at once by support; taking
 * the value back, reissuing it and unfreezing move value, so they are value requests under the approval rules. Every
 * step is audited; the shopper reads the outcome on their case when staff close it.
 */
@Path("/backoffice/cases/{reference}/investigation")
@PermissionsAllowed(StaffPermissions.WORK_CASES)
public class InvestigationResource {

    @Inject
    SignedInShopper staff;

    @Inject
    Investigation investigation;

    @Inject
    AccountFreezes freezes;

    @Inject
    Approvals approvals;

    @Inject
    Clock clock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance investigation(Investigation.Facts facts, String requestKey, String notice,
                String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("reference") String reference, @QueryParam("done") String done) {
        return Templates.investigation(facts(reference), RequestIds.fresh(), notice(done), null);
    }

    @POST
    @Path("freeze")
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response freeze(@PathParam("reference") String reference, @FormParam("reason") String reason) {
        Investigation.Facts facts = facts(reference);
        Optional<String> problem = CardDesk.reasonProblem(reason).or(() -> freezes.freeze(staff.actor(),
                facts.redeemer().id(), facts.caseReference(), reason.strip()));
        return problem.map(why -> refused(reference, why)).orElseGet(() -> done(reference, "freeze"));
    }

    @POST
    @Path("clawback")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response clawBack(@PathParam("reference") String reference, @FormParam("reason") String reason,
            @FormParam("requestKey") String requestKey) {
        Investigation.Facts facts = facts(reference);
        return asked(reference, reason, () -> {
            ValueRequest request = request(ValueRequest.Kind.CLAWBACK, facts, reason, requestKey);
            request.accountId = facts.redeemer().id();
            request.summary = "Take back what is left of card " + facts.cardNumber() + " (worth "
                    + facts.value().cardValue() + ") from " + facts.redeemer().name() + ", account "
                    + facts.redeemer().id() + ", on case " + facts.caseReference();
            return request;
        }, "clawback");
    }

    @POST
    @Path("reissue")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response reissue(@PathParam("reference") String reference, @FormParam("reason") String reason,
            @FormParam("as") String as, @FormParam("requestKey") String requestKey) {
        Investigation.Facts facts = facts(reference);
        if (java.util.Arrays.stream(Reissues.As.values()).noneMatch(way -> way.name().equals(as))) {
            return refused(reference, "Choose how the value goes back: as a new card or as a credit.");
        }
        return asked(reference, reason, () -> {
            ValueRequest request = request(ValueRequest.Kind.REISSUE, facts, reason, requestKey);
            request.accountId = facts.victimId();
            request.reissueAs = as;
            request.summary = "Reissue the value of card " + facts.cardNumber() + " (" + facts.value().cardValue()
                    + ") to " + facts.victimName() + " as " + (Reissues.As.CARD.name().equals(as) ? "a new card" : "a credit")
                    + ", on case " + facts.caseReference();
            return request;
        }, "reissue");
    }

    @POST
    @Path("unfreeze")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response unfreeze(@PathParam("reference") String reference, @FormParam("reason") String reason,
            @FormParam("requestKey") String requestKey) {
        Investigation.Facts facts = facts(reference);
        if (facts.redeemer().balanceMinor() == 0) {
            Optional<String> problem = CardDesk.reasonProblem(reason).or(() -> freezes.unfreezeEmpty(staff.actor(),
                    facts.redeemer().id(), reason.strip()));
            return problem.map(why -> refused(reference, why)).orElseGet(() -> done(reference, "unfreeze"));
        }
        return asked(reference, reason, () -> {
            ValueRequest request = request(ValueRequest.Kind.UNFREEZE, facts, reason, requestKey);
            request.cardId = null;
            request.accountId = facts.redeemer().id();
            request.amountMinor = facts.redeemer().balanceMinor();
            request.summary = "Let " + facts.redeemer().name() + ", account " + facts.redeemer().id() + ", spend"
                    + " their balance of " + facts.redeemer().balance() + " again, on case " + facts.caseReference();
            return request;
        }, "unfreeze");
    }

    private Response asked(String reference, String reason, java.util.function.Supplier<ValueRequest> request,
            String done) {
        Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return refused(reference, problem.get());
        }
        Approvals.Result result = approvals.request(staff.actor(), request.get());
        if (result instanceof Approvals.Result.Done) {
            return done(reference, done);
        }
        if (result instanceof Approvals.Result.Refused refusedResult) {
            return refused(reference, refusedResult.why());
        }
        return ApprovalsResource.seeRequest(result);
    }

    private static ValueRequest request(ValueRequest.Kind kind, Investigation.Facts facts, String reason,
            String requestKey) {
        ValueRequest request = ValueRequest.aboutCard(kind, facts.cardId(), facts.cardValueMinor(), facts.currency(),
                reason, requestKey);
        request.caseReference = facts.caseReference();
        return request;
    }

    private Investigation.Facts facts(String reference) {
        if (reference == null || !SupportCases.REFERENCE.matcher(reference).matches()) {
            throw new NotFoundException();
        }
        return QuarkusTransaction.requiringNew().call(() -> SupportCase.<SupportCase>find("reference", reference)
                .singleResultOptional().flatMap(found -> investigation.of(found, clock.instant())))
                .orElseThrow(NotFoundException::new);
    }

    private Response done(String reference, String what) {
        return Response.seeOther(UriBuilder.fromPath("/backoffice/cases/{reference}/investigation")
                .queryParam("done", what).build(reference)).build();
    }

    private Response refused(String reference, String why) {
        return Response.status(422).entity(Templates.investigation(facts(reference), RequestIds.fresh(), null, why))
                .build();
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "freeze" -> "Account frozen: it can't spend, and its store holds were voided.";
            case "clawback" -> "Done: what was left of the card's value was taken back.";
            case "reissue" -> "Done: the value was reissued to the shopper on the case.";
            case "unfreeze" -> "Account unfrozen: it can spend again.";
            default -> null;
        };
    }
}
