package org.giftportal.redeem;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.MailOutbox;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/** The confirmation email of a redemption: queued in the redeeming transaction, sent once it has committed. */
@ApplicationScoped
class RedemptionMail implements MailRenderer {
    private final MailOutbox outbox;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;

    RedemptionMail(MailOutbox outbox, Regions regions, RegionFormats formats, SiteInfo site) {
        this.outbox = outbox;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
    }

    /** What the email says, formatted for the shopper's region. */
    record Confirmation(String displayName, String amount, String maskedCode, String balance, String redeemedAt,
            String brandName, String storeUrl, String language) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance redeemed(Confirmation confirmation);
    }

    /** Only a shopper with a verified address is written to. */
    void queue(@Observes CardRedeemed redeemed) {
        Account account = Account.findById(redeemed.accountId());
        if (account.verifiedEmail().isPresent()) {
            outbox.queue(OutboxMail.to(account.id, OutboxMail.Kind.REDEMPTION).aboutCard(redeemed.cardId())
                    .aboutLedgerEntry(redeemed.ledgerEntryId()));
        }
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.REDEMPTION);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> recipient,
            Optional<String> code) {
        Account to = recipient.orElseThrow();
        GiftCard card = GiftCard.findById(mail.giftCardId);
        LedgerEntry entry = LedgerEntry.findById(mail.ledgerEntryId);
        Region region = regions.orDefault(to.region);
        // In the shopper's language (the one they chose, if their region speaks it), formatted their region's way.
        java.util.Locale language = region.languageOf(to.language);
        Confirmation confirmation = new Confirmation(to.displayName, formats.money(entry.amount(), region, language),
                card.maskedCode(), formats.money(entry.balanceAfter(), region, language),
                formats.dateTime(entry.createdAt, region, language), site.brandName(), region.storeUrl(),
                language.toLanguageTag());
        RedeemMessages words = org.giftportal.site.Bundles.in(RedeemMessages.class, language);
        MailTemplateInstance written = Templates.redeemed(confirmation)
                .subject(words.mailSubject(confirmation.amount(), site.brandName()));
        written.setAttribute(io.quarkus.qute.TemplateInstance.LOCALE, region.formatsIn(language));
        return Optional.of(written);
    }
}
