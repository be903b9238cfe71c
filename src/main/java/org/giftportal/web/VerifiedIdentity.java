package org.giftportal.web;

import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the identity provider's check of a token established (who, with which roles, credentials and attributes),
 * without the request it was checked for, so a later request bringing the same token can be given the same identity
 * without checking it again. Nothing here is re-derived: the principal, roles and credentials are the provider's own.
 */
public record VerifiedIdentity(Principal principal, Set<String> roles, Set<Credential> credentials,
        Map<String, Object> attributes) {

    /** The identity as the provider built it, less what belongs to the request it was built for. */
    public static VerifiedIdentity of(SecurityIdentity identity) {
        Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                .filter(attribute -> !(attribute.getValue() instanceof RoutingContext
                        || attribute.getValue() instanceof AuthenticationRequestContext))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        return new VerifiedIdentity(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                Set.copyOf(identity.getCredentials()), attributes);
    }

    /** A fresh identity for this request: the same person, roles, credentials and attributes, this request's context. */
    public SecurityIdentity forRequest(RoutingContext request, AuthenticationRequestContext context) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRoles(roles).addCredentials(credentials)
                .addAttributes(attributes).addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, request)
                .addAttribute(AuthenticationRequestContext.class.getName(), context).build();
    }
}
