package org.giftportal.delivery;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.giftportal.ops.SecretBox;
import org.giftportal.site.PortalConfig;

/**
 * Encrypts a claim code that waits for its email under a key of its own (derived from {@code portal.code-mail.key},
 * never the claim-code hash's), bound to the card's id, so a stored cipher can't be moved to another card. A leaked
 * database without the key reveals no code.
 */
@Singleton
public class CodeCipher {
    private final SecretBox box;

    @Inject
    CodeCipher(PortalConfig config) {
        this(config.codeMail().key().orElse(null));
    }

    CodeCipher(String secret) {
        box = new SecretBox(secret, "portal.code-mail.key (CODE_MAIL_KEY)",
                "gift-portal code-mail AES-256 key, version 1");
    }

    /** Encrypts a card's secret text (a code, or a gift's code and link token), bound to the card. */
    public byte[] seal(String secret, long cardId) {
        return box.seal(secret, cardId);
    }

    /** The text {@link #seal} encrypted for that card; an exception if anything about it was changed. */
    public String open(byte[] stored, long cardId) {
        return box.open(stored, cardId);
    }
}
