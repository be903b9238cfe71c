package org.giftportal.gift;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
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
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.giftportal.site.Typed;

/**
 * Ordering gifts in the back office (admins): one in a form or many from a file, each order checked into a report
 * first, confirmed once, approved by a second admin above the limits, and issued with a progress page and a delivery
 * report.
 */
@Path("/backoffice/gifts")
public class GiftOrdersResource {
    private static final int LISTED = 200;
    private static final int PROBLEMS_SHOWN = 500;
    private static final int MAX_ORDER_NAME = 100;

    @Inject
    SignedInShopper staff;

    @Inject
    GiftOrders orders;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record OrderRow(String reference, String name, String source, int lines, String total, String status,
            String createdBy, String created) {
    }

    public record OrderView(String reference, String name, String region, String zone, String source, int lines,
            int problems, String total, String status, String createdBy, String created, int issued,
            boolean confirmable, boolean issuing, Long requestId, String requestStatus, List<String> counts,
            SingleGift single) {
    }

    /** An order of one gift (the gift form's) shows that gift: who gets it, from whom, the message, when. */
    public record SingleGift(String recipientName, String recipientEmail, String senderName, String message,
            String deliverAt) {
    }

    public record ProblemRow(int line, String problem) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance newGift(GiftForm form, List<Region> regions, List<Theme> themes,
                String problem);

        static native TemplateInstance upload(List<Region> regions, String region, String zone, String name,
                String problem, List<String> columns, int maxLines);

        static native TemplateInstance orders(List<OrderRow> orders);

        static native TemplateInstance order(OrderView order, List<ProblemRow> problems, String notice,
                String problem);
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public TemplateInstance newGift() {
        return Templates.newGift(GiftForm.empty(regions.orDefault(null)), List.copyOf(regions.all()),
                List.of(Theme.values()), null);
    }

    /** Checks the gift; a good one becomes an order of one, shown for the admin to confirm. */
    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public Response checkGift(@BeanParam GiftForm form) {
        List<String> problem = new ArrayList<>();
        Optional<GiftOrders.Heading> heading = GiftOrders.Heading.of(regions, form.region, form.zone, "Gift to " + form.recipientName,
                problem);
        Optional<GiftOrder> order = heading.flatMap(h -> orders.checkOne(staff.actor(), h, new GiftLines.Typed(
                form.recipientName, form.recipientEmail, form.amount, form.message, form.senderName, form.deliverAt,
                form.theme), problem));
        if (order.isEmpty()) {
            return Response.status(422).entity(Templates.newGift(form, List.copyOf(regions.all()),
                    List.of(Theme.values()), problem.get(0))).build();
        }
        return seeOrder(order.get().reference);
    }

    @GET
    @Path("upload")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public TemplateInstance uploadForm() {
        Region region = regions.orDefault(null);
        return upload(region.code(), region.timeZone().getId(), "", null);
    }

    /** The dry run: every line checked and reported; nothing is issued until the admin confirms. */
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public Response check(@RestForm String region, @RestForm String zone, @RestForm String name,
            @RestForm("file") FileUpload file) {
        List<String> problem = new ArrayList<>();
        String orderName = Typed.text(name);
        if (orderName.length() < 3 || orderName.length() > MAX_ORDER_NAME) {
            problem.add("Name the order in 3 to " + MAX_ORDER_NAME + " characters, e.g. \"Acme year-end thanks\".");
        }
        Optional<GiftOrders.Heading> heading = GiftOrders.Heading.of(regions, region, zone, orderName, problem);
        if (problem.isEmpty() && (file == null || file.size() == 0)) {
            problem.add("Choose the CSV file of gifts.");
        }
        if (!problem.isEmpty()) {
            return Response.status(422).entity(upload(region, zone, orderName, problem.get(0))).build();
        }
        try (var reader = new InputStreamReader(Files.newInputStream(file.uploadedFile()),
                StandardCharsets.UTF_8.newDecoder())) {
            return seeOrder(orders.checkFile(staff.actor(), heading.get(), reader).reference);
        } catch (GiftOrders.UnreadableFile e) {
            return Response.status(422).entity(upload(region, zone, orderName, e.getMessage())).build();
        } catch (CharacterCodingException e) {
            return Response.status(422).entity(upload(region, zone, orderName, "The file is not UTF-8 text: save it"
                    + " from your spreadsheet as \"CSV UTF-8\".")).build();
        } catch (IOException e) {
            return Response.status(422).entity(upload(region, zone, orderName, "The file could not be read as CSV: "
                    + e.getMessage() + ".")).build();
        }
    }

