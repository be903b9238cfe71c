package org.giftportal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htmlunit.html.HtmlPage;

/** Ordering an e-gift in the back office, as an admin does: the form, its check, its confirmation. */
public final class GiftForms {
    private GiftForms() {
    }

    /** One gift typed in the form and checked (nothing issued yet); its order's reference. */
    public static HtmlPage checked(Browser admin, String recipient, String amount, String deliverAt, String message)
            throws Exception {
        HtmlPage form = admin.open("/backoffice/gifts/new");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("region", "US");
        fields.put("amount", amount);
        fields.put("recipientName", "Rosa Diaz");
        fields.put("recipientEmail", recipient);
        fields.put("senderName", "Team Brightleaf");
        fields.put("message", message);
        fields.put("deliverAt", deliverAt);
        fields.put("zone", "America/New_York");
        HtmlPage checked = Forms.send(form, "/backoffice/gifts/new", fields);
        assertThat(checked.asNormalizedText()).as(checked.asNormalizedText()).contains("Every line is fine: confirm")
                .as("the one gift, as the recipient will get it").contains("Rosa Diaz, " + recipient)
                .contains("Team Brightleaf").contains(message.isEmpty() ? "none" : message.lines().findFirst().orElseThrow())
                .contains("With the gift form").doesNotContain("From: form");
        assertThat(Database.number("SELECT COUNT(*) FROM gift_card WHERE batch_reference = ?", reference(checked)))
                .as("nothing issued before it is confirmed").isZero();
        return checked;
    }

    /** The same, confirmed (within the admin's limits: issued once that commits); its order's reference. */
    public static String order(Browser admin, String recipient, String amount, String deliverAt, String message)
            throws Exception {
        HtmlPage checked = checked(admin, recipient, amount, deliverAt, message);
        String reference = reference(checked);
        HtmlPage confirmed = Forms.send(checked, "/confirm", Map.of("reason", "Customer birthday programme."));
        assertThat(confirmed.getUrl().getPath()).isEqualTo("/backoffice/gifts/orders/" + reference);
        return reference;
    }

    public static String reference(HtmlPage orderPage) {
        return orderPage.getUrl().getPath().substring("/backoffice/gifts/orders/".length());
    }

    public static void awaitIssued(String reference) throws Exception {
        Await.until("order " + reference + " issued", Duration.ofSeconds(20), () -> "ISSUED".equals(Database.text(
                "SELECT status FROM gift_order WHERE reference = ?", reference)));
    }
}
