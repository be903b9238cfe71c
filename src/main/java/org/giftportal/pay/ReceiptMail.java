package org.giftportal.pay;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.giftportal.account.Account;
import org.giftportal.delivery.MailRenderer;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.ledger.Capture;
import org.giftportal.ledger.LedgerEntry;
import org.giftportal.ledger.Refund;
import org.giftportal.site.Region;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;
import org.giftportal.site.SiteInfo;


/** The shopper's receipts from a store's till, by email: a payment taken, a refund given back. */
@ApplicationScoped
class ReceiptMail implements MailRenderer {
    private final Receipts receipts;
    private final Regions regions;
    private final RegionFormats formats;
    private final SiteInfo site;

    ReceiptMail(Receipts receipts, Regions regions, RegionFormats formats, SiteInfo site) {
        this.receipts = receipts;
        this.regions = regions;
        this.formats = formats;
        this.site = site;
    }

    /** A refund's facts, in the shopper's formats. */
    record RefundNote(String amount, String storeName, String reference, String balance, String when) {
    }

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance receipt(String displayName, Receipts.Receipt receipt, String brandName);

        static native MailTemplateInstance refund(String displayName, RefundNote refund, String brandName);
    }

    @Override
    public Set<OutboxMail.Kind> kinds() {
        return Set.of(OutboxMail.Kind.TILL_RECEIPT, OutboxMail.Kind.TILL_REFUND);
    }

    @Override
    public Optional<MailTemplateInstance> render(OutboxMail mail, Optional<Account> recipient,
            Optional<String> code) {
        Account to = recipient.orElseThrow();
        if (mail.kind == OutboxMail.Kind.TILL_RECEIPT) {
            Receipts.Receipt receipt = receipts.of(Receipts.paymentOfPurchase(mail.ledgerEntryId).orElseThrow());
            return Optional.of(Templates.receipt(to.displayName, receipt, site.brandName())
                    .subject("Your receipt: " + receipt.taken() + " paid at " + receipt.storeName()));
        }
        LedgerEntry entry = LedgerEntry.findById(mail.ledgerEntryId);
        Refund refund = Refund.<Refund>find("ledgerEntryId", entry.id).firstResult();
        Capture capture = Capture.findById(refund.captureId);
        TillPayment payment = TillPayment.ofHold(capture.holdId).orElseThrow();
        Receipts.Receipt receipt = receipts.of(payment);
        Region region = regions.orDefault(to.region);
        RefundNote note = new RefundNote(formats.money(entry.amount(), region), receipt.storeName(),
                payment.reference, formats.money(entry.balanceAfter(), region), formats.dateTime(entry.createdAt,
                        region));
        return Optional.of(Templates.refund(to.displayName, note, site.brandName())
                .subject(note.amount() + " refunded to your " + site.brandName() + " balance"));
    }
}
