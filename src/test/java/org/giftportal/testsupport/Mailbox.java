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
            for (Mail mail : snapshot(mailbox, to)) {
                if (subject.equals(mail.getSubject())) {
                    return mail;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email '" + subject + "' to " + to + " within 10 s");
    }

    public static Mail awaitFirst(MockMailbox mailbox, String to) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = snapshot(mailbox, to);
            if (!mails.isEmpty()) {
                return mails.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email to " + to + " within 10 s");
    }

    /**
     * The mails to that address so far. The mock mailbox keeps them in a plain list that the sending thread appends
     * to while a test reads it: copied, and copied again if a mail arrived mid-copy.
     */
    private static List<Mail> snapshot(MockMailbox mailbox, String to) {
        while (true) {
            List<Mail> mails = mailbox.getMailsSentTo(to);
            if (mails == null) {
                return List.of();
            }
            try {
                List<Mail> copy = new java.util.ArrayList<>(mails);
                if (!copy.contains(null)) {
                    return copy;
                }
            } catch (java.util.ConcurrentModificationException | ArrayIndexOutOfBoundsException appended) {
                // a mail arrived while copying: copy again
            }
        }
    }
}
