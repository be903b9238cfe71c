package org.giftportal.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.giftportal.web.ErrorPages;
import org.jboss.logging.Logger;

/**
 * A case's file as a download: its bytes from the attachment store (or, for files from before the store, from the
 * database), served so a browser never runs it; or, when the store can't give them, a page that says so.
 */
@ApplicationScoped
public class CaseFiles {
    private static final Logger LOG = Logger.getLogger(CaseFiles.class);
    private final AttachmentStore store;

    CaseFiles(AttachmentStore store) {
        this.store = store;
    }

    /** Called in the transaction that found the file: bytes still in the database are read while it is open. */
    Response download(CaseAttachment file, String reference, boolean staff) {
        StreamingOutput bytes;
        if (file.storageKey == null) {
            byte[] inDatabase = file.content;
            bytes = output -> output.write(inDatabase);
        } else {
            InputStream in;
            try {
                in = store.open(file.storageKey);
            } catch (IOException e) {
                return unavailable(reference, file, staff, e);
            }
            bytes = output -> {
                try (in) {
                    in.transferTo(output);
                }
            };
        }
        return Response.ok(bytes, file.contentType)
                .header("Content-Length", file.sizeBytes)
                .header("Content-Disposition", "attachment; filename=\"" + file.downloadName() + "\"")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .build();
    }

    /**
     * A file listed on the case whose bytes the store can't give (removed, or its volume not mounted on this
     * instance): said so in words, to staff with what to check, never as a server error.
     */
    private static Response unavailable(String reference, CaseAttachment file, boolean staff, IOException e) {
        LOG.warnf("Attachment %d of case %s can't be read from the store: %s", file.id, reference, e.toString());
        int status = e instanceof NoSuchFileException ? 404 : 503;
        return ErrorPages.explained(status, "This file isn't available", staff
                ? "The file is listed on the case, but the attachment store can't give its contents on this"
                        + " instance. Check that the attachments volume is mounted on every instance; if the file"
                        + " is gone, ask the shopper to attach it again in a reply."
                : "The file is still listed on your case, but we can't open it right now. If we still need it,"
                        + " attach it again in a reply to your case.");
    }
}
