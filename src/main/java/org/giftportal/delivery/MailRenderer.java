package org.giftportal.delivery;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.card.ClaimCode;

/**
 * Writes the mails of some kinds when they are sent, from the rows they report on, so that the outbox holds
 * references and never a mail's text. Each feature renders its own mails (a bean per feature).
 */
public interface MailRenderer {

    Set<OutboxMail.Kind> kinds();

    /**
     * The mail with its subject, for the outbox to address to {@code to}'s verified email; empty when it must not be
     * sent any more (what it reports on is gone).
     *
     * @param code the claim code, decrypted in memory for this send only, for the kinds that carry one
     */
    Optional<MailTemplateInstance> render(OutboxMail mail, Account to, Optional<ClaimCode> code);
}
