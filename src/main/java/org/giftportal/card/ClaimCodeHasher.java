package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.giftportal.site.PortalConfig;

/** The keyed hash under which a claim code is stored and found: HMAC-SHA256 with the server's secret. */
@ApplicationScoped
public class ClaimCodeHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_LENGTH = 32;
    private final SecretKeySpec key;

    ClaimCodeHasher(PortalConfig config) {
        String secret = config.claimCodes().secret();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("portal.claim-codes.secret (CLAIM_CODE_SECRET) must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
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
}
