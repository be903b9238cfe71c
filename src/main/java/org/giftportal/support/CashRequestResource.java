package org.giftportal.support;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.ledger.CashOuts;
import org.giftportal.ledger.PaidBy;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.web.RequestIds;

/**
 * A shopper asks for their small balance in cash, where their region's law gives that right: the request is a
 * support case (topic {@code CASH_OUT}) saying how they'd like it paid, which staff carry out from the back office.
 * Until then the balance stays theirs to spend.
 */
@Path("/support/cash")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class CashRequestResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    SupportCases cases;

    @Inject
    CashOuts cashOuts;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record Choice(String value, String label) {
    }

    /** @param why why the balance can't be paid in cash now, or null when it can */
    public record Ask(String balance, String limit, String law, String why, List<Choice> ways, String chosen,
            String problem, String requestId) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(Ask ask);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return Templates.ask(ask(shopper.account(), null, null, RequestIds.fresh()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response send(@FormParam("paidBy") String paidBy, @FormParam("requestId") String requestId) {
        Account account = shopper.account();
        String submission = RequestIds.orNew(requestId);
        if (!cashOuts.mayAsk(account)) {
            return Response.status(422).entity(Templates.ask(ask(account, null, null, submission))).build();
        }
        java.util.Optional<PaidBy> way = PaidBy.parse(paidBy);
        if (way.isEmpty()) {
            return Response.status(422).entity(Templates.ask(ask(account, null,
                    "Choose how you'd like us to pay you.", submission))).build();
        }
        Region region = regions.orDefault(account.region);
        String balance = formats.money(Money.of(account.balanceMinor, account.currency), region);
        SupportCases.OpenResult opened = cases.open(account, new NewCase(CaseTopic.CASH_OUT.name(), null, null,
                "Please pay my balance of " + balance + " in cash, by " + words(way.get()) + ".", List.of(),
                submission), shopper.clientAddress());
        if (!opened.isOpened()) {
            return Response.status(422).entity(Templates.ask(ask(account, way.get().name(),
                    String.join(" ", opened.errors().values()), submission))).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/support/cases/{reference}").queryParam("opened", 1)
                .build(opened.opened().reference)).build();
    }

    private Ask ask(Account account, String chosen, String problem, String requestId) {
        Region region = regions.orDefault(account.region);
        String balance = formats.money(Money.of(account.balanceMinor, account.currency), region);
        String limit = cashOuts.cashOutBelow(account)
                .map(minor -> formats.money(Money.of(minor, account.currency), region)).orElse(null);
        String why = limit == null ? capitalised(region.jurisdiction().title()) + ", which your account's region"
                + " follows, gives no right to a gift card balance in cash, so we can't pay it out. You can keep"
                + " spending it: it doesn't expire."
                : account.balanceMinor == 0 ? "Your balance is empty: there is nothing to pay out."
                : !cashOuts.mayAsk(account) ? "Your balance is " + balance + ". The law pays a balance in cash only"
                        + " while it is under " + limit + "." : null;
        List<Choice> ways = java.util.Arrays.stream(PaidBy.values())
                .map(value -> new Choice(value.name(), capitalised(words(value)))).toList();
        return new Ask(balance, limit, region.jurisdiction().title(), why, ways, chosen, problem, requestId);
    }

    /** How a shopper would say it: "bank transfer", "a cheque in the post", "cash at one of our stores". */
    private static String words(PaidBy way) {
        return switch (way) {
            case BANK_TRANSFER -> "bank transfer";
            case CHEQUE -> "a cheque in the post";
            case STORE_CASH -> "cash at one of our stores";
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
