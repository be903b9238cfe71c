package org.giftportal.gift;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.card.CardDesk;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.web.RequestIds;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.Csv;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Gifts in the back office: the deliveries list (support and admins), a gift's page with "send again" (support) and
 * "correct the address" (admins), and ordering gifts (admins): one in a form or many from a file, each order checked
 * into a report first, confirmed once, approved by a second admin above the limits, and issued with a progress page.
 */
@Path("/backoffice/gifts")
public class GiftBackOfficeResource {
    private static final int LISTED = 200;
    private static final int PROBLEMS_SHOWN = 500;
    private static final int MAX_ORDER_NAME = 100;
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    SignedInShopper staff;

    @Inject
    GiftOrders orders;

    @Inject
    GiftDeliveries deliveries;

    @Inject
    Approvals approvals;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    java.time.Clock clock;

    /** One gift in the deliveries list: never its code, only the card's last four. */
    public record DeliveryRow(long id, String cardNumber, String maskedCode, String recipient, String email,
            String sender, String amount, String deliverAt, String state, String error, String order) {
    }

    public record Filter(String state, String order, String from, String to) {
    }

    public record GiftView(long id, String order, String cardNumber, String cardDigits, String maskedCode,
            String cardStatus, String recipient, String email, String sender, String message, String theme,
            String amount, String deliverAt, String state, String lastError, boolean codeKept) {
    }

    public record MailRow(String kind, String to, String status, String queued, String sent, String error) {
    }

    /** The single-gift form as typed. */
    public static class GiftForm {
        @FormParam("region")
        public String region;
        @FormParam("zone")
        public String zone;
        @FormParam("recipientName")
        public String recipientName;
        @FormParam("recipientEmail")
        public String recipientEmail;
        @FormParam("amount")
        public String amount;
        @FormParam("message")
        public String message;
        @FormParam("senderName")
        public String senderName;
        @FormParam("deliverAt")
        public String deliverAt;
        @FormParam("theme")
        public String theme;

        static GiftForm empty(Region region) {
            GiftForm form = new GiftForm();
            form.region = region.code();
            form.zone = region.timeZone().getId();
            form.theme = Theme.BIRTHDAY.key();
            return form;
        }
    }

    public record OrderRow(String reference, String name, String source, int lines, String total, String status,
            String createdBy, String created) {
    }

    public record OrderView(String reference, String name, String region, String zone, String source, int lines,
            int problems, String total, String status, String createdBy, String created, int issued,
            boolean confirmable, boolean issuing, Long requestId, String requestStatus, List<String> counts) {
    }

    public record ProblemRow(int line, String problem) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance deliveries(List<DeliveryRow> gifts, long total, Filter filter,
                List<GiftDeliveries.State> states);

        static native TemplateInstance gift(GiftView gift, List<MailRow> mails, boolean mayResend, boolean mayCorrect,
                boolean codeDelivered, String requestKey, String notice, String problem);

        static native TemplateInstance newGift(GiftForm form, List<Region> regions, List<Theme> themes,
                String problem);

        static native TemplateInstance upload(List<Region> regions, String region, String zone, String name,
                String problem, List<String> columns, int maxLines);

        static native TemplateInstance orders(List<OrderRow> orders);

