package org.giftportal.help;

import org.giftportal.web.RateLimited;
import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.redeem.ClaimGuard;
import org.giftportal.redeem.ClaimLockState;
import org.giftportal.redeem.LockScope;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/** The help centre: articles grouped by task, search, each article with the reader's own facts, and contact. */
@PermitAll
@Path("/help")
public class HelpResource {
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9-]{1,80}");

    @Inject
    HelpCenter helpCenter;

    @Inject
    ArticleText text;

    @Inject
    SignedInShopper shopper;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    @Inject
    ClaimGuard claimGuard;

    public record ArticleView(String slug, String title, String summary, String html, String lastReviewed) {
    }

    /** The signed-in reader's own facts next to the general answer; empty parts are not shown. */
    public record PersonalFacts(String lockedUntil, boolean networkLocked, boolean notLocked, List<String> redemptions,
            String regionName, String currency, String email) {
    }

    public record Contact(String regionName, String phone, String email, String phoneHours, String chatHours) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<HelpCenter.TaskGroup> groups, Contact contact);

        static native TemplateInstance search(String query, List<HelpArticle> results, Contact contact);

        static native TemplateInstance article(ArticleView article, PersonalFacts facts, Contact contact,
                boolean thanked);

        static native TemplateInstance contact(Contact contact, List<Region> regions, boolean ownRegion);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home(@QueryParam("region") String requested) {
        Region region = readerRegion(requested);
        return Templates.home(helpCenter.home(region.code()), contact(region));
    }

    @RateLimited(RateLimited.SEARCH)
    @GET
    @Path("search")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance search(@QueryParam("q") String query, @QueryParam("region") String requested) {
        Region region = readerRegion(requested);
        String shown = HelpCenter.searchWords(query);
        return Templates.search(shown, helpCenter.search(shown, region.code()), contact(region));
    }

    @GET
    @Path("contact")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance contactPage(@QueryParam("region") String requested) {
        Region region = readerRegion(requested);
        return Templates.contact(contact(region), List.copyOf(regions.all()), shopper.isSignedIn());
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.TEXT_HTML)
    public Object article(@PathParam("slug") String slug, @QueryParam("region") String requested,
            @QueryParam("feedback") String feedback) {
        Region region = readerRegion(requested);
        java.util.Optional<HelpArticle> found = helpCenter.article(slug, region.code());
        if (found.isEmpty()) {
            // An article merged into another: its old address, in emails and bookmarks, leads to the new one.
            return helpCenter.movedTo(slug).map(moved -> jakarta.ws.rs.core.Response.status(301).location(
                    jakarta.ws.rs.core.UriBuilder.fromPath("/help/{slug}").replaceQuery(uri.getRequestUri()
                            .getRawQuery()).build(moved)).build()).orElseThrow(NotFoundException::new);
        }
        HelpArticle article = found.get();
        ArticleView view = new ArticleView(article.slug, text.fill(article.title, region),
                text.fill(article.summary, region), text.html(article.body, region),
                formats.date(article.lastReviewed, region));
        return Templates.article(view, personalFacts(slug, region), contact(region), "thanks".equals(feedback));
    }

    @RateLimited(RateLimited.FEEDBACK)
    @POST
    @Path("{slug}/feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response feedback(@PathParam("slug") String slug, @FormParam("solved") String solved) {
        if (!SLUG.matcher(slug).matches()) {
            throw new NotFoundException();
        }
        UriBuilder article = UriBuilder.fromPath("/help/{slug}").fragment("feedback");
        if (!"yes".equals(solved) && !"no".equals(solved)) {
            return Response.seeOther(article.build(slug)).build();
        }
        if (!helpCenter.recordFeedback(slug, "yes".equals(solved))) {
            throw new NotFoundException();
        }
        return Response.seeOther(article.queryParam("feedback", "thanks").build(slug)).build();
    }

    private PersonalFacts personalFacts(String slug, Region region) {
        if (!shopper.isSignedIn()) {
            return null;
        }
        Account account = shopper.account();
        return switch (slug) {
            case "claim-code-locked" -> {
                Optional<ClaimLockState> lock = claimGuard.lockOn(account.id, shopper.clientAddress());
                yield new PersonalFacts(lock.map(found -> formats.dateTime(found.until(), region)).orElse(null),
                        lock.map(found -> found.scope() == LockScope.ADDRESS).orElse(false), lock.isEmpty(), null,
                        null, null, null);
            }
            case "already-redeemed" -> new PersonalFacts(null, false, false, recentRedemptions(account, region), null,
                    null, null);
            case "region-restrictions", "different-country-or-currency" -> new PersonalFacts(null, false, false, null,
                    region.inSentence(), account.currency, null);
            case "balance-on-wrong-account" -> new PersonalFacts(null, false, false, null, null, null, account.email);
            default -> null;
        };
    }

    private List<String> recentRedemptions(Account account, Region region) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                LedgerEntry.recentRedemptions(account.id, 5).stream()
                        .map(entry -> entry.maskedCode().orElse("") + ", " + formats.money(entry.amount(), region)
                                + ", " + formats.date(entry.createdAt, region))
                        .toList());
    }

    private Region readerRegion(String requested) {
        return regions.forReader(shopper.isSignedIn() ? shopper.accountRegion() : null, requested);
    }

    private static Contact contact(Region region) {
        return new Contact(region.name(), region.support().phone(), region.support().email(),
                region.support().phoneHours(), region.support().chatHours());
    }

}
