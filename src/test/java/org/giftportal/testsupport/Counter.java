package org.giftportal.testsupport;

import java.util.Map;
import org.htmlunit.html.HtmlPage;

/** The counter, as its people use it: the shopper's phone shows a pay code, the cashier's till charges it. */
public final class Counter {
    private Counter() {
    }

    /** The digits the shopper's phone shows, with the maximum they typed (empty: none). */
    public static String payCode(Browser phone, String maximum) {
        HtmlPage shown = Forms.send(phone.open("/pay"), "/pay", Map.of("maximum", maximum));
        return shown.querySelector(".pay-digits").asNormalizedText();
    }

    /** The cashier's own till form, as typed and sent with the scanner's Enter. */
    public static HtmlPage charge(Browser till, String code, String amount) {
        return Forms.send(till.open("/till"), "/till/payments", Map.of("amount", amount, "code", code));
    }

    /** A payment of this amount (whole units) from the shopper's balance, held and taken: its page. */
    public static HtmlPage paid(Browser till, Browser phone, String amount) {
        return Forms.send(charge(till, payCode(phone, ""), amount), "/take", Map.of());
    }
}
