package org.giftportal.account;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that arrives with a signed-out session is answered, before any page or security check runs, with its
 * session cookie dropped and the same address again: there it is a visitor like any other (a page that needs sign-in
 * asks for it).
 */
public class RevokedSessionFilter {
    private static final String SESSION_COOKIE = "q_session";

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter(preMatching = true)
    public Response endRevokedSession(ContainerRequestContext request) {
        if (identity.isAnonymous() || !RevokedSessionCheck.isRevoked(identity)) {
            return null;
        }
        URI again = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                ? URI.create(request.getUriInfo().getRequestUri().getRawPath()
                        + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                                : "?" + request.getUriInfo().getRequestUri().getRawQuery()))
                : URI.create(request.getUriInfo().getRequestUri().getRawPath());
        Response.ResponseBuilder response = Response.seeOther(again);
        for (Cookie cookie : request.getCookies().values()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                response.cookie(new NewCookie.Builder(cookie.getName()).value("").path("/").maxAge(0).build());
            }
        }
        return response.build();
    }
}
