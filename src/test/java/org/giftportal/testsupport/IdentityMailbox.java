package org.giftportal.testsupport;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import org.giftportal.stack.IdentityMail;
import org.giftportal.stack.TestStackProperties;

/** Reads the mails Keycloak sent (email verification, password reset) from the test stack's SMTP server, by IMAP. */
public final class IdentityMailbox {
    private IdentityMailbox() {
    }

    /** The newest mail to that address whose subject contains the words, waited for. */
    public static IdentityMail.Received awaitNewest(String to, String subjectContains) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int port = TestStackProperties.identityMailImapPort();
        while (Instant.now().isBefore(deadline)) {
            // GreenMail makes an account for each address it receives mail for, its password the address.
            try (Store store = Session.getInstance(new java.util.Properties()).getStore("imap")) {
                store.connect("127.0.0.1", port, to, to);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                for (int i = messages.length - 1; i >= 0; i--) {
                    IdentityMail.Received mail = IdentityMail.read(messages[i]);
                    if (mail.subject() != null && mail.subject().contains(subjectContains)) {
                        return mail;
                    }
                }
            } catch (jakarta.mail.MessagingException notYet) {
                // no account for the address until its first mail arrives
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No mail '" + subjectContains + "' to " + to + " within 20 s");
    }
}
