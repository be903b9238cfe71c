package org.giftportal.support;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.SiteInfo;

/**
 * The shopper's emails about their case: confirmed when opened, and each answer or resolution from the team. Queued in
 * the transaction that made them due, written from the case and its messages when sent.
 */
@ApplicationScoped
class SupportMail implements MailRenderer {
    private final MailOutbox outbox;
    private final SiteInfo site;

    SupportMail(MailOutbox outbox, SiteInfo site) {
        this.outbox = outbox;
        this.site = site;
    }

    /** What the confirmation says. */
    record Opened(String displayName, String reference, String topic, String cardNote) {
    }

    /** What an answer's email says. */
    record Answered(String displayName, String reference, String answer, boolean resolved) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance caseOpened(Opened opened, String brandName);

        static native MailTemplateInstance caseAnswered(Answered answered, String brandName);
    }

    void opened(@Observes CaseOpened opened) {
        queueFor(opened.accountId(), OutboxMail.to(opened.accountId(), OutboxMail.Kind.CASE_OPENED)
                .aboutCase(opened.caseId(), opened.reference()).aboutMessage(opened.cardNoteId()));
    }

    void answered(@Observes CaseAnswered answered) {
        queueFor(answered.accountId(), OutboxMail.to(answered.accountId(), answered.resolved()
                ? OutboxMail.Kind.CASE_RESOLVED : OutboxMail.Kind.CASE_ANSWERED)
                .aboutCase(answered.caseId(), answered.reference()).aboutMessage(answered.messageId()));
    }

    /** Only a shopper with a verified address is written to. */
    private void queueFor(long accountId, OutboxMail mail) {
        if (Account.<Account>findByIdOptional(accountId).flatMap(Account::verifiedEmail).isPresent()) {
            outbox.queue(mail);
        }
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.CASE_OPENED, OutboxMail.Kind.CASE_ANSWERED, OutboxMail.Kind.CASE_RESOLVED);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> recipient,
            Optional<String> code) {
        Account to = recipient.orElseThrow();
        Optional<SupportCase> supportCase = SupportCase.findByIdOptional(mail.supportCaseId);
        if (supportCase.isEmpty()) {
            return Optional.empty();
        }
        Optional<CaseMessage> message = mail.caseMessageId == null ? Optional.empty()
                : CaseMessage.findByIdOptional(mail.caseMessageId);
        String reference = supportCase.get().reference;
        if (mail.kind == OutboxMail.Kind.CASE_OPENED) {
            Opened opened = new Opened(to.displayName, reference, supportCase.get().topic.label(),
                    message.map(note -> note.body).orElse(null));
            return Optional.of(Templates.caseOpened(opened, site.brandName())
                    .subject("We've received your request " + reference));
        }
        boolean resolved = mail.kind == OutboxMail.Kind.CASE_RESOLVED;
        return message.map(answer -> Templates.caseAnswered(new Answered(to.displayName, reference, answer.body,
                resolved), site.brandName())
                .subject((resolved ? "Resolved: " : "We've replied to ") + "your request " + reference));
    }
}
