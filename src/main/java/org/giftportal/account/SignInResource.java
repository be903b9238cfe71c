package org.giftportal.account;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The address the identity provider sends the browser back to. A sign-in whose state the browser still has never
 * gets here: the sign-in layer finishes it and goes on to where the shopper was going. What arrives here is a sign-in
 * that can't be finished (its state is gone: it waited longer than state is kept, or too many sign-ins were started
 * since) or one the provider reports as failed. The shopper is told so plainly and offered to go on where they were
 * going: with the provider's session still there, that is one press.
 */
@Path("/signin/callback")
@PermitAll
public class SignInResource {

    @Inject
    SignedInShopper shopper;

    @Inject
    ReturnAddresses returnAddresses;

    /** Where to go on, in the shopper's words: their gift, or the page they were opening. */
    public record Onwards(String address, boolean gift, boolean failed) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance interrupted(Onwards onwards);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response interrupted(@CookieParam(ReturnAddresses.SIGN_IN_COOKIE) Cookie kept,
            @QueryParam("error") String error) {
        URI onwards = returnAddresses.kept(kept).orElse(URI.create("/signin"));
        if (shopper.isSignedIn()) {
            // Signed in meanwhile (in another tab): nothing to finish.
            URI next = onwards.getPath().equals("/signin") ? URI.create("/") : onwards;
            return Response.seeOther(next).cookie(returnAddresses.forget(ReturnAddresses.Trip.SIGN_IN)).build();
        }
        return Response.ok(Templates.interrupted(new Onwards(onwards.toString(),
                onwards.getPath().startsWith("/gift/"), error != null))).build();
    }
}
