package org.giftportal.gift;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.card.CardStatus;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.CodeCipher;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.redeem.CardRedeemed;
import org.giftportal.restrictions.RestrictedCategory;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;

/**
 * The recipient's email, written when it is sent from the gift and its card, with the code and link decrypted in
 * memory for that send only; and the short notice to an address a gift was corrected away from. A gift whose card was
 * redeemed or cancelled is never sent: its mail is void, and its code erased.
 */
@ApplicationScoped
class GiftMail implements MailRenderer {
    private final CodeCipher cipher;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;
    private final GiftLooks looks;

    GiftMail(CodeCipher cipher, Regions regions, RegionFormats formats, SiteInfo site, GiftLooks looks) {
        this.cipher = cipher;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
        this.looks = looks;
    }

    /** What the recipient's email says. */
    record GiftLetter(String recipientName, String senderName, String greeting, String message, String amount,
            String code, String link, String regionName, String storeUrl, String restrictionsUrl,
            List<String> restricted, String expires, String brandName, String colour, String supportEmail) {
    }

    /** The notice to the address a gift was meant for before an admin corrected it. */
    record AddressNotice(String senderName, String brandName, String supportEmail) {
    }

    /** The reminder that a gift's card expires soon: its masked number, value and date, never its code. */
    record ExpiryNotice(String recipientName, String senderName, String maskedNumber, String amount, String expires,
            String signInUrl, String brandName, String supportEmail) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance gift(GiftLetter gift);

        static native MailTemplateInstance addressChanged(AddressNotice notice);

        static native MailTemplateInstance expiresSoon(ExpiryNotice notice);
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.GIFT, OutboxMail.Kind.GIFT_ADDRESS_CHANGED, OutboxMail.Kind.EXPIRY_REMINDER);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> to, Optional<String> code) {
        Optional<Gift> found = Gift.findByIdOptional(mail.giftId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Gift gift = found.get();
        GiftCard card = GiftCard.findById(gift.giftCardId);
        Region region = regions.orDefault(card.region);
        if (mail.kind == OutboxMail.Kind.GIFT_ADDRESS_CHANGED) {
            return Optional.of(Templates.addressChanged(new AddressNotice(gift.senderName, site.brandName(),
                    region.support().email())).subject("About the " + site.brandName() + " gift card from "
                            + gift.senderName));
        }
        if (mail.kind == OutboxMail.Kind.EXPIRY_REMINDER) {
            // Redeemed, cancelled or blocked since it was queued: nothing to remind of.
            return card.status != CardStatus.ACTIVE || card.expiresAt == null ? Optional.empty()
                    : Optional.of(Templates.expiresSoon(new ExpiryNotice(gift.recipientName, gift.senderName,
                            card.maskedNumber(), formats.money(Money.of(card.amountMinor, card.currency), region),
                            formats.date(card.expiresAt, region), looks.publicUrl() + "/signin", site.brandName(),
                            region.support().email())).subject("Your " + site.brandName() + " gift card from "
                                    + gift.senderName + " expires on " + formats.date(card.expiresAt, region)));
        }
        if (card.status.isFinal() || !gift.mayBeSent()) {
            gift.eraseSecret();
            return Optional.empty();
        }
        if (!isCurrent(mail, gift)) {
            return Optional.empty();
        }
        if (card.status == CardStatus.BLOCKED) {
            throw new IllegalStateException("the card is blocked");
        }
        GiftSecret secret = GiftSecret.parse(cipher.open(gift.secretCipher, card.id));
        GiftLetter letter = new GiftLetter(gift.recipientName, gift.senderName, gift.theme.greeting(), gift.message,
                formats.money(Money.of(card.amountMinor, card.currency), region), secret.code().formatted(),
                looks.link(secret.token()), region.inSentence(), region.storeUrl(), looks.publicUrl() + "/restrictions",
                RestrictedCategory.forRegion(region.code()).stream().map(category -> category.name).toList(),
                card.expiresAt == null ? null : formats.date(card.expiresAt, region), site.brandName(),
                looks.colour(gift.theme), region.support().email());
        return Optional.of(Templates.gift(letter).subject(gift.senderName + " sent you a " + site.brandName()
                + " gift card"));
    }

    /**
     * Only the gift's latest mail, to the address the gift has now, carries its code: an older mail (retried, or sent
     * again by staff from the work waiting) after an admin corrected the address must never reach the old address.
     */
    private static boolean isCurrent(OutboxMail mail, Gift gift) {
        return mail.id.equals(gift.mailId) && mail.toEmail != null
                && mail.toEmail.equalsIgnoreCase(gift.recipientEmail);
    }

    /** A redeemed card's gift keeps no code and no link to send again. Other cards have no gift to look for. */
    void onRedeemed(@Observes CardRedeemed redeemed) {
        if (GiftOrder.issuedCard(redeemed.batchReference())) {
            Gift.ofCard(redeemed.cardId()).ifPresent(Gift::eraseSecret);
        }
    }
}
