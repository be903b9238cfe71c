package org.giftportal.card;

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
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/** The email with a replacement card's code, to the shopper on the case: queued with the replacement, sent after. */
@ApplicationScoped
class ReplacementMail implements MailRenderer {
    private final MailOutbox outbox;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;

    ReplacementMail(MailOutbox outbox, Regions regions, RegionFormats formats, SiteInfo site) {
        this.outbox = outbox;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
    }

    /** What a replacement mail says, formatted for the shopper's region. */
    record Replacement(String displayName, String caseReference, String oldCard, String code, String value,
            String regionName, String expires, String brandName, String storeUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance replacement(Replacement mail);
    }

    /** In the transaction that replaced the card: the code waits, encrypted, for its email. */
    void onReplaced(@Observes CardReplaced replaced) {
        outbox.queueWithCode(OutboxMail.to(replaced.shopperAccountId(), OutboxMail.Kind.REPLACEMENT)
                .aboutCard(replaced.replacement().card().id).aboutCase(null, replaced.caseReference()),
                replaced.replacement().code().canonical());
    }

    /** A taken card's value given back as a new card goes out in the same mail: a card in place of one they lost. */
    void onReissued(@Observes CardReissued reissued) {
        outbox.queueWithCode(OutboxMail.to(reissued.shopperAccountId(), OutboxMail.Kind.REPLACEMENT)
                .aboutCard(reissued.reissue().card().id).aboutCase(null, reissued.caseReference()),
                reissued.reissue().code().canonical());
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.REPLACEMENT);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> recipient,
            Optional<String> code) {
        Account to = recipient.orElseThrow();
        GiftCard card = GiftCard.findById(mail.giftCardId);
        Region region = regions.orDefault(card.region);
        String oldCard = card.replacesCardId == null ? null : GiftCard.<GiftCard>findByIdOptional(card.replacesCardId)
                .map(GiftCard::maskedCode).orElse(null);
        Replacement replacement = new Replacement(to.displayName, mail.caseReference, oldCard,
                ClaimCode.parse(code.orElseThrow()).code().formatted(), formats.money(Money.of(card.amountMinor, card.currency), region),
                region.name(), card.expiresAt == null ? null : formats.date(card.expiresAt, region), site.brandName(),
                region.storeUrl());
        return Optional.of(Templates.replacement(replacement)
                .subject("Your replacement " + site.brandName() + " gift card"));
    }
}
