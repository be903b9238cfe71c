package org.giftportal.pay;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.site.PortalConfig;

/**
 * Issues pay codes: twelve random digits (a cashier can type them; a scanner types them too), kept only as a keyed
 * hash, living for the configured lifetime, one at a time per account: a new code ends the one before.
 */
@ApplicationScoped
public class PayCodes {
    /** Twelve digits: a trillion codes, a handful alive at any moment, and a till that locks after a few misses. */
    static final int DIGITS = 12;
    private static final String LABEL = "pay-code";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClaimCodeHasher hasher;
    private final Clock clock;
    private final PortalConfig.PayCodes settings;

    PayCodes(ClaimCodeHasher hasher, Clock clock, PortalConfig config) {
        this.hasher = hasher;
        this.clock = clock;
        this.settings = config.payCodes();
    }

    /** A code just issued: its digits, to show once, and its row. */
    public record Issued(String digits, PayCode code) {
        /** "1234 5678 9012": grouped for reading aloud or typing. */
        public String grouped() {
            return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
        }
    }

    /** In the caller's transaction, with the account's row locked so two tabs don't both hold a live code. */
    public Issued issue(Account lockedAccount, Optional<Long> maxMinor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PayCode.update("expiresAt = ?1 where accountId = ?2 and usedAt is null and expiresAt > ?1", now,
                lockedAccount.id);
        String digits = digits();
        PayCode code = new PayCode();
        code.accountId = lockedAccount.id;
        code.codeHash = hash(digits);
        code.maxMinor = maxMinor.orElse(null);
        code.createdAt = now;
        code.expiresAt = now.plus(settings.lifetime());
        code.persist();
        return new Issued(digits, code);
    }

    /** The code a cashier typed or scanned (spaces ignored), if it is one this portal issued. */
    public Optional<PayCode> find(String typed) {
        String digits = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return Optional.empty();
        }
        return PayCode.find("codeHash", (Object) hash(digits)).firstResultOptional();
    }

    byte[] hash(String digits) {
        return hasher.hash(LABEL, digits);
    }

    private static String digits() {
        StringBuilder digits = new StringBuilder(DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }
}
