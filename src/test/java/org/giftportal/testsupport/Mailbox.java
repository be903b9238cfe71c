package org.giftportal.testsupport;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waits for mail the portal sends after a transaction commits (it is sent asynchronously). */
public final class Mailbox {
    private Mailbox() {
    }

    /** The first mail to that address with that subject, waited for. */
    public static Mail awaitFirst(MockMailbox mailbox, String to, String subject) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = mailbox.getMailsSentTo(to);
            if (mails != null) {
                for (Mail mail : mails) {
                    if (subject.equals(mail.getSubject())) {
                        return mail;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email '" + subject + "' to " + to + " within 10 s");
    }

    public static Mail awaitFirst(MockMailbox mailbox, String to) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = mailbox.getMailsSentTo(to);
            if (mails != null && !mails.isEmpty()) {
                return mails.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email to " + to + " within 10 s");
    }
}
