package org.giftportal.store;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.giftportal.web.ErrorPages;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses every API request that doesn't come from a client's service account, before its resource runs. */
public class StoreCallerFilter {
    @Inject
    StoreCaller caller;

    @ServerRequestFilter
    public Optional<Response> onlyClients(ContainerRequestContext request) {
        if (!ErrorPages.isApi(request.getUriInfo().getPath()) || request.getSecurityContext().getUserPrincipal() == null) {
            return Optional.empty();
        }
        return caller.isClient() ? Optional.empty() : Optional.of(StoreCaller.notAClient().response());
    }
}
