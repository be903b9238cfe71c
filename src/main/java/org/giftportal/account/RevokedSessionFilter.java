package org.giftportal.account;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that arrives with a signed-out session is answered, before any page or security check runs, with its
 * session cookie dropped, by way of the identity provider's sign-out (if its session outlived the portal's, it would
 * otherwise sign the browser straight back into the refused session, again and again). The provider sends the browser
 * back to the fixed signed-out page registered with it; the address it asked for waits in a first-party cookie
 * ({@link ReturnAddresses}), and the signed-out page sends it on there, where the browser is a visitor like any
 * other (a page that needs sign-in asks for it, and a gift link still shows its gift).
 */
public class RevokedSessionFilter {
    private static final String SESSION_COOKIE = "q_session";

    @Inject
    SecurityIdentity identity;

    @Inject
    ProviderSignOut providerSignOut;

    @Inject
    ReturnAddresses returnAddresses;

    @ServerRequestFilter(preMatching = true)
    public Response endRevokedSession(ContainerRequestContext request) {
        if (identity.isAnonymous() || !RevokedSessionCheck.isRevoked(identity)) {
            return null;
        }
        URI requested = request.getUriInfo().getRequestUri();
        URI again = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                ? requested : request.getUriInfo().getRequestUriBuilder().replaceQuery(null).build();
        URI signedOut = request.getUriInfo().getBaseUriBuilder().path("signed-out").build();
        String idToken = identity.getPrincipal() instanceof JsonWebToken token ? token.getRawToken() : null;
        Response.ResponseBuilder response = Response.seeOther(providerSignOut.via(idToken, signedOut));
        returnAddresses.remember(ReturnAddresses.Trip.SIGN_OUT, again).ifPresent(response::cookie);
        for (Cookie cookie : request.getCookies().values()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                response.cookie(new NewCookie.Builder(cookie.getName()).value("").path("/").maxAge(0).build());
            }
        }
        return response.build();
    }
}
