package org.giftportal.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.giftportal.ops.SecretBox;
import org.giftportal.site.PortalConfig;

/** The endpoints' signing secrets, encrypted at rest under portal.webhooks.key and bound to their endpoint. */
@Singleton
public class WebhookSecrets {
    /** What the key is derived for: fixed forever (changing it makes every stored secret unreadable). */
    public static final String LABEL = "gift-portal webhook secrets AES-256 key, version 1";
    private final SecretBox box;

    @Inject
    WebhookSecrets(PortalConfig config) {
        box = new SecretBox(config.webhooks().key().orElse(null), "portal.webhooks.key (WEBHOOK_SECRET_KEY)", LABEL);
    }

    byte[] seal(String secret, long endpointId) {
        return box.seal(secret, endpointId);
    }

    String open(byte[] stored, long endpointId) {
        return box.open(stored, endpointId);
    }
}
