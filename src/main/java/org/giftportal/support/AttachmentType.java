package org.giftportal.support;

import java.util.Arrays;
import java.util.Optional;

/**
 * The files a case accepts, recognised by their first bytes, never by their name or the type the browser claims:
 * a renamed program is not a PNG. A file is served under the extension of what it is.
 */
public enum AttachmentType {
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PDF("application/pdf", "pdf", new byte[] {'%', 'P', 'D', 'F', '-'});

    /** How many first bytes tell the types apart. */
    static final int SIGNATURE_BYTES = 8;

    private final String mediaType;
    private final String extension;
    private final byte[] signature;

    AttachmentType(String mediaType, String extension, byte[] signature) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.signature = signature;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The type of a file from its first bytes (at least {@link #SIGNATURE_BYTES} of them when it has that many). */
    public static Optional<AttachmentType> sniff(byte[] head) {
        for (AttachmentType type : values()) {
            if (head.length >= type.signature.length
                    && Arrays.equals(head, 0, type.signature.length, type.signature, 0, type.signature.length)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<AttachmentType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(mediaType)).findFirst();
    }
}
