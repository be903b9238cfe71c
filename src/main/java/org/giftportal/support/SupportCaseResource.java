package org.giftportal.support;

import org.giftportal.web.RateLimited;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.card.ClaimCode;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.giftportal.site.Typed;

/**
 * A shopper's support cases: open one (with attachments), follow it, reply, ask for escalation. Someone else's
 * case is "not found", never "forbidden", so case numbers can't be probed.
 */
@Path("/support/cases")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class SupportCaseResource {
    /** The case list shows the newest this many; older cases stay reachable by their links and numbers. */
    static final int LISTED_CASES = 50;

    @Inject
    SignedInShopper shopper;

    @Inject
    SupportCases cases;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    PortalConfig config;

    @Inject
    Clock clock;

    @Inject
    CaseFiles files;

    public record CaseRow(String reference, String topic, String status, String updated) {
    }

    public record MessageView(String author, boolean fromCustomer, String at, String body) {
    }

    public record CaseView(String reference, String topic, String status, String card, String orderNumber,
            String opened, boolean mayEscalate, String escalationFrom, boolean resolved) {
    }


    /** The form as filled in, to show it again with its errors. */
    public record FormValues(String topic, String cardCode, String orderNumber, String description) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<CaseRow> cases, boolean more);

        static native TemplateInstance form(List<CaseTopic.Choice> topics, FormValues values, Map<String, String> errors,
                boolean lostOrStolen, String requestId);

        static native TemplateInstance detail(CaseView supportCase, List<MessageView> messages,
                List<CaseAttachment.Listed> attachments, boolean justOpened, String notice, boolean justReplied,
                String replyProblem, String replyText, String requestId);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list() {
        Account account = shopper.account();
        Region region = regions.orDefault(account.region);
        List<SupportCase> newest = SupportCase.listOwned(account.id, LISTED_CASES + 1);
        return Templates.list(newest.stream().limit(LISTED_CASES)
                .map(found -> new CaseRow(found.reference, found.topic.label(), found.status.label(),
                        formats.dateTime(found.updatedAt, region)))
                .toList(), newest.size() > LISTED_CASES);
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("topic") String topic) {
        String chosen = CaseTopic.parse(topic).map(Enum::name).orElse("");
        return Templates.form(topics(chosen), new FormValues(chosen, "", "", ""), Map.of(),
                CaseTopic.LOST_OR_STOLEN.name().equals(chosen), RequestIds.fresh());
    }

    @RateLimited(RateLimited.CASES)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@RestForm String topic, @RestForm String cardCode, @RestForm String orderNumber,
            @RestForm String description, @RestForm("attachments") List<FileUpload> attachments,
            @RestForm String requestId) {
        Account account = shopper.account();
        List<NewCase.Upload> uploads = attachments == null ? List.of() : attachments.stream()
                .map(file -> new NewCase.Upload(file.fileName(), file.size(), file.uploadedFile())).toList();
        String submission = RequestIds.orNew(requestId);
        SupportCases.OpenResult result = cases.open(account,
                new NewCase(topic, cardCode, orderNumber, description, uploads, submission), shopper.clientAddress());
        if (result.isOpened()) {
            return Response.seeOther(UriBuilder.fromPath("/support/cases/{reference}").queryParam("opened", 1)
                    .build(result.opened().reference)).build();
        }
        String chosen = CaseTopic.parse(topic).map(Enum::name).orElse("");
        FormValues values = new FormValues(chosen, ClaimCode.forField(cardCode),
                orderNumber == null || orderNumber.length() > 64 ? "" : orderNumber,
                description == null ? "" : description);
        return Response.status(422).entity(Templates.form(topics(chosen), values, withReattachNotice(
                result.errors(), uploads), CaseTopic.LOST_OR_STOLEN.name().equals(chosen), submission)).build();
    }

    /**
     * A browser never fills a file field in again, so a form that comes back with a problem has lost the files that
     * were fine: the field says so, and which files to attach again.
     */
    private static Map<String, String> withReattachNotice(Map<String, String> errors, List<NewCase.Upload> uploads) {
        List<String> names = uploads.stream().map(NewCase.Upload::fileName)
                .filter(name -> name != null && !name.isBlank()).toList();
        if (names.isEmpty() || errors.containsKey("attachments")) {
            return errors;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(errors);
        all.put("attachments", "Attach " + (names.size() == 1 ? "your file" : "your files") + " again ("
                + String.join(", ", names) + "): a form that comes back with a problem can't keep them.");
        return all;
    }

    @GET
    @Path("{reference}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance detail(@PathParam("reference") String reference, @QueryParam("opened") String opened,
            @QueryParam("escalation") String escalation, @QueryParam("replied") String replied) {
        return detailPage(reference, opened, replied != null ? "replied" : escalation, null, "", RequestIds.fresh());
    }

    private TemplateInstance detailPage(String reference, String opened, String escalation, String replyProblem,
            String replyText, String requestId) {
        Account account = shopper.account();
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                detailPage(account, checked(reference), opened, escalation, replyProblem, replyText, requestId));
    }

    private TemplateInstance detailPage(Account account, String reference, String opened, String escalation,
            String replyProblem, String replyText, String requestId) {
        SupportCase supportCase = SupportCase.findOwned(account.id, reference).orElseThrow(NotFoundException::new);
        Region region = regions.orDefault(account.region);
        CaseView view = new CaseView(supportCase.reference, supportCase.topic.label(), supportCase.status.label(),
                supportCase.maskedCard(), supportCase.orderNumber, formats.dateTime(supportCase.createdAt, region),
                supportCase.mayEscalate(clock.instant(), config.cases().escalateAfter()),
                formats.dateTime(supportCase.escalationPossibleFrom(config.cases().escalateAfter()), region),
                supportCase.status == CaseStatus.RESOLVED || supportCase.status == CaseStatus.ESCALATED);
        List<MessageView> messages = CaseMessage.forShopper(supportCase.id).stream()
                .map(message -> new MessageView(author(message), message.authorRole == AuthorRole.CUSTOMER,
                        formats.dateTime(message.createdAt, region), message.body))
                .toList();
        String notice = "not-yet".equals(escalation)
                ? "This case can't be escalated yet. You can ask from " + view.escalationFrom() + "." : null;
        return Templates.detail(view, messages, CaseAttachment.listForCase(supportCase.id), opened != null, notice,
                "replied".equals(escalation), replyProblem, replyText, requestId);
    }

    @RateLimited(RateLimited.MESSAGES)
    @POST
    @Path("{reference}/replies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response reply(@PathParam("reference") String reference, @FormParam("body") String body,
            @FormParam("requestId") String requestId) {
        String text = Typed.text(body);
        String submission = RequestIds.orNew(requestId);
        if (text.isEmpty() || text.length() > SupportCases.MAX_DESCRIPTION) {
            String problem = text.isEmpty() ? "Write a message before sending it."
                    : "Please keep a reply under " + SupportCases.MAX_DESCRIPTION + " characters.";
            return Response.status(422).entity(detailPage(reference, null, null, problem, text, submission)).build();
        }
        SupportCases.ReplyOutcome outcome = cases.reply(shopper.account(), checked(reference), text, submission)
                .orElseThrow(NotFoundException::new);
        if (outcome == SupportCases.ReplyOutcome.TOO_MANY_MESSAGES) {
            return Response.status(422).entity(detailPage(reference, null, null, "This case has reached the most"
                    + " messages one case can hold. Please open a new case and mention " + reference + ".", text,
                    submission)).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/support/cases/{reference}").queryParam("replied", 1)
                .fragment("reply-sent").build(checked(reference))).build();
    }

    @POST
    @Path("{reference}/escalation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response escalate(@PathParam("reference") String reference) {
        String checked = checked(reference);
        SupportCases.Escalation escalation = cases.escalate(shopper.account(), checked)
                .orElseThrow(NotFoundException::new);
        return Response.seeOther(casePath(checked,
                escalation == SupportCases.Escalation.ESCALATED ? null : "not-yet")).build();
    }

    /** A case's file: for its owner and for support staff; anyone else finds nothing. */
    @GET
    @Path("{reference}/attachments/{id}")
    @RolesAllowed({SignedInShopper.CUSTOMER, SignedInShopper.SUPPORT, SignedInShopper.ADMIN})
    @Transactional
    public Response attachment(@PathParam("reference") String reference, @PathParam("id") long id) {
        boolean staff = shopper.isStaff();
        String checked = checked(reference);
        SupportCase supportCase = (staff ? SupportCase.findByReference(checked)
                : SupportCase.findOwned(shopper.account().id, checked)).orElseThrow(NotFoundException::new);
        CaseAttachment file = CaseAttachment.findOnCase(supportCase.id, id).orElseThrow(NotFoundException::new);
        return files.download(file, checked, staff);
    }

    /** A case number as issued, or not found: nothing else is looked up or echoed into a link. */
    private static String checked(String reference) {
        if (reference == null || !SupportCases.REFERENCE.matcher(reference).matches()) {
            throw new NotFoundException();
        }
        return reference;
    }

    private static URI casePath(String reference, String escalation) {
        UriBuilder path = UriBuilder.fromPath("/support/cases/{reference}");
        if (escalation != null) {
            path.queryParam("escalation", escalation);
        }
        return path.build(reference);
    }

    private static String author(CaseMessage message) {
        return switch (message.authorRole) {
            case CUSTOMER -> "You";
            case SUPPORT -> message.authorName + " (support team)";
            case SYSTEM -> "Gift Card Portal";
        };
    }

    private static List<CaseTopic.Choice> topics(String selected) {
        return CaseTopic.choices(selected, topic -> true);
    }


}