        static native TemplateInstance order(OrderView order, List<ProblemRow> problems, String notice,
                String problem);
    }

    // The deliveries list and a gift's page

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.LOOK_UP)
    @Transactional
    public Response list(@QueryParam("state") String state, @QueryParam("order") String order,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Filter filter = new Filter(state == null ? "" : state, order == null ? "" : order.strip(),
                from == null ? "" : from, to == null ? "" : to);
        ZoneId zone = regions.orDefault(null).timeZone();
        StringBuilder where = new StringBuilder("g.giftCardId is not null");
        List<Object> parameters = new ArrayList<>();
        Optional<GiftDeliveries.State> chosen = GiftDeliveries.State.parse(filter.state());
        chosen.ifPresent(s -> where.append(" and ").append(s.condition()));
        if (!filter.order().isEmpty()) {
            parameters.add(filter.order());
            where.append(" and g.orderId = (select o.id from GiftOrder o where o.reference = ?")
                    .append(parameters.size()).append(")");
        }
        Optional<LocalDate> fromDate = date(filter.from());
        Optional<LocalDate> toDate = date(filter.to());
        if (fromDate.isPresent()) {
            parameters.add(fromDate.get().atStartOfDay(zone).toInstant());
            where.append(" and g.deliverAt >= ?").append(parameters.size());
        }
        if (toDate.isPresent()) {
            parameters.add(toDate.get().plusDays(1).atStartOfDay(zone).toInstant());
            where.append(" and g.deliverAt < ?").append(parameters.size());
        }
        String from_ = " from Gift g left join OutboxMail m on m.id = g.mailId where " + where;
        var count = Gift.getEntityManager().createQuery("select count(g)" + from_, Long.class);
        var rows = Gift.getEntityManager().createQuery("select g, m" + from_ + " order by g.deliverAt desc, g.id desc",
                Object[].class).setMaxResults(LISTED);
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            rows.setParameter(i + 1, parameters.get(i));
        }
        List<DeliveryRow> gifts = rows.getResultList().stream().map(row -> deliveryRow((Gift) row[0],
                Optional.ofNullable((OutboxMail) row[1]))).toList();
        int status = (!filter.state().isEmpty() && chosen.isEmpty()) || (!filter.from().isEmpty() && fromDate.isEmpty())
                || (!filter.to().isEmpty() && toDate.isEmpty()) ? 400 : 200;
        return Response.status(status).entity(Templates.deliveries(gifts, count.getSingleResult(), filter,
                GiftDeliveries.State.filters())).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.LOOK_UP)
    @Transactional
    public TemplateInstance gift(@PathParam("id") long id, @QueryParam("done") String done) {
        return giftPage(byId(id), done == null ? null : "Done.", null);
    }

    @POST
    @Path("{id}/resend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    public Response resend(@PathParam("id") long id, @FormParam("reason") String reason) {
        Optional<String> problem = CardDesk.reasonProblem(reason);
        GiftDeliveries.Outcome outcome = problem.isPresent() ? new GiftDeliveries.Outcome.Refused(problem.get())
                : deliveries.resend(staff.actor(), id, reason.strip());
        return afterChange(id, outcome);
    }

    @POST
    @Path("{id}/address")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
    public Response correctAddress(@PathParam("id") long id, @FormParam("email") String email,
            @FormParam("reason") String reason, @FormParam("requestKey") String requestKey) {
        Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return afterChange(id, new GiftDeliveries.Outcome.Refused(problem.get()));
        }
        Optional<ValueRequest> asked = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                addressRequest(byId(id), email, reason.strip(), requestKey));
        if (asked.isEmpty()) {
            return afterChange(id, new GiftDeliveries.Outcome.Refused("This gift isn't issued yet."));
        }
        Approvals.Result result = approvals.request(staff.actor(), asked.get());
        if (result instanceof Approvals.Result.Refused refused) {
            return afterChange(id, new GiftDeliveries.Outcome.Refused(refused.why()));
        }
        return ApprovalsResource.seeRequest(result);
    }

    /** A request to send the gift to another address: as valuable as its card, decided by two admins. */
    private static Optional<ValueRequest> addressRequest(Gift gift, String email, String reason, String requestKey) {
        if (gift.giftCardId == null) {
            return Optional.empty();
        }
        GiftCard card = GiftCard.findById(gift.giftCardId);
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.GIFT_ADDRESS;
        request.giftId = gift.id;
        request.cardId = card.id;
        request.newAddress = email == null ? "" : email.strip();
        request.currency = card.currency;
        request.amountMinor = card.amountMinor;
        request.summary = "Send gift " + gift.id + " (card " + card.formattedCardNumber() + ") to "
                + request.newAddress + " instead of " + gift.recipientEmail;
        request.reason = reason;
        request.requestKey = RequestIds.orNew(requestKey);
        return Optional.of(request);
    }

    private Response afterChange(long id, GiftDeliveries.Outcome outcome) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            Gift gift = byId(id);
            if (outcome instanceof GiftDeliveries.Outcome.Done done) {
                return Response.ok(giftPage(gift, done.what(), null)).build();
            }
            return Response.status(422).entity(giftPage(gift, null,
                    ((GiftDeliveries.Outcome.Refused) outcome).why())).build();
        });
    }

    // Ordering gifts (admins)

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
        Optional<GiftOrders.Heading> heading = heading(form.region, form.zone, "Gift to " + form.recipientName,
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
        String orderName = name == null ? "" : name.strip();
        if (orderName.length() < 3 || orderName.length() > MAX_ORDER_NAME) {
            problem.add("Name the order in 3 to " + MAX_ORDER_NAME + " characters, e.g. \"Acme year-end thanks\".");
        }
        Optional<GiftOrders.Heading> heading = heading(region, zone, orderName, problem);
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
        } catch (java.nio.charset.CharacterCodingException e) {
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
                                    region), statusLabel(order, request(order)), order.createdByName,
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
        GiftOrder order = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> orderByReference(reference));
        Optional<String> problem = CardDesk.reasonProblem(reason);
        if (problem.isPresent()) {
            return orderProblem(reference, problem.get());
        }
        Region region = regions.orDefault(order.region);
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.GIFTS;
        request.currency = order.currency;
        request.amountMinor = order.totalMinor;
        request.cardCount = order.lineCount;
        request.region = order.region;
        request.batchReference = order.reference;
        request.batchName = order.name;
        request.physical = false;
        request.reason = reason.strip();
        request.requestKey = "gift-order-" + order.reference;
        request.summary = "Send " + order.lineCount + (order.lineCount == 1 ? " gift card" : " gift cards") + " worth "
                + formats.money(Money.of(order.totalMinor, order.currency), region) + " in all, order "
                + order.reference + " \"" + order.name + "\"";
        if (order.totalMinor <= 0) {
            return orderProblem(reference, "This order has no gift to send.");
        }
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
        ZoneId zone = ZoneId.of(order.senderZone);
        StringBuilder csv = new StringBuilder("line,card_number,claim_code,recipient_name,recipient_email,amount,"
                + "currency,deliver_at,time_zone,state,sent_at,problem\r\n");
        List<Object[]> rows = Gift.getEntityManager().createQuery("select g, m, c from Gift g left join OutboxMail m"
                + " on m.id = g.mailId left join GiftCard c on c.id = g.giftCardId where g.orderId = ?1"
                + " order by g.lineNumber", Object[].class).setParameter(1, order.id).getResultList();
        for (Object[] row : rows) {
            Gift gift = (Gift) row[0];
            Optional<OutboxMail> mail = Optional.ofNullable((OutboxMail) row[1]);
            Optional<GiftCard> card = Optional.ofNullable((GiftCard) row[2]);
            csv.append(String.join(",", Integer.toString(gift.lineNumber),
                    card.map(c -> c.cardNumber).orElse(""), card.map(GiftCard::maskedCode).orElse(""),
                    Csv.field(gift.recipientName), Csv.field(gift.recipientEmail),
                    Money.of(gift.amountMinor, gift.currency).decimal().toPlainString(), gift.currency,
                    LOCAL_TIME.format(gift.deliverAt.atZone(zone)), zone.getId(),
                    GiftDeliveries.stateOf(mail).key(),
                    mail.map(m -> m.sentAt).map(sent -> LOCAL_TIME.format(sent.atZone(zone))).orElse(""),
                    Csv.field(mail.map(m -> m.lastError).orElse("")))).append("\r\n");
        }
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"gifts-" + order.reference + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }

    // Pages

    private TemplateInstance giftPage(Gift gift, String notice, String problem) {
        GiftOrder order = GiftOrder.findById(gift.orderId);
        Region region = regions.orDefault(order.region);
        Optional<GiftCard> card = gift.giftCardId == null ? Optional.empty()
                : GiftCard.findByIdOptional(gift.giftCardId);
        Optional<OutboxMail> latest = GiftDeliveries.latestMail(gift);
        GiftView view = new GiftView(gift.id, order.reference, card.map(GiftCard::formattedCardNumber).orElse(null),
                card.map(c -> c.cardNumber).orElse(null), card.map(GiftCard::maskedCode).orElse(null),
                card.map(c -> org.giftportal.card.CardBackOfficeResource.label(c.status)).orElse("not issued"),
                gift.recipientName, gift.recipientEmail, gift.senderName, gift.message, gift.theme.label(),
                formats.money(Money.of(gift.amountMinor, gift.currency), region), deliverAt(gift),
                stateText(latest, region), latest.map(m -> m.lastError).orElse(null), gift.mayBeSent());
        List<MailRow> mails = OutboxMail.<OutboxMail>find("giftId = ?1 order by id desc", gift.id).list().stream()
                .map(mail -> new MailRow(mail.kind == OutboxMail.Kind.GIFT ? "the gift" : "address notice",
                        mail.toEmail, GiftDeliveries.stateOf(Optional.of(mail)).label(),
                        formats.dateTime(mail.createdAt, region), mail.sentAt == null ? null
                                : formats.dateTime(mail.sentAt, region), mail.lastError)).toList();
        boolean usable = card.map(GiftCard::isUnused).orElse(false) && gift.mayBeSent();
        boolean admin = usable && staff.hasPermission(StaffPermissions.MANAGE_VALUE);
        boolean delivered = GiftDeliveries.codeDelivered(gift);
        return Templates.gift(view, mails, usable && staff.hasPermission(StaffPermissions.REVIEW_HOLDS),
                admin && !delivered, admin && delivered, RequestIds.fresh(), notice, problem);
    }

    private TemplateInstance orderPage(GiftOrder order, String notice, String problem) {
        Region region = regions.orDefault(order.region);
        Optional<ValueRequest> request = request(order);
        List<ProblemRow> problems = GiftOrders.problems(order.id, PROBLEMS_SHOWN).stream()
                .map(row -> new ProblemRow(((Number) row[0]).intValue(), (String) row[1])).toList();
        OrderView view = new OrderView(order.reference, order.name, region.name(), order.senderZone,
                order.source == GiftOrder.Source.CSV ? "uploaded file"
                        : order.source == GiftOrder.Source.STORE
                                ? "the store's checkout, order " + order.storeOrderReference : "form", order.lineCount, order.problemCount,
                formats.money(Money.of(order.totalMinor, order.currency), region), statusLabel(order, request),
                order.createdByName, formats.dateTime(order.createdAt, region), order.issuedCount,
                order.mayBeConfirmed() && request.isEmpty(), order.status == GiftOrder.Status.ISSUING,
                request.map(r -> r.id).orElse(null), request.map(r -> r.status.name()).orElse(null), counts(order));
        return Templates.order(view, problems, notice, problem);
    }

    private Response orderProblem(String reference, String problem) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Response.status(422)
                .entity(orderPage(orderByReference(reference), null, problem)).build());
    }

    private TemplateInstance upload(String region, String zone, String name, String problem) {
        return Templates.upload(List.copyOf(regions.all()), region, zone, name, problem, GiftOrders.COLUMNS,
                orders.maxLines());
    }

    /** The order's region and time zone as chosen, or the problem with them. */
    private Optional<GiftOrders.Heading> heading(String regionCode, String zoneText, String name,
            List<String> problem) {
        Optional<Region> region = regions.find(regionCode);
        if (region.isEmpty()) {
            problem.add("Choose the region the gift cards are for.");
            return Optional.empty();
        }
        try {
            ZoneId zone = ZoneId.of(zoneText == null || zoneText.isBlank() ? region.get().timeZone().getId()
                    : zoneText.strip());
            return Optional.of(new GiftOrders.Heading(name.length() > MAX_ORDER_NAME ? name.substring(0,
                    MAX_ORDER_NAME) : name, region.get(), zone));
        } catch (DateTimeException e) {
            problem.add("\"" + zoneText.strip() + "\" is not a time zone: write one like Europe/London or"
                    + " America/New_York.");
            return Optional.empty();
        }
    }

    private static Optional<ValueRequest> request(GiftOrder order) {
        return ValueRequest.find("requestKey", "gift-order-" + order.reference).firstResultOptional();
    }

    private static String statusLabel(GiftOrder order, Optional<ValueRequest> request) {
        switch (order.status) {
            case ISSUED:
                return "Issued";
            case ISSUING:
                return "Issuing";
            case CANCELLED:
                return "Cancelled by the store (refunded)";
            default:
                if (order.problemCount > 0) {
                    return "Has problems";
                }
                return request.map(r -> r.status == ValueRequest.Status.PENDING ? "Waiting for approval"
                        : r.status == ValueRequest.Status.REJECTED ? "Rejected" : "Could not be issued")
                        .orElse("Checked, not confirmed");
        }
    }

    /** The order's gifts by delivery state, once issued. */
    private static List<String> counts(GiftOrder order) {
        if (order.status == GiftOrder.Status.CHECKED) {
            return List.of();
        }
        List<Object[]> rows = Gift.getEntityManager().createQuery("select m.status, m.attempts, count(g) from Gift g"
                + " join OutboxMail m on m.id = g.mailId where g.orderId = ?1 group by m.status, m.attempts",
                Object[].class).setParameter(1, order.id).getResultList();
        Map<GiftDeliveries.State, Long> byState = new EnumMap<>(GiftDeliveries.State.class);
        for (Object[] row : rows) {
            OutboxMail probe = new OutboxMail();
            probe.status = (OutboxMail.Status) row[0];
            probe.attempts = (Integer) row[1];
            byState.merge(GiftDeliveries.stateOf(Optional.of(probe)), (Long) row[2], Long::sum);
        }
        List<String> counts = new ArrayList<>();
        byState.forEach((state, count) -> counts.add(count + " " + state.label().toLowerCase(java.util.Locale.ROOT)));
        return counts;
    }

    private DeliveryRow deliveryRow(Gift gift, Optional<OutboxMail> mail) {
        GiftCard card = GiftCard.findById(gift.giftCardId);
        Region region = regions.orDefault(card.region);
        GiftOrder order = GiftOrder.findById(gift.orderId);
        return new DeliveryRow(gift.id, card.formattedCardNumber(), card.maskedCode(), gift.recipientName,
                gift.recipientEmail, gift.senderName, formats.money(Money.of(gift.amountMinor, gift.currency), region),
                deliverAt(gift), stateText(mail, region), mail.map(m -> m.lastError).orElse(null), order.reference);
    }

    /** The delivery time as its sender chose it: in their zone, named. */
    private static String deliverAt(Gift gift) {
        return LOCAL_TIME.format(gift.deliverAt.atZone(ZoneId.of(gift.senderZone))) + " (" + gift.senderZone + ")";
    }

    private String stateText(Optional<OutboxMail> mail, Region region) {
        GiftDeliveries.State state = GiftDeliveries.stateOf(mail);
        if (state == GiftDeliveries.State.SENT) {
            return "Sent " + formats.dateTime(mail.get().sentAt, region);
        }
        if (state == GiftDeliveries.State.SCHEDULED && mail.get().nextAttemptAt.isAfter(clock.instant())) {
            return "Scheduled for " + formats.dateTime(mail.get().nextAttemptAt, region);
        }
        return state.label();
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Response seeOrder(String reference) {
        return Response.seeOther(UriBuilder.fromPath("/backoffice/gifts/orders/{reference}").build(reference))
                .build();
    }

    private static Gift byId(long id) {
        return Gift.<Gift>findByIdOptional(id).filter(gift -> gift.giftCardId != null)
                .orElseThrow(NotFoundException::new);
    }

    private static GiftOrder orderByReference(String reference) {
        return GiftOrder.byReference(reference).orElseThrow(NotFoundException::new);
    }
}
