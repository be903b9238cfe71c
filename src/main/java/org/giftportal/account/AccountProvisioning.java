package org.giftportal.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.giftportal.ops.Retries;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/**
 * Creates the account on a shopper's first sign-in and keeps name and email in step with the identity provider.
 * Two first requests of the same shopper may race: the insert ignores the duplicate key, so both end up reading
 * the one row.
 */
@ApplicationScoped
class AccountProvisioning {
    private final EntityManager em;
    private final Regions regions;
    private final Clock clock;
    private final Retries retries;
    /** How many shoppers' ids this instance keeps: about 100 bytes each. */
    private static final int REMEMBERED = 100_000;
    private final java.util.Map<String, Known> seen = new java.util.concurrent.ConcurrentHashMap<>();

    AccountProvisioning(EntityManager em, Regions regions, Clock clock, Retries retries) {
        this.em = em;
        this.regions = regions;
        this.clock = clock;
        this.retries = retries;
    }

    Account accountFor(ShopperProfile profile) {
        Account account = read(profile);
        remember(profile, account);
        return account;
    }

    private Account read(ShopperProfile profile) {
        // Nearly every request finds the account as the last one left it: a plain read, with no transaction of its
        // own to begin and commit. Only a new shopper or a changed name or email needs one.
        Optional<Account> current = retries.reading("find-account", () -> Account.findBySubject(profile.subject()));
        return current.isPresent() && current.get().hasProfile(profile.displayName(), profile.email(),
                profile.emailVerified()) ? current.get()
                : retries.inTransaction("provision-account", () -> Account.findBySubject(profile.subject())
                        .map(existing -> refreshed(existing, profile))
                        .orElseGet(() -> provisioned(profile)));
    }

    /**
     * The account's id and region with no read when this instance last saw the shopper with the same profile: neither
     * ever changes, and a changed name or email (a new profile) goes the long way, which brings the row up to date.
     */
    Known knownFor(ShopperProfile profile) {
        Known known = seen.get(profile.subject());
        return known != null && known.profile().equals(profile) ? known : remember(profile, read(profile));
    }

    private Known remember(ShopperProfile profile, Account account) {
        if (seen.size() >= REMEMBERED) {
            // Bounded: a full map starts again; the next request of each shopper reads their row once more.
            seen.clear();
        }
        Known known = new Known(profile, account.id, account.region);
        seen.put(profile.subject(), known);
        return known;
    }

    /** A shopper this instance has provisioned or read, as their sign-in described them then. */
    record Known(ShopperProfile profile, long accountId, String region) {
    }

    private Account refreshed(Account account, ShopperProfile profile) {
        account.refreshProfile(profile.displayName(), profile.email(), profile.emailVerified(), clock.instant());
        return account;
    }

    private Account provisioned(ShopperProfile profile) {
        Region region = regions.orDefault(profile.region());
        Instant now = clock.instant();
        em.createNativeQuery("""
                INSERT INTO account (subject, email, email_verified, display_name, region, currency, created_at,
                    updated_at)
                VALUES (?1, ?2, ?7, ?3, ?4, ?5, ?6, ?6)
                ON DUPLICATE KEY UPDATE subject = subject""")
                .setParameter(1, profile.subject())
                .setParameter(2, profile.email())
                .setParameter(3, profile.displayName())
                .setParameter(4, region.code())
                .setParameter(5, region.currency().getCurrencyCode())
                .setParameter(6, now)
                .setParameter(7, profile.emailVerified())
                .executeUpdate();
        return Account.findBySubject(profile.subject()).orElseThrow();
    }
}
