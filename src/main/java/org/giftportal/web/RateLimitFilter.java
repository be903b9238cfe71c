package org.giftportal.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.RequestRate;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Spends every POST (and the GETs that ask for it) from its rule's budgets, per signed-in account and per client
 * address, before the resource runs and before any transaction opens: a request over budget costs one short
 * statement and gets a 429 page saying when to try again.
 */
public class RateLimitFilter {
    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    private static final Map<Method, Optional<String>> RULES = new ConcurrentHashMap<>();

    @Inject
    RateLimiter limiter;

    @Inject
    PortalConfig config;

    @Inject
    ClientAddress clientAddress;

    @Inject
    SecurityIdentity identity;

    @Inject
    MeterRegistry metrics;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, ResourceInfo resource) {
        Optional<String> rule = ruleOf(resource.getResourceMethod(), request.getMethod());
        if (rule.isEmpty()) {
            return null;
        }
        PortalConfig.RateRule limits = config.rateLimits().get(rule.get());
        if (limits == null) {
            throw new IllegalStateException("No portal.rate-limits." + rule.get() + " configured");
        }
        Optional<Duration> wait = subject()
                .flatMap(subject -> spend(rule.get(), "account", subject, limits.perAccount()))
                .or(() -> spend(rule.get(), "address", ClientAddress.network(clientAddress.get()),
                        limits.perAddress()));
        return wait.map(ErrorPages::tooManyRequests).orElse(null);
    }

    private Optional<Duration> spend(String rule, String scope, String who, Optional<RequestRate> rate) {
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> wait;
        try {
            wait = limiter.take(rule + ":" + scope + ":" + who, rate.get());
        } catch (IllegalStateException e) {
            // The database is away: the request will find that out itself; the limiter is no reason to refuse it.
            LOG.warnf("Rate limit not checked: %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return Optional.empty();
        }
        wait.ifPresent(ignored -> metrics.counter("portal.rate.limited", "rule", rule, "scope", scope).increment());
        return wait;
    }

    private Optional<String> subject() {
        return !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token
                ? Optional.ofNullable(token.getSubject()) : Optional.empty();
    }

    private static Optional<String> ruleOf(Method method, String httpMethod) {
        if (method == null) {
            return Optional.empty();
        }
        Optional<String> named = RULES.computeIfAbsent(method, RateLimitFilter::named);
        return named.isPresent() || !HttpMethod.POST.equals(httpMethod) ? named : Optional.of(RateLimited.FORMS);
    }

    private static Optional<String> named(Method method) {
        return Optional.ofNullable(method.getAnnotation(RateLimited.class)).map(RateLimited::value);
    }
}
