package org.giftportal.account;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signing out: a POST with the form's CSRF token, so no other site can sign a shopper out with a link. The session
 * is revoked for every portal instance first, its cookie dropped, and then the identity provider ends its own
 * session and sends the browser back to the "signed out" page.
 */
@Path("/signout")
public class SignOutResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    OidcSession session;

    @Inject
    ProviderSignOut providerSignOut;

    @Inject
    SessionRevocations revocations;

    @Inject
    ReturnAddresses returnAddresses;

    @Context
    UriInfo uri;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm();
    }

    /** Where a page without a form token (an error page) sends "Sign out": one button, the same POST. */
    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirm() {
        return Templates.confirm();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        URI signedOut = uri.getBaseUriBuilder().path("signed-out").build();
        // A sign-out of one's own goes to the signed-out page, not to where an earlier ended session was going.
        if (identity.isAnonymous()) {
            return Response.seeOther(signedOut).cookie(returnAddresses.forget(ReturnAddresses.Trip.SIGN_OUT)).build();
        }
        revocations.revoke(SessionRevocations.sessionOf(idToken));
        String idTokenHint = idToken.getRawToken();
        session.logout().await().indefinitely();
        return Response.seeOther(providerSignOut.via(idTokenHint, signedOut)).cookie(returnAddresses.forget(ReturnAddresses.Trip.SIGN_OUT))
                .build();
    }
}
