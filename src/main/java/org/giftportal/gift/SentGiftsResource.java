package org.giftportal.gift;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * "Gifts you sent": the gift cards a shopper bought for someone (at the store's checkout), with where each email is
 * and when; never a code, never whether or by whom it was redeemed. Only the shopper's own gifts.
 */
@Path("/gifts/sent")
@RolesAllowed(SignedInShopper.CUSTOMER)
public class SentGiftsResource {
    private static final int LISTED = 100;

    @Inject
    GiftDeliveries deliveries;

    @Inject
    SignedInShopper shopper;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    public record SentGift(String recipient, String email, String amount, String theme, String deliverAt,
            String state) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sent(List<SentGift> gifts);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance sent() {
        Account account = shopper.account();
        Region region = regions.orDefault(account.region);
        return Templates.sent(GiftDeliveries.sentOrBoughtBy(account.id, account.subject, LISTED).stream()
                .map(listed -> {
            Gift gift = listed.gift();
            Optional<OutboxMail> mail = listed.mail();
            return new SentGift(gift.recipientName, gift.recipientEmail, formats.money(Money.of(gift.amountMinor,
                    gift.currency), region), gift.theme.label(), formats.dateTime(gift.deliverAt, region),
                    state(mail, region));
        }).toList());
    }

    /** The email's state in a sender's words. */
    private String state(Optional<OutboxMail> mail, Region region) {
        return deliveries.inWords(mail, GiftDeliveries.Reader.SENDER, region);
    }
}
