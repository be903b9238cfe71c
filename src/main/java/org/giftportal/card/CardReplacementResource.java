package org.giftportal.card;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.web.RequestIds;
import org.giftportal.site.Typed;

/**
 * Replacing a lost card (admins): a page that says what will happen, then a value request for the shopper on a case,
 * within the admin's limits or decided by a second admin ({@link CardReplacement} holds the rules).
 */
@Path("/backoffice/cards")
public class CardReplacementResource {

    @Inject
    SignedInShopper staff;

    @Inject
    Approvals approvals;

    @Inject
    CardPages pages;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance replace(CardPages.CardView card, String caseReference, String reason,
                String requestKey, String problem);
    }

    /** Replacing a lost card can't be undone: a page that says what will happen comes first. */
    @GET
    @Path("{number}/replace")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance confirmReplace(@PathParam("number") String number) {
        GiftCard card = CardBackOfficeResource.byNumber(number);
        String newestCase = pages.cases(card).stream().filter(link -> !"RESOLVED".equals(link.status()))
                .map(CardPages.CaseLink::reference).findFirst().orElse("");
        return Templates.replace(pages.view(card), newestCase, "", RequestIds.fresh(), null);
    }

    @POST
    @Path("{number}/replace")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response replace(@PathParam("number") String number, @FormParam("caseReference") String caseReference,
            @FormParam("reason") String reason, @FormParam("version") long version,
            @FormParam("confirmed") String confirmed, @FormParam("requestKey") String requestKey) {
        GiftCard card = CardBackOfficeResource.byNumber(number);
        String reference = Typed.text(caseReference).toUpperCase(Locale.ROOT);
        Optional<String> problem = reference.isEmpty()
                ? Optional.of("Give the reference of the shopper's case: the new code is emailed to that shopper.")
                : CardDesk.reasonProblem(reason).or(() -> "yes".equals(confirmed) ? Optional.empty()
                        : Optional.of("Tick the box to confirm: the old card is cancelled for good."));
        if (problem.isPresent()) {
            return Response.status(422).entity(Templates.replace(pages.view(card), reference, reason == null ? ""
                    : reason, RequestIds.fresh(), problem.get())).build();
        }
        ValueRequest request = CardDesk.valueRequest(ValueRequest.Kind.REPLACE, card, reason, requestKey);
        request.cardVersion = version;
        request.caseReference = reference;
        request.summary = "Replace lost card " + card.formattedCardNumber() + ", worth " + pages.view(card).value()
                + ", for the shopper on case " + reference;
        return requested(card, approvals.request(staff.actor(), request), reference);
    }

    /** Where the replacement goes on: the card replaced, the request waiting, or the problem on this page. */
    private Response requested(GiftCard card, Approvals.Result result, String caseReference) {
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cards/{number}").queryParam("done", 1)
                    .build(card.cardNumber)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            GiftCard now = CardBackOfficeResource.byNumber(card.cardNumber);
            return Response.status(422).entity(Templates.replace(pages.view(now), caseReference, "",
                    RequestIds.fresh(), refused.why())).build();
        }
        return ApprovalsResource.seeRequest(result);
    }
}
