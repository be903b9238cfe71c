package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.giftportal.site.PortalConfig;

/** The keyed hash under which a claim code is stored and found: HMAC-SHA256 with the server's secret. */
public final class ClaimCodeHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_LENGTH = 32;
    private final SecretKeySpec key;

    private ClaimCodeHasher(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("portal.claim-codes.secret (CLAIM_CODE_SECRET) must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A hasher for the given secret; the portal's own comes from configuration (see {@link Producer}). */
    public static ClaimCodeHasher withSecret(String secret) {
        return new ClaimCodeHasher(secret);
    }

    public byte[] hash(ClaimCode code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(code.canonical().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /**
     * The keyed hash of another of the portal's short secrets (a pay code), under its own label, so that no value of
     * one kind ever hashes like a claim code.
     */
    public byte[] hash(String label, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((label + ":" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    @ApplicationScoped
    static class Producer {
        @Produces
        @Singleton
        ClaimCodeHasher hasher(PortalConfig config) {
            return new ClaimCodeHasher(config.claimCodes().secret().orElse(null));
        }
    }
}
