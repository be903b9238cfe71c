package org.giftportal.support;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.giftportal.site.SiteInfo;
import org.jboss.logging.Logger;

/** Confirms a new case by email once it is stored. */
@ApplicationScoped
class SupportMail {
    private static final Logger LOG = Logger.getLogger(SupportMail.class);
    private final SiteInfo site;

    SupportMail(SiteInfo site) {
        this.site = site;
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance caseOpened(CaseOpened opened, String brandName);
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseOpened event) {
        if (event.email() == null || event.email().isBlank()) {
            return;
        }
        Templates.caseOpened(event, site.brandName())
                .to(event.email())
                .subject("We've received your request " + event.reference())
                .send()
                .subscribe().with(
                        sent -> LOG.debugf("Case confirmation sent for %s", event.reference()),
                        failure -> LOG.warnf("Case confirmation for %s could not be sent: %s", event.reference(),
                                failure.getMessage()));
    }
}
