package org.giftportal.ops;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the OpenID Connect provider answers, as a health group of its own ({@code /q/health/group/identity-provider})
 * for dashboards and alerts. Deliberately not part of readiness: a short outage of the provider stops new sign-ins,
 * not the shoppers already signed in, and must not take every instance out of the load balancer at once.
 */
@HealthGroup(IdentityProviderHealth.GROUP)
@ApplicationScoped
public class IdentityProviderHealth implements HealthCheck {
    static final String GROUP = "identity-provider";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI discovery;

    IdentityProviderHealth(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String server) {
        this.discovery = URI.create(server.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @Override
    public HealthCheckResponse call() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return HealthCheckResponse.named("OpenID Connect provider").status(response.statusCode() == 200)
                    .withData("status", response.statusCode()).build();
        } catch (IOException e) {
            return HealthCheckResponse.named("OpenID Connect provider").down().withData("error", e.getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("OpenID Connect provider").down().build();
        }
    }
}
