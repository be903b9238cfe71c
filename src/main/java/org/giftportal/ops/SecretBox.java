package org.giftportal.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps a secret text encrypted at rest: AES-256-GCM under a key derived from a configured secret and a label of its
 * own (so two uses never share a key), a random nonce each time, and the id of the row it belongs to as associated
 * data, so a stored cipher can't be moved to another row. A leaked database without the key reveals nothing.
 */
public final class SecretBox {
    private static final int MIN_SECRET_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final String what;

    /**
     * @param setting how an operator names the secret ("portal.code-mail.key (CODE_MAIL_KEY)"), for the refusal
     * @param label what the key is for, fixed forever: changing it makes every stored cipher unreadable
     */
    public SecretBox(String secret, String setting, String label) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(setting + " must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(derive(secret, label), "AES");
        this.what = label;
    }

    /** The AES key: HMAC-SHA256 of the label under the configured secret (so the secret needn't be Base64). */
    private static byte[] derive(String secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Encrypts the text, bound to the row with this id. */
    public byte[] seal(String secret, long rowId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, rowId, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /** The text {@link #seal} encrypted for that row; an exception if anything about it was changed. */
    public String open(byte[] stored, long rowId) {
        byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, rowId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, long rowId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(rowId).array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret of row " + rowId + " (" + what + ") could not be "
                    + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
        }
    }
}
