package org.giftportal.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.giftportal.account.SignedInShopper;

/**
 * Who may do what in the back office, in one place: each permission and the realm roles that grant it. Staff pages
 * ask for a permission ({@code @PermissionsAllowed}), never for a role, so this table is the whole rule. An admin can do
 * everything support can.
 */
@ApplicationScoped
public class StaffPermissions implements SecurityIdentityAugmentor {
    /** The case queue, reading a case and its files, replying, internal notes, assigning, resolving. */
    public static final String WORK_CASES = "work-cases";
    /** Finding a card (by number, claim code, or last four and region) and an account. */
    public static final String LOOK_UP = "look-up";
    /** Holds on value: blocking and unblocking a card (lost-card review); lifting a shopper's claim-code lock. */
    public static final String REVIEW_HOLDS = "review-holds";
    /** Cancelling and replacing cards, adjusting balances, issuing and activating cards. */
    public static final String MANAGE_VALUE = "manage-value";
    /**
     * The audit log and the money checks. Finance reads the log with shoppers' emails and names masked (only who may
     * {@link #LOOK_UP} shoppers reads them).
     */
    public static final String READ_AUDIT = "read-audit";
    /** The webhook endpoints of the retailer's systems: adding, pausing, resuming, rotating secrets, sending again. */
    public static final String MANAGE_WEBHOOKS = "manage-webhooks";
    /** The liability statements: what the retailer owes, month by month, and their CSV. Read-only. */
    public static final String READ_FINANCE = "read-finance";
    /**
     * The till of the cashier's store: taking payments with pay codes, refunds there, activating cards sold there. Not
     * the back office's: only cashiers, whose sign-in names their store.
     */
    public static final String WORK_TILL = "work-till";

    static final Map<String, List<String>> GRANTED_BY = grants();

    private static Map<String, List<String>> grants() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        grants.put(WORK_CASES, List.of(SignedInShopper.SUPPORT, SignedInShopper.ADMIN));
        grants.put(LOOK_UP, List.of(SignedInShopper.SUPPORT, SignedInShopper.ADMIN));
        grants.put(REVIEW_HOLDS, List.of(SignedInShopper.SUPPORT, SignedInShopper.ADMIN));
        grants.put(MANAGE_VALUE, List.of(SignedInShopper.ADMIN));
        grants.put(READ_AUDIT, List.of(SignedInShopper.ADMIN, SignedInShopper.FINANCE));
        grants.put(READ_FINANCE, List.of(SignedInShopper.ADMIN, SignedInShopper.FINANCE));
        grants.put(MANAGE_WEBHOOKS, List.of(SignedInShopper.ADMIN));
        grants.put(WORK_TILL, List.of(SignedInShopper.CASHIER));
        return Map.copyOf(grants);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = identity.getRoles();
        List<String> permissions = GRANTED_BY.entrySet().stream()
                .filter(grant -> grant.getValue().stream().anyMatch(roles::contains))
                .map(Map.Entry::getKey).toList();
        if (permissions.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addPermissionsAsString(Set.copyOf(permissions)).build());
    }
}
