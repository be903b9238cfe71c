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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.web.RequestIds;

/**
 * A case staff open for a shopper who called or wrote, from the shopper's account page: a card someone else redeemed
 * becomes an investigation this way too. The shopper reads it on their case page like one they opened.
 */
@Path("/backoffice/accounts/{id}/cases/new")
@PermissionsAllowed(StaffPermissions.WORK_CASES)
public class CaseForShopperResource {

    @Inject
    SignedInShopper staff;

    @Inject
    SupportCases cases;

    public record Form(long accountId, String shopperName, String topic, String cardNumber, String description,
            String requestId) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Form form, List<CaseTopic.Choice> topics, Map<String, String> errors);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@PathParam("id") long accountId) {
        return Templates.form(new Form(accountId, shopperName(accountId), "ALREADY_REDEEMED", "", "",
                RequestIds.fresh()), topics("ALREADY_REDEEMED"), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@PathParam("id") long accountId, @FormParam("topic") String topic,
            @FormParam("cardCode") String cardNumber, @FormParam("description") String description,
            @FormParam("requestId") String requestId) {
        String name = shopperName(accountId);
        String submission = RequestIds.orNew(requestId);
        SupportCases.OpenResult result = cases.openForShopper(staff.actor(), accountId, new NewCase(topic, cardNumber,
                "", description, List.of(), submission));
        if (result.isOpened()) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/cases/{reference}").queryParam("done", "opened")
                    .build(result.opened().reference)).build();
        }
        return Response.status(422).entity(Templates.form(new Form(accountId, name, topic == null ? "" : topic,
                cardNumber == null ? "" : cardNumber, description == null ? "" : description, submission),
                topics(topic), result.errors())).build();
    }

    private static String shopperName(long accountId) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findByIdOptional(accountId)
                .map(account -> account.displayName).orElseThrow(NotFoundException::new));
    }

    /** What staff may open a case about: anything but a lost card (its shopper reports it, with proof). */
    private static List<CaseTopic.Choice> topics(String selected) {
        return CaseTopic.choices(selected, topic -> topic != CaseTopic.LOST_OR_STOLEN);
    }
}
