package org.giftportal.webhook;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/**
 * Tells an endpoint's contact that the portal paused it: since when it has failed, the last answer, that its events
 * wait, and where to resume it. Written when sent, from the endpoint as it is then.
 */
@ApplicationScoped
class WebhookPausedMail implements MailRenderer {
    private final RegionFormats formats;
    private final Regions regions;
    private final SiteInfo site;
    private final String publicUrl;

    WebhookPausedMail(RegionFormats formats, Regions regions, SiteInfo site, PortalConfig config) {
        this.formats = formats;
        this.regions = regions;
        this.site = site;
        this.publicUrl = config.publicUrl().orElse("");
    }

    record Paused(String brandName, long endpointId, String url, String failingSince, String reason, long waiting,
            String endpointPage) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance paused(Paused paused);
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.WEBHOOK_PAUSED);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> to, Optional<String> code) {
        Optional<WebhookEndpoint> found = WebhookEndpoint.findByIdOptional(mail.webhookEndpointId);
        if (found.isEmpty() || !found.get().isPaused()) {
            return Optional.empty(); // resumed meanwhile: nothing to tell
        }
        WebhookEndpoint endpoint = found.get();
        long waiting = WebhookDelivery.count("endpointId = ?1 and status = ?2", endpoint.id,
                WebhookDelivery.Status.PENDING);
        String since = endpoint.failingSince == null ? "" : formats.dateTime(endpoint.failingSince,
                regions.defaultRegion());
        Paused paused = new Paused(site.brandName(), endpoint.id, endpoint.url, since, endpoint.pausedReason, waiting,
                publicUrl + "/backoffice/webhooks/" + endpoint.id);
        return Optional.of(Templates.paused(paused).subject(site.brandName() + ": webhook endpoint " + endpoint.id
                + " paused, its deliveries kept failing"));
    }
}
