package org.giftportal.account;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.giftportal.web.ClientAddress;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind the current request, for resources and for the layout ({@code inject:shopper}). The one place
 * that turns a sign-in into an {@link Account}: the account is provisioned lazily on first use in a request.
 */
@Named("shopper")
@RequestScoped
public class SignedInShopper {
    public static final String CUSTOMER = "customer";
    public static final String SUPPORT = "support";
    public static final String ADMIN = "admin";
    /** Finance: reads the liability statements, the money checks and the audit log (shoppers masked); changes nothing. */
    public static final String FINANCE = "finance";
    /** A cashier at one of the retailer's stores (the identity provider's {@code store} attribute names which). */
    public static final String CASHIER = "cashier";

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    AccountProvisioning provisioning;

    @Inject
    HttpServerRequest request;

    @Inject
    ClientAddress clientAddresses;

    private Account account;

    /** Signed in, with a session nobody has signed out. */
    public boolean isSignedIn() {
        return !identity.isAnonymous() && !RevokedSessionCheck.isRevoked(identity);
    }

    /** The signed-in person's email address, as the identity provider gives it (staff have no account to read). */
    public java.util.Optional<String> email() {
        return isSignedIn() ? java.util.Optional.ofNullable(ShopperProfile.from(idToken).email())
                : java.util.Optional.empty();
    }

    /** The signed-in shopper's account, created on first sign-in. Only call on pages that require sign-in. */
    public Account account() {
        if (account == null) {
            requireShopper();
            account = provisioning.accountFor(ShopperProfile.from(idToken));
        }
        return account;
    }

    /**
     * The signed-in shopper's account id, without reading the account when this instance has seen the same profile
     * (name, email, verified) for it before: for paths that lock or read the row themselves anyway.
     */
    public long accountId() {
        return account != null ? account.id : known().accountId();
    }

    /** The signed-in shopper's region (fixed when the account was made), read as {@link #accountId()} is. */
    public String accountRegion() {
        return account != null ? account.region : known().region();
    }

    private AccountProvisioning.Known known() {
        requireShopper();
        return provisioning.knownFor(ShopperProfile.from(idToken));
    }

    /** A machine client's service account (the store's): signed in, but never a shopper. */
    public boolean isMachineClient() {
        return isSignedIn() && idToken.getClaim("client_id") != null;
    }

    private void requireShopper() {
        if (!isSignedIn()) {
            throw new IllegalStateException("No one is signed in");
        }
        if (idToken.getClaim("client_id") != null) {
            // A machine client's service account (the store's) is never a shopper, whatever roles it was given.
            throw new io.quarkus.security.ForbiddenException("A service account has no shopper account");
        }
    }

    public String displayName() {
        return isSignedIn() ? ShopperProfile.from(idToken).displayName() : "";
    }

    /**
     * The signed-in session, as a key that says nothing about it (the SHA-256 of its {@code sid}): what is shown once
     * per session is remembered under it, by every instance.
     */
    public String sessionKey() {
        requireShopper();
        return org.giftportal.web.ExpiringCache.keyOf(SessionRevocations.sessionOf(idToken));
    }

    /** Where the request comes from: see {@link ClientAddress}, the one place that reads it. */
    public String clientAddress() {
        return clientAddresses.of(request);
    }

    /** The signed-in member of staff, as the audit log names them. */
    public org.giftportal.audit.Actor actor() {
        return new org.giftportal.audit.Actor(idToken.getSubject(), displayName(), account().id);
    }

    /** Whether the person may do what the permission names (see backoffice.StaffPermissions). */
    public boolean hasPermission(String permission) {
        return identity.checkPermissionBlocking(new io.quarkus.security.StringPermission(permission));
    }

    public boolean isStaff() {
        return identity.hasRole(SUPPORT) || identity.hasRole(ADMIN);
    }

    /** Whether the till is theirs to use (cashiers); the till page itself checks their store. */
    public boolean isCashier() {
        return identity.hasRole(CASHIER);
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** Whether the statements, the money checks and the audit log are theirs to read (finance and admins). */
    public boolean isFinanceReader() {
        return identity.hasRole(FINANCE) || identity.hasRole(ADMIN);
    }
}
