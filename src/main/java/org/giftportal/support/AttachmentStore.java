package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import org.giftportal.site.PortalConfig;

/**
 * Where attachment bytes live: files in a directory that every portal instance mounts (a shared volume), not the
 * database that holds the ledger, so a flood of uploads can't fill the disk redemptions write to. Each file is written
 * to a temporary name and moved into place once complete and on disk, so a reader never sees half a file; its
 * database row is written after, and only then does anyone link to it.
 */
@ApplicationScoped
public class AttachmentStore {
    private final Path root;

    AttachmentStore(PortalConfig config) {
        this.root = Path.of(config.attachments().directory().orElseThrow(() -> new IllegalStateException(
                "portal.attachments.directory (ATTACHMENTS_DIR) is not set"))).toAbsolutePath().normalize();
    }

    /** A stored file: its key in the store, and what was found while copying it. */
    public record Stored(String key, AttachmentType type, long size, byte[] sha256) {
    }

    /**
     * Copies the file into the store, hashing it on the way, if it is one of the accepted types; empty if it isn't
     * (nothing is stored then). Only the first bytes are read before the type is known.
     */
    public Optional<Stored> store(Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] head = in.readNBytes(AttachmentType.SIGNATURE_BYTES);
            Optional<AttachmentType> type = AttachmentType.sniff(head);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(write(type.get(), head, in));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an attachment", e);
        }
    }

    /** The bytes of a stored file, for streaming it to whoever may read it. */
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    /** Stores bytes kept elsewhere so far (attachments from before the store existed). */
    Stored store(byte[] content) {
        AttachmentType type = AttachmentType.sniff(content).orElseThrow(() ->
                new IllegalArgumentException("Not an accepted attachment type"));
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            return write(type, new byte[0], in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an attachment", e);
        }
    }

    /** Removes a file whose row was never written (the case could not be opened after all). */
    public void discard(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            // An orphan file harms nobody: it is never linked to.
        }
    }

    private Stored write(AttachmentType type, byte[] head, InputStream rest) throws IOException {
        String key = newKey(type);
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        MessageDigest sha256 = sha256();
        sha256.update(head);
        long size;
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            out.write(head);
            size = head.length + new DigestInputStream(rest, sha256).transferTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new Stored(key, type, size, sha256.digest());
    }

    /** Two levels of folders from a random name, so no folder grows too large to list. */
    private static String newKey(AttachmentType type) {
        String name = UUID.randomUUID().toString().replace("-", "");
        return name.substring(0, 2) + "/" + name.substring(2, 4) + "/" + name + "." + type.extension();
    }

    private Path pathOf(String key) {
        if (!key.matches("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\\.[a-z]{3,4}")) {
            throw new IllegalArgumentException("Not a key of this store");
        }
        return root.resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
