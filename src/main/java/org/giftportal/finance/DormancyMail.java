package org.giftportal.finance;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/** The reminder that a quiet balance will soon count as dormant, in plain words, with what keeps it active. */
@ApplicationScoped
class DormancyMail implements MailRenderer {
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;
    private final String publicUrl;

    DormancyMail(Regions regions, RegionFormats formats, SiteInfo site, PortalConfig config) {
        this.regions = regions;
        this.formats = formats;
        this.site = site;
        this.publicUrl = config.publicUrl().orElse("");
    }

    record Reminder(String displayName, String balance, String lastUsed, String dormantOn, String balanceUrl,
            String brandName, String supportEmail) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance reminder(Reminder reminder);
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.DORMANCY_REMINDER);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> to, Optional<String> code) {
        Account account = to.orElseThrow();
        if (account.balanceMinor == 0 || account.lastActivityAt == null) {
            return Optional.empty(); // spent meanwhile: nothing to remind of
        }
        Region region = regions.orDefault(account.region);
        java.time.Instant dormantOn = account.lastActivityAt.atZone(region.timeZone()).plus(region.dormantAfter())
                .toInstant();
        Reminder reminder = new Reminder(account.displayName,
                formats.money(Money.of(account.balanceMinor, account.currency), region),
                formats.date(account.lastActivityAt, region), formats.date(dormantOn, region),
                publicUrl + "/balance", site.brandName(), region.support().email());
        return Optional.of(Templates.reminder(reminder).subject("Your " + site.brandName()
                + " gift card balance of " + reminder.balance() + " is waiting for you"));
    }
}
