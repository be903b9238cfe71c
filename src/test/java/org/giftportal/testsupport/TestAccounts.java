package org.giftportal.testsupport;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;
import org.giftportal.account.Account;

/** Accounts made straight in the database, for service-level tests that need many shoppers and no browser. */
public final class TestAccounts {
    private TestAccounts() {
    }

    public static Account create(String region, String currency) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = new Account();
            account.subject = "test-" + UUID.randomUUID();
            account.displayName = "Service Test";
            account.email = account.subject + "@example.test";
            account.region = region;
            account.currency = currency;
            account.createdAt = Instant.now();
            account.updatedAt = account.createdAt;
            account.persist();
            return account;
        });
    }

    public static Account reload(Account account) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(account.id));
    }
}
