package org.giftportal.delivery;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;

/**
 * Writes the mails of some kinds when they are sent, from the rows they report on, so that the outbox holds
 * references and never a mail's text. Each feature renders its own mails (a bean per feature).
 */
public interface MailRenderer {

    Set<OutboxMail.Kind> kinds();

    /**
     * The mail with its subject, for the outbox to address (to {@code to}'s verified email, or to the address the mail
     * names when it has no account); empty when it must not be sent any more (what it reports on is gone or can't be
     * used). An exception is a failed attempt, tried again later.
     *
     * @param code the claim code, decrypted in memory for this send only, for the kinds that carry one
     */
    Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> to, Optional<String> code);
}
