package org.giftportal.support;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.micrometer.core.instrument.MeterRegistry;
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

    private final MeterRegistry metrics;

    SupportMail(SiteInfo site, MeterRegistry metrics) {
        this.metrics = metrics;
        this.site = site;
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance caseOpened(CaseOpened opened, String brandName);

        static native MailTemplateInstance caseAnswered(CaseAnswered answered, String brandName);
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
                        sent -> metrics.counter("portal.emails", "mail", "case-opened", "outcome", "sent").increment(),
                        failure -> {
                            metrics.counter("portal.emails", "mail", "case-opened", "outcome", "failed").increment();
                            LOG.warnf("Case confirmation for %s could not be sent: %s", event.reference(),
                                    failure.getMessage());
                        });
    }

    /** The team answered (or resolved) a case: the shopper reads the answer in the email and on the case page. */
    void answered(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseAnswered event) {
        if (event.email() == null || event.email().isBlank()) {
            return;
        }
        Templates.caseAnswered(event, site.brandName())
                .to(event.email())
                .subject((event.resolved() ? "Resolved: " : "We've replied to ") + "your request " + event.reference())
                .send()
                .subscribe().with(
                        sent -> metrics.counter("portal.emails", "mail", "case-answered", "outcome", "sent").increment(),
                        failure -> {
                            metrics.counter("portal.emails", "mail", "case-answered", "outcome", "failed").increment();
                            LOG.warnf("Answer to case %s could not be emailed: %s", event.reference(),
                                    failure.getMessage());
                        });
    }
}