    @GET
    @Path("orders")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Transactional
    public TemplateInstance orderList() {
        return Templates.orders(GiftOrder.<GiftOrder>find("order by createdAt desc, id desc").page(0, LISTED).list()
                .stream().map(order -> {
                    Region region = regions.orDefault(order.region);
                    return new OrderRow(order.reference, order.name, order.source == GiftOrder.Source.CSV ? "file"
                            : "form", order.lineCount, formats.money(Money.of(order.totalMinor, order.currency),
                                    region), order.statusLabel(GiftOrders.confirmation(order)), order.createdByName,
                            formats.dateTime(order.createdAt, region));
                }).toList());
    }

    @GET
    @Path("orders/{reference}")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Transactional
    public TemplateInstance order(@PathParam("reference") String reference) {
        return orderPage(orderByReference(reference), null, null);
    }

    /** Asks for the order as one value request: the same order confirmed twice (or by two admins) asks once. */
    @POST
    @Path("orders/{reference}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public Response confirm(@PathParam("reference") String reference, @FormParam("reason") String reason) {
        GiftOrder order = QuarkusTransaction.requiringNew().call(() -> orderByReference(reference));
        Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return orderProblem(reference, problem.get());
        }
        if (order.totalMinor <= 0) {
            return orderProblem(reference, "This order has no gift to send.");
        }
        ValueRequest request = GiftOrders.confirmationOf(order, reason.strip(), formats.money(Money.of(
                order.totalMinor, order.currency), regions.orDefault(order.region)));
        Approvals.Result result = approvals.request(staff.actor(), request);
        if (result instanceof Approvals.Result.Done) {
            return seeOrder(order.reference);
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return orderProblem(reference, refused.why());
        }
        return ApprovalsResource.seeRequest(result);
    }

    /** Every gift of the order with its delivery, as a spreadsheet: codes masked. */
    @GET
    @Path("orders/{reference}/report.csv")
    @Produces("text/csv")
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    @Transactional
    public Response report(@PathParam("reference") String reference) {
        GiftOrder order = orderByReference(reference);
        return Response.ok(GiftOrderReport.csv(order), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"gifts-" + order.reference + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }

    private TemplateInstance orderPage(GiftOrder order, String notice, String problem) {
        Region region = regions.orDefault(order.region);
        Optional<ValueRequest> request = GiftOrders.confirmation(order);
        List<ProblemRow> problems = GiftOrders.problems(order.id, PROBLEMS_SHOWN).stream()
                .map(row -> new ProblemRow(((Number) row[0]).intValue(), (String) row[1])).toList();
        OrderView view = new OrderView(order.reference, order.name, region.name(), order.senderZone, source(order),
                order.lineCount, order.problemCount, formats.money(Money.of(order.totalMinor, order.currency), region),
                order.statusLabel(request), order.createdByName, formats.dateTime(order.createdAt, region),
                order.issuedCount, order.mayBeConfirmed() && request.isEmpty(),
                order.status == GiftOrder.Status.ISSUING, request.map(r -> r.id).orElse(null),
                request.map(r -> r.status.name()).orElse(null), counts(order), single(order, region));
        return Templates.order(view, problems, notice, problem);
    }

    private SingleGift single(GiftOrder order, Region region) {
        if (order.lineCount != 1) {
            return null;
        }
        return Gift.<Gift>find("orderId", order.id).firstResultOptional().map(gift -> new SingleGift(
                gift.recipientName, gift.recipientEmail, gift.senderName, gift.message, gift.deliverAt == null
                        ? "at once, once issued" : formats.dateTime(gift.deliverAt, region))).orElse(null);
    }

    private static String source(GiftOrder order) {
        return switch (order.source) {
            case CSV -> "From an uploaded file";
            case STORE -> "Through the store's checkout, order " + order.storeOrderReference;
            default -> "With the gift form";
        };
    }

    private Response orderProblem(String reference, String problem) {
        return QuarkusTransaction.requiringNew().call(() -> Response.status(422)
                .entity(orderPage(orderByReference(reference), null, problem)).build());
    }

    private TemplateInstance upload(String region, String zone, String name, String problem) {
        return Templates.upload(List.copyOf(regions.all()), region, zone, name, problem, GiftOrders.COLUMNS,
                orders.maxLines());
    }

    /** The order's gifts by delivery state, once issued: "3 sent". */
    private static List<String> counts(GiftOrder order) {
        if (order.status == GiftOrder.Status.CHECKED) {
            return List.of();
        }
        List<String> counts = new ArrayList<>();
        GiftDeliveries.countsOf(order.id).forEach((state, count) -> counts.add(count + " "
                + state.label().toLowerCase(Locale.ROOT)));
        return counts;
    }

    private static Response seeOrder(String reference) {
        return Response.seeOther(UriBuilder.fromPath("/backoffice/gifts/orders/{reference}").build(reference))
                .build();
    }

    private static GiftOrder orderByReference(String reference) {
        return GiftOrder.byReference(reference).orElseThrow(NotFoundException::new);
    }
}
