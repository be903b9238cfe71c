package org.giftportal.account;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Notes where a shopper was going as the browser leaves for the identity provider to sign in or sign up. The sign-in
 * layer keeps that address in its own state cookie too; this copy is for when that state is gone by the time the
 * provider sends the browser back (see {@link SignInResource}). Unremovable: the sign-in layer looks its filters up
 * at run time, which the bean container can't see at build time.
 */
@ApplicationScoped
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
@Unremovable
public class SignInTrips implements OidcRedirectFilter {
    private final ReturnAddresses returnAddresses;

    SignInTrips(ReturnAddresses returnAddresses) {
        this.returnAddresses = returnAddresses;
    }

    @Override
    public void filter(OidcRedirectContext context) {
        try {
            returnAddresses.rememberOnTheWayOut(ReturnAddresses.Trip.SIGN_IN,
                    URI.create(context.routingContext().request().uri())).ifPresent(context.routingContext()
                    .response()::addCookie);
        } catch (IllegalArgumentException e) {
            // An address that is no URI can't be gone back to: the sign-in goes ahead without it.
        }
    }
}
