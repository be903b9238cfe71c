package org.giftportal.delivery;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.giftportal.site.PortalConfig;

/**
 * Encrypts a claim code that waits for its email: AES-256-GCM under a key of its own (derived from
 * {@code portal.code-mail.key}, never the claim-code hash's), a random nonce per code, and the card's id as associated
 * data, so a stored cipher can't be moved to another card. A leaked database without the key reveals no code.
 */
@Singleton
public class CodeCipher {
    private static final int MIN_SECRET_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    @Inject
    CodeCipher(PortalConfig config) {
        this(config.codeMail().key().orElse(null));
    }

    CodeCipher(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("portal.code-mail.key (CODE_MAIL_KEY) must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        key = new SecretKeySpec(derive(secret), "AES");
    }

    /** The AES key: HMAC-SHA256 of a fixed label under the configured secret (so the secret needn't be Base64). */
    private static byte[] derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("gift-portal code-mail AES-256 key, version 1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Encrypts a card's secret text (a code, or a gift's code and link token), bound to the card. */
    public byte[] seal(String secret, long cardId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, cardId, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /** The text {@link #seal} encrypted for that card; an exception if anything about it was changed. */
    public String open(byte[] stored, long cardId) {
        byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, cardId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, long cardId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(cardId).array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A code of card " + cardId + " could not be "
                    + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
        }
    }
}
