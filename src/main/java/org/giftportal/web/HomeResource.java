package org.giftportal.web;

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
@Path("/")
public class HomeResource {

    @Inject
    SignedInShopper shopper;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance visitor();

        static native TemplateInstance shopper(Account account);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return shopper.isSignedIn() ? Templates.shopper(shopper.account()) : Templates.visitor();
    }

    /** The sign-in button: requiring authentication here sends the visitor to the identity provider first. */
    @GET
    @Path("signin")
    @Authenticated
    public Response signIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    /** Reached only without a session: a signed-in request to /logout is ended by the OIDC sign-out. */
    @GET
    @Path("logout")
    public Response signedOutAlready() {
        return Response.seeOther(URI.create("/")).build();
    }
}
