package org.giftportal.support;

import java.util.Arrays;
import java.util.Optional;

/**
 * The files a case accepts, recognised by their first bytes, never by their name or the type the browser claims:
 * a renamed program is not a PNG.
 */
public enum AttachmentType {
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'});

    private final String mediaType;
    private final byte[] signature;

    AttachmentType(String mediaType, byte[] signature) {
        this.mediaType = mediaType;
        this.signature = signature;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<AttachmentType> sniff(byte[] content) {
        for (AttachmentType type : values()) {
            if (content.length >= type.signature.length
                    && Arrays.equals(content, 0, type.signature.length, type.signature, 0, type.signature.length)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
