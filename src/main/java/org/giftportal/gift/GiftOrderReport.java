package org.giftportal.gift;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.giftportal.card.GiftCard;
import org.giftportal.delivery.OutboxMail;
import org.giftportal.site.Money;
import org.giftportal.web.Csv;

/** An order's delivery report as a spreadsheet: every gift, its card and its delivery; codes masked. */
final class GiftOrderReport {
    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private GiftOrderReport() {
    }

    /** The CSV file's bytes (UTF-8), times in the sender's zone. Call in a transaction. */
    static byte[] csv(GiftOrder order) {
        ZoneId zone = ZoneId.of(order.senderZone);
        StringBuilder csv = new StringBuilder("line,card_number,claim_code,recipient_name,recipient_email,amount,"
                + "currency,deliver_at,time_zone,state,sent_at,problem\r\n");
        for (Object[] row : GiftDeliveries.giftsOfOrder(order.id)) {
            Gift gift = (Gift) row[0];
            Optional<OutboxMail> mail = Optional.ofNullable((OutboxMail) row[1]);
            Optional<GiftCard> card = Optional.ofNullable((GiftCard) row[2]);
            csv.append(String.join(",", Integer.toString(gift.lineNumber),
                    card.map(c -> c.cardNumber).orElse(""), card.map(GiftCard::maskedCode).orElse(""),
                    Csv.field(gift.recipientName), Csv.field(gift.recipientEmail),
                    Money.of(gift.amountMinor, gift.currency).decimal().toPlainString(), gift.currency,
                    LOCAL_TIME.format(gift.deliverAt.atZone(zone)), zone.getId(),
                    GiftDeliveries.stateOf(mail).key(),
                    mail.map(m -> m.sentAt).map(sent -> LOCAL_TIME.format(sent.atZone(zone))).orElse(""),
                    Csv.field(mail.map(m -> m.lastError).orElse("")))).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
