package org.giftportal.redeem;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;
import org.jboss.logging.Logger;

/** The confirmation email of a redemption, sent once the redeeming transaction has committed. */
@ApplicationScoped
class RedemptionMail {
    private static final Logger LOG = Logger.getLogger(RedemptionMail.class);
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;

    private final MeterRegistry metrics;

    RedemptionMail(Regions regions, RegionFormats formats, SiteInfo site, MeterRegistry metrics) {
        this.metrics = metrics;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
    }

    /** What the email says, formatted for the shopper's region. */
    record Confirmation(String displayName, String amount, String maskedCode, String balance, String redeemedAt,
            String brandName, String storeUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance redeemed(Confirmation confirmation);
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) CardRedeemed event) {
        if (event.email() == null || event.email().isBlank()) {
            return;
        }
        Region region = regions.orDefault(event.region());
        Confirmation confirmation = new Confirmation(event.displayName(), formats.money(event.amount(), region),
                event.maskedCode(), formats.money(event.balanceAfter(), region),
                formats.dateTime(event.redeemedAt(), region), site.brandName(), region.storeUrl());
        Templates.redeemed(confirmation)
                .to(event.email())
                .subject("You added " + confirmation.amount() + " to your " + site.brandName() + " balance")
                .send()
                .subscribe().with(
                        sent -> metrics.counter("portal.emails", "mail", "redemption", "outcome", "sent").increment(),
                        failure -> {
                            metrics.counter("portal.emails", "mail", "redemption", "outcome", "failed").increment();
                            LOG.warnf("Redemption confirmation could not be sent: %s", failure.getMessage());
                        });
    }
}
