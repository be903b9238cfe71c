package org.giftportal.gift;

import org.giftportal.card.ClaimCode;

/** What a gift's email needs and the portal otherwise never keeps: its card's code and its link's token. */
record GiftSecret(ClaimCode code, String token) {

    /** The text that is encrypted: the code, a space, the token (neither holds a space). */
    static String of(ClaimCode code, String token) {
        return code.canonical() + " " + token;
    }

    static GiftSecret parse(String text) {
        int space = text.indexOf(' ');
        ClaimCode.Parsed code = ClaimCode.parse(space < 0 ? "" : text.substring(0, space));
        if (!code.isValid()) {
            throw new IllegalStateException("A gift's stored secret is not a code and a token");
        }
        return new GiftSecret(code.code(), text.substring(space + 1));
    }
}
