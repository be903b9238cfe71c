package org.giftportal.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SMTP server the local Keycloak sends its mails to (email verification, password reset): GreenMail on loopback,
 * accepting mail for any address. Tests read it over IMAP (their classes live in another class loader); the demo
 * copies each mail to a folder the portal's dev mailbox shows.
 */
public final class IdentityMail implements AutoCloseable {
    private final GreenMail server;

    /** A mail as read back: whom to, its subject, and its plain text. */
    public record Received(String to, String subject, String text, String html) {
    }

    private IdentityMail(GreenMail server) {
        this.server = server;
    }

    static IdentityMail start(int smtpPort, int imapPort) {
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
                new ServerSetup(imapPort, "127.0.0.1", "imap")});
        server.start();
        return new IdentityMail(server);
    }

    public int smtpPort() {
        return server.getSmtp().getPort();
    }

    public int imapPort() {
        return server.getImap().getPort();
    }

    /** Every mail received so far, oldest first. */
    public List<Received> received() {
        List<Received> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            mails.add(read(message));
        }
        return mails;
    }

    /** Reads a mail's recipients, subject and plain text (the text part of a multipart mail). */
    public static Received read(Message message) {
        try {
            Address[] to = message.getAllRecipients();
            String recipients = to == null ? "" : Arrays.stream(to).map(Address::toString)
                    .collect(Collectors.joining(", "));
            return new Received(recipients, message.getSubject(), part(message.getContent(), "text/plain"),
                    part(message.getContent(), "text/html"));
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    private static String part(Object content, String type) throws jakarta.mail.MessagingException, IOException {
        if (content instanceof String plain) {
            return "text/plain".equals(type) ? plain : "";
        }
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return String.valueOf(part.getContent());
                }
                if (part.isMimeType("multipart/*")) {
                    String nested = part(part.getContent(), type);
                    if (!nested.isEmpty()) {
                        return nested;
                    }
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop();
    }
}
