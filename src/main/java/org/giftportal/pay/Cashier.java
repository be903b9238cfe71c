package org.giftportal.pay;

import io.quarkus.oidc.IdToken;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.audit.Actor;

/**
 * The cashier at the till: who they are (for the audit log and the two-person rule) and which store they work at,
 * from the identity provider's {@code store} claim (a user attribute staff set). A cashier whose claim names no
 * configured store has no till.
 */
@RequestScoped
public class Cashier {
    @jakarta.inject.Inject
    @IdToken
    JsonWebToken idToken;

    private final SignedInShopper person;
    private final Stores stores;

    Cashier(SignedInShopper person, Stores stores) {
        this.person = person;
        this.stores = stores;
    }

    /** The store the till takes payments for, if the sign-in names a configured one. */
    public Optional<Stores.Store> store() {
        return stores.find(storeClaim());
    }

    /** The store as the sign-in names it, configured or not (for the page that says it isn't). */
    public String storeClaim() {
        Object claim = idToken.getClaim("store");
        return claim == null ? "" : String.valueOf(claim).replace("\"", "");
    }

    /**
     * The cashier as the audit log names them. Their own shopper account, if they have one, is found but never
     * created: a cashier may not take payments from it or refund to it.
     */
    public Actor actor() {
        String subject = idToken.getSubject();
        return new Actor(subject, person.displayName(), Account.findBySubject(subject).map(account -> account.id)
                .orElse(null));
    }
}
