package org.giftportal.card;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.SignedInShopper;
import org.giftportal.approvals.Approvals;
import org.giftportal.approvals.ApprovalsResource;
import org.giftportal.account.StaffPermissions;
import org.giftportal.approvals.ValueRequest;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;

/**
 * Batches of cards (admin): the list with counts by status, issuing a batch (form, confirmation, and the claim codes as
 * the once-only answer of the confirming POST), a batch's page, and activating its unsold cards.
 */
@Path("/backoffice/batches")
@PermissionsAllowed(StaffPermissions.MANAGE_VALUE)
public class CardBatchResource {
    private static final int LISTED = 50;
    private static final int CARDS_SHOWN = 100;

    @Inject
    SignedInShopper staff;

    @Inject
    Approvals approvals;

    @Inject
    CardBatches batches;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record BatchRow(String reference, String name, String region, String value, int cards, String issued,
            String counts) {
    }

    public record Confirmation(String summary, String total, String needsApproval) {
    }

    public record BatchView(String reference, String name, String region, String value, int cards, String kind,
            String issuedBy, String issued, List<String> counts, long unsold, String unsoldValue) {
    }

    public record CardRow(String number, String digits, String maskedCode, String status) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BatchRow> batches);

        static native TemplateInstance form(BatchForm form, List<Region> regions, Confirmation confirmation,
                int maxCards, String problem);

        static native TemplateInstance batch(BatchView batch, List<CardRow> cards, String requestKey, String notice,
                String problem);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list() {
        List<CardBatch> latest = CardBatch.<CardBatch>find("order by issuedAt desc, id desc").page(0, LISTED).list();
        return Templates.list(latest.stream().map(batch -> {
            Region region = regions.orDefault(batch.region);
            return new BatchRow(batch.reference, batch.name, region.name(), value(batch, region), batch.cardCount,
                    formats.date(batch.issuedAt, region), String.join(", ", counts(batch.reference)));
        }).toList());
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance newBatch() {
        return Templates.form(BatchForm.empty(), List.copyOf(regions.all()), null, CardBatches.MAX_CARDS, null);
    }

    /** The form checked and summed up: nothing is issued until the admin confirms. */
    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response check(@BeanParam BatchForm form) {
        Optional<String> problem = form.problem(regions);
        if (problem.isPresent()) {
            return Response.status(422).entity(Templates.form(form, List.copyOf(regions.all()), null,
                    CardBatches.MAX_CARDS, problem.get())).build();
        }
        form.requestKey = RequestIds.fresh();
        return Response.ok(Templates.form(form, List.copyOf(regions.all()), confirmation(form),
                CardBatches.MAX_CARDS, null)).build();
    }

    /**
     * Issues the batch, or asks a second admin to. When it is issued here, the answer is the file of its claim codes,
     * and nothing keeps them: sending the form again finds the request, not the codes.
     */
    @POST
    @Path("issue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response issue(@BeanParam BatchForm form) {
        Optional<String> problem = form.problem(regions).or(() -> RequestIds.isOurs(form.requestKey) ? Optional.empty()
                : Optional.of("This form is out of date: check the batch again."));
        if (problem.isPresent()) {
            return Response.status(422).type(MediaType.TEXT_HTML_TYPE).entity(Templates.form(form,
                    List.copyOf(regions.all()), null, CardBatches.MAX_CARDS, problem.get())).build();
        }
        Region region = regions.find(form.region).orElseThrow();
        int count = Integer.parseInt(form.count.strip());
        long cardValue = region.minorUnits(Long.parseLong(form.value.strip()));
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.ISSUE;
        request.currency = region.currency().getCurrencyCode();
        request.cardCount = count;
        request.cardValueMinor = cardValue;
        request.amountMinor = Math.multiplyExact(cardValue, count);
        request.region = region.code();
        request.physical = form.physical();
        request.batchName = form.name.strip();
        request.batchReference = batches.newReference();
        request.reason = form.reason.strip();
        request.requestKey = form.requestKey;
        request.summary = confirmation(form).summary() + " (batch " + request.batchReference + ")";
        Approvals.Result result = approvals.request(staff.actor(), request);
        if (result instanceof Approvals.Result.Done done) {
            return ApprovalsResource.handOver(done.done().handOver().orElseThrow());
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return Response.status(422).type(MediaType.TEXT_HTML_TYPE).entity(Templates.form(form,
                    List.copyOf(regions.all()), null, CardBatches.MAX_CARDS, refused.why())).build();
        }
        if (result instanceof Approvals.Result.AlreadyAsked earlier
                && earlier.request().status == ValueRequest.Status.DONE) {
            // Sent again (a second press, the back button): the batch exists, and its codes were handed over once.
            return Response.seeOther(UriBuilder.fromPath("/backoffice/batches/{reference}").queryParam("issued",
                    "before").build(earlier.request().batchReference)).build();
        }
        return ApprovalsResource.seeRequest(result);
    }

    @GET
    @Path("{reference}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance batch(@PathParam("reference") String reference, @QueryParam("activated") String done,
            @QueryParam("issued") String issuedBefore) {
        return batchPage(byReference(reference), done != null
                ? "Done: the batch's unsold cards are active and can be redeemed."
                : issuedBefore != null ? "This batch was issued when you first sent the form. Its claim codes were"
                + " handed over then, once, and can't be saved again." : null, null);
    }

    /** Activates every unsold card of the batch, as when a whole box of cards is sold. */
    @POST
    @Path("{reference}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response activate(@PathParam("reference") String reference, @FormParam("reason") String reason,
            @FormParam("requestKey") String requestKey) {
        CardBatch batch = byReference(reference);
        Optional<String> problem = CardDesk.reasonProblem(reason);
        long unsold = CardActivation.unsoldValue(batch.reference);
        if (problem.isEmpty() && unsold == 0) {
            problem = Optional.of("No card of this batch is waiting to be activated.");
        }
        if (problem.isPresent()) {
            return Response.status(422).entity(batchPage(batch, null, problem.get())).build();
        }
        Region region = regions.orDefault(batch.region);
        ValueRequest request = new ValueRequest();
        request.kind = ValueRequest.Kind.ACTIVATE;
        request.currency = batch.currency;
        request.amountMinor = unsold;
        request.batchReference = batch.reference;
        request.reason = reason.strip();
        request.requestKey = RequestIds.orNew(requestKey);
        request.summary = "Activate the unsold cards of batch " + batch.reference + " \"" + batch.name + "\", worth "
                + formats.money(Money.of(unsold, batch.currency), region);
        Approvals.Result result = approvals.request(staff.actor(), request);
        if (result instanceof Approvals.Result.Done) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/batches/{reference}")
                    .queryParam("activated", 1).build(batch.reference)).build();
        }
        if (result instanceof Approvals.Result.Refused refused) {
            return Response.status(422).entity(batchPage(batch, null, refused.why())).build();
        }
        return ApprovalsResource.seeRequest(result);
    }

    private TemplateInstance batchPage(CardBatch batch, String notice, String problem) {
        Region region = regions.orDefault(batch.region);
        long unsoldValue = CardActivation.unsoldValue(batch.reference);
        long unsold = GiftCard.count("batchReference = ?1 and status = ?2", batch.reference, CardStatus.ISSUED);
        List<CardRow> cards = GiftCard.<GiftCard>find("batchReference = ?1 order by id", batch.reference)
                .page(0, CARDS_SHOWN).list().stream().map(card -> new CardRow(card.formattedCardNumber(),
                        card.cardNumber, card.maskedCode(), card.status.label())).toList();
        BatchView view = new BatchView(batch.reference, batch.name, region.name(), value(batch, region),
                batch.cardCount, batch.physical ? "physical: issued unsold, activated when sold"
                        : "online: active from the start", batch.issuedByName, formats.dateTime(batch.issuedAt, region),
                counts(batch.reference), unsold, formats.money(Money.of(unsoldValue, batch.currency), region));
        return Templates.batch(view, cards, RequestIds.fresh(), notice, problem);
    }

    private Confirmation confirmation(BatchForm form) {
        Region region = regions.find(form.region).orElseThrow();
        int count = Integer.parseInt(form.count.strip());
        long cardValue = region.minorUnits(Long.parseLong(form.value.strip()));
        String each = formats.money(Money.of(cardValue, region.currency().getCurrencyCode()), region);
        String total = formats.money(Money.of(Math.multiplyExact(cardValue, count), region.currency()
                .getCurrencyCode()), region);
        String summary = "Issue " + count + (form.physical() ? " physical" : " online") + (count == 1 ? " card" : " cards")
                + " of " + each + " in " + region.inSentence() + " \"" + form.name.strip() + "\"";
        String expiry = region.cardValidity().map(validity -> " Cards in " + region.inSentence() + " expire " + validity
                .getYears() + " years after they are issued.").orElse(" Cards in " + region.inSentence()
                        + " never expire.");
        String approval = approvals.limitsFor(region.currency().getCurrencyCode())
                .filter(limit -> Math.multiplyExact(cardValue, count) <= region.minorUnits(limit.perAction()))
                .map(limit -> "Within your limit per action, unless your other actions today bring you over "
                        + formats.money(Money.of(region.minorUnits(limit.perDay()), region.currency()
                                .getCurrencyCode()), region) + ".")
                .orElse("Above your limit: a second admin approves it, and the codes download for them.");
        return new Confirmation(summary, total, approval + expiry);
    }

    private List<String> counts(String batchReference) {
        List<String> counts = new ArrayList<>();
        GiftCard.countsInBatch(batchReference).forEach((status, count) -> counts.add(count + " " + status.label()));
        return counts;
    }

    private String value(CardBatch batch, Region region) {
        return formats.money(Money.of(batch.cardValueMinor, batch.currency), region);
    }

    private static CardBatch byReference(String reference) {
        return CardBatch.findByReference(reference).orElseThrow(NotFoundException::new);
    }
}
