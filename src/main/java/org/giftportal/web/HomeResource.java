package org.giftportal.web;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;

/** The home page: what the portal is for a visitor, the main actions for a signed-in shopper. */
@PermitAll
@Path("/")
public class HomeResource {

    @Inject
    SignedInShopper shopper;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visitor(boolean signedOut);

        static native TemplateInstance shopper(Account account);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return shopper.isSignedIn() ? Templates.shopper(shopper.account()) : Templates.visitor(false);
    }

    /** The sign-in button: requiring authentication here sends the visitor to the identity provider first. */
    @GET
    @Path("signin")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    /** Where the identity provider sends the browser back after sign-out. */
    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return shopper.isSignedIn() ? Templates.shopper(shopper.account()) : Templates.visitor(true);
    }
}
