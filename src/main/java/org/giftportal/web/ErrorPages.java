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
import java.time.Duration;
import java.util.UUID;
import org.giftportal.ops.Retries;
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

        /** The same page for responses sent before sign-in is read: no navigation that depends on who asks. */
        static native TemplateInstance bareError(ErrorPage page);
    }

    /** An API request ended with its problem (problem+json, whatever the caller's Accept header says). */
    @ServerExceptionMapper
    Response problem(Problem.ProblemException e) {
        return e.problem().response();
    }

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return page(ErrorPage.forStatus(404));
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return page(ErrorPage.forStatus(403));
    }

    /** The database kept failing for a passing reason: a 503 that says to check before trying again. */
    @ServerExceptionMapper
    Response busy(Retries.RetriesExhausted e) {
        if (e.reason() == Retries.Transient.CHANGED_MEANWHILE) {
            return page(ErrorPage.forStatus(409));
        }
        return withRetryAfter(page(ErrorPage.busy()), e.retryAfter());
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
        if (Retries.classify(e).isPresent()) {
            // The database went away or was busy, outside any retried work: a passing problem, said as one.
            LOG.warnf("Incident %s: database unavailable: %s", incident, e.getMessage());
            return withRetryAfter(page(ErrorPage.busy().withIncident(incident)), java.time.Duration.ofSeconds(30));
        }
        LOG.errorf(e, "Incident %s: unexpected error", incident);
        return page(ErrorPage.forStatus(500).withIncident(incident));
    }

    /** Errors raised before a resource ran (a missing CSRF token, a wrong method) arrive without a body. */
    @ServerResponseFilter
    public void explainEmptyErrors(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity() && isApi(request.getUriInfo().getPath())) {
            response.setEntity(Problem.ofStatus(response.getStatus(), null).json(), null,
                    MediaType.valueOf(Problem.MEDIA_TYPE));
        } else if (response.getStatus() >= 400 && !response.hasEntity()
                && !request.getUriInfo().getPath().startsWith("/q/")) {
            response.setEntity(render(ErrorPage.forStatus(response.getStatus())),
                    null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    /** The error page with words of a resource's own, for a failure only it can explain. */
    public static Response explained(int status, String title, String message) {
        return page(new ErrorPage(status, title, message, null));
    }

    /** A 429 page for a request over its budget, with the wait as Retry-After. */
    static Response tooManyRequests(Duration wait) {
        return withRetryAfter(page(ErrorPage.tooManyRequests(wait)), wait);
    }

    /** The error page as HTML, for responses sent before a resource is chosen (see {@link RequestLimits}). */
    static String render(ErrorPage page) {
        return Templates.error(page).render();
    }

    /** The error page for a request refused before anything about it was read, its sign-in included. */
    static String renderBare(ErrorPage page) {
        return Templates.bareError(page).render();
    }

    private static Response withRetryAfter(Response response, Duration wait) {
        response.getHeaders().putSingle("Retry-After", ErrorPage.retryAfterSeconds(wait));
        return response;
    }

    /** The store API's paths: machine clients, who get problem+json instead of a page. */
    public static boolean isApi(String path) {
        return path.startsWith("/api/");
    }

    private static boolean servingApi() {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive()) {
            return false;
        }
        io.vertx.ext.web.RoutingContext current = io.quarkus.arc.Arc.container()
                .instance(io.quarkus.vertx.http.runtime.CurrentVertxRequest.class).get().getCurrent();
        return current != null && isApi(current.normalizedPath());
    }

    private static Response page(ErrorPage page) {
        if (servingApi()) {
            Problem problem = Problem.ofStatus(page.status(), page.status() == 429 ? page.message() : null);
            return (page.incident() == null ? problem : problem.with("incident", page.incident())).response();
        }
        return Response.status(page.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(render(page))
                .build();
    }
}
