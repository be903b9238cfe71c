package org.giftportal.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every failure ends on a page in the portal's layout that says what happened in plain words; a stack trace never
 * reaches the browser. Unexpected errors get an incident id that is logged with the cause, so support can find it.
 */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ErrorPage page);
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return page(ErrorPage.forStatus(404));
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return page(ErrorPage.forStatus(403));
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return page(ErrorPage.forStatus(status));
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Incident %s: unexpected error", incident);
        return page(ErrorPage.forStatus(500).withIncident(incident));
    }

    /** Errors raised before a resource ran (a missing CSRF token, a wrong method) arrive without a body. */
    @ServerResponseFilter
    public void explainEmptyErrors(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity()
                && !request.getUriInfo().getPath().startsWith("/q/")) {
            response.setEntity(Templates.error(ErrorPage.forStatus(response.getStatus())).render(),
                    null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private static Response page(ErrorPage page) {
        return Response.status(page.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(page).render())
                .build();
    }
}
