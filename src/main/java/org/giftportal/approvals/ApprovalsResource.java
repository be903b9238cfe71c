package org.giftportal.approvals;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.util.List;
import org.giftportal.account.SignedInShopper;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.Desk;
import org.giftportal.approvals.ValueAction;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.Money;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.Typed;

/**
 * Value requests waiting for a second admin, and those decided lately. Another admin than the requester approves
 * (the action is carried out there and then, on the facts of that moment) or rejects with a note.
 */
@Path("/backoffice/approvals")
@PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
public class ApprovalsResource {
    private static final int RECENT = 30;
    private static final int MIN_NOTE = 5;
    private static final int MAX_NOTE = 500;

    @Inject
    SignedInShopper staff;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record Row(long id, String kind, String summary, String amount, String requestedBy, String requestedAt,
            String status, String decidedBy) {
    }

    public record RequestView(long id, long version, String kind, String summary, String amount, String status,
            String requestedBy, String requestedAt, String reason, String decidedBy, String decidedAt,
            String decisionNote, String outcome, String targetUrl, boolean pending, boolean mine) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Row> pending, List<Row> recent);

        static native TemplateInstance request(RequestView request, String notice, String problem);

        static native TemplateInstance handedOver(HandOver handOver);
    }

    /** A file handed over on the page that says what was done: a link that saves it, and where to go on. */
    public record HandOver(String done, String filename, String dataUrl, String next) {
    }

    /** Where a request just made goes on: its page, saying it waits for a second admin or was asked already. */
    public static Response seeRequest(Approvals.Result result) {
        if (result instanceof Approvals.Result.Waiting waiting) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/approvals/{id}").queryParam("asked", 1)
                    .build(waiting.request().id)).build();
        }
        if (result instanceof Approvals.Result.AlreadyAsked earlier) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/approvals/{id}").queryParam("again", 1)
                    .build(earlier.request().id)).build();
        }
        throw new IllegalArgumentException("Not a request to show: " + result);
    }

    /**
     * A file handed over once, in the page that answers the POST that made it: the page says it is done and links
     * what it made, and the file is in that page alone (a link that saves it), never stored, never cached. A download
     * as the answer itself would leave the form on screen, still offering to do it again.
     */
    public static Response handOver(ValueAction.Download download) {
        String dataUrl = "data:" + download.contentType().replace(" ", "") + ";base64,"
                + java.util.Base64.getEncoder().encodeToString(download.body());
        return Response.ok(Templates.handedOver(new HandOver(download.done(), download.filename(), dataUrl,
                download.next())), MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store").build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list() {
        List<Row> pending = ValueRequest.<ValueRequest>list("status = ?1 and desk = ?2 order by requestedAt, id",
                ValueRequest.Status.PENDING, Desk.BACK_OFFICE.key()).stream().map(this::row).toList();
        List<Row> recent = ValueRequest.<ValueRequest>find("status <> ?1 and desk = ?2 and needsApproval = true"
                + " order by decidedAt desc, id desc", ValueRequest.Status.PENDING, Desk.BACK_OFFICE.key())
                .page(0, RECENT).list().stream().map(this::row).toList();
        return Templates.list(pending, recent);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance request(@PathParam("id") long id, @QueryParam("asked") String asked,
            @QueryParam("again") String again, @QueryParam("decided") String decided) {
        ValueRequest request = byId(id);
        String notice = asked != null ? "This is over your limits: it waits for another admin to approve it."
                : again != null ? "You sent this form already: here is the request it made."
                : decided != null ? "Done: the request is " + request.status.name().toLowerCase() + "." : null;
        return Templates.request(view(request), notice, null);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("id") long id, @FormParam("version") long version) {
        Approvals.Result result = approvals.approve(staff.actor(), Desk.BACK_OFFICE, id, version);
        if (result instanceof Approvals.Result.Done done && done.done().handOver().isPresent()) {
            return handOver(done.done().handOver().get());
        }
        return decided(id, result);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response reject(@PathParam("id") long id, @FormParam("version") long version,
            @FormParam("note") String note) {
        String text = Typed.text(note);
        if (text.length() < MIN_NOTE || text.length() > MAX_NOTE) {
            return problem(id, 422, text.length() < MIN_NOTE
                    ? "Say why you reject it, in a few words: the requester reads it."
                    : "Keep the note under " + MAX_NOTE + " characters.");
        }
        return decided(id, approvals.reject(staff.actor(), Desk.BACK_OFFICE, id, version, text));
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response withdraw(@PathParam("id") long id, @FormParam("version") long version) {
        return decided(id, approvals.withdraw(staff.actor(), Desk.BACK_OFFICE, id, version));
    }

    private Response decided(long id, Approvals.Result result) {
        if (result instanceof Approvals.Result.Done || result instanceof Approvals.Result.Rejected
                || result instanceof Approvals.Result.Withdrawn) {
            return see(id);
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return problem(id, 422, refused.why());
        }
        if (result instanceof Approvals.Result.ChangedMeanwhile) {
            return problem(id, 409, "Someone decided this request while you were looking at it. Here it is as it is"
                    + " now.");
        }
        throw new NotFoundException();
    }

    private static Response see(long id) {
        return Response.seeOther(UriBuilder.fromPath("/backoffice/approvals/{id}").queryParam("decided", 1).build(id))
                .build();
    }

    private Response problem(long id, int status, String problem) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.request(view(byId(id)), null, problem)).build();
    }

    /** A request of the back office's desk; a till's is not found here. */
    private static ValueRequest byId(long id) {
        return ValueRequest.<ValueRequest>findByIdOptional(id).filter(request -> request.desk.equals(Desk.BACK_OFFICE
                .key())).orElseThrow(NotFoundException::new);
    }

    private Row row(ValueRequest request) {
        return new Row(request.id, request.kind.label(), request.summary, amount(request), request.requestedByName,
                formats.dateTime(request.requestedAt, regions.orDefault(null)), status(request),
                request.decidedByName);
    }

    private RequestView view(ValueRequest request) {
        var region = regions.orDefault(request.region);
        return new RequestView(request.id, request.version(), request.kind.label(), request.summary, amount(request),
                status(request), request.requestedByName, formats.dateTime(request.requestedAt, region),
                request.reason, request.decidedByName, request.decidedAt == null ? null
                        : formats.dateTime(request.decidedAt, region), request.decisionNote, request.outcome,
                targetUrl(request), request.isPending(), request.requestedBy(staff.actor()));
    }

    private String amount(ValueRequest request) {
        return formats.money(Money.of(request.amountMinor, request.currency), regions.forCurrency(request.currency));
    }

    private static String status(ValueRequest request) {
        return switch (request.status) {
            case PENDING -> "waiting for a second admin";
            case DONE -> request.needsApproval ? "approved and done" : "done";
            case REJECTED -> "rejected";
            case FAILED -> request.needsApproval ? "approved, but could not be done" : "could not be done";
            case WITHDRAWN -> "withdrawn by whoever asked";
        };
    }

    /** The page of what the request works on. */
    private static String targetUrl(ValueRequest request) {
        if (request.giftId != null) {
            return "/backoffice/gifts/" + request.giftId;
        }
        if (request.accountId != null) {
            return "/backoffice/accounts/" + request.accountId;
        }
        if (request.cardId != null) {
            return request.cardNumber().map(digits -> "/backoffice/cards/" + digits).orElse(null);
        }
        return request.batchReference == null ? null : "/backoffice/batches/" + request.batchReference;
    }
}
