package org.giftportal.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Staff actions in words, for the audit log's pages (its CSV keeps the keys, for machines). A two-person action's
 * key is its kind and its step ("issue.approve"); the rest name what was done ("card.block"). A key not known here
 * (an action added without words) is still shown, tidied, rather than hidden.
 */
public final class AuditActions {
    private static final Map<String, String> ACTIONS = new LinkedHashMap<>();
    private static final Map<String, String> KINDS = new LinkedHashMap<>();
    private static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        KINDS.put("adjustment", "Balance adjustment");
        KINDS.put("issue", "Issue cards");
        KINDS.put("activate", "Activate cards");
        KINDS.put("replace", "Replace a lost card");
        KINDS.put("gifts", "Send gift cards");
        KINDS.put("gift_address", "Correct a gift's address");
        KINDS.put("till_refund", "Refund at the till");
        KINDS.put("till_activation", "Card sold at the till");
        KINDS.put("clawback", "Take back a card's value");
        KINDS.put("reissue", "Reissue a card's value");
        KINDS.put("unfreeze", "Let a frozen account spend again");
        STEPS.put("done", "done");
        STEPS.put("request", "asked for a second person's approval");
        STEPS.put("approve", "approved");
        STEPS.put("reject", "turned down");
        STEPS.put("withdraw", "withdrawn");
        ACTIONS.put("card.block", "Block a card");
        ACTIONS.put("card.unblock", "Unblock a card");
        ACTIONS.put("card.cancel", "Cancel a card");
        ACTIONS.put("card.find-by-code", "Look a card up by its claim code");
        ACTIONS.put("card.send-code-again", "Send a card's code again");
        ACTIONS.put("case.assign", "Take a case");
        ACTIONS.put("case.reply", "Reply to a shopper");
        ACTIONS.put("case.note", "Internal note on a case");
        ACTIONS.put("case.resolve", "Resolve a case");
        ACTIONS.put("case.escalate", "Escalate a case");
        ACTIONS.put("account.lift-lock", "Lift a shopper's claim-code lock");
        ACTIONS.put("account.freeze", "Freeze an account");
        ACTIONS.put("account.unfreeze", "Unfreeze an account");
        ACTIONS.put("review.release", "Release a redemption held for review");
        ACTIONS.put("review.refuse", "Refuse a redemption held for review");
        ACTIONS.put("case.open-for-shopper", "Open a case for a shopper");
        ACTIONS.put("gift.resend", "Send a gift's email again");
        ACTIONS.put("mail.send-again", "Send an email again");
        ACTIONS.put("till-hold", "Hold a payment at the till");
        ACTIONS.put("till-payment", "Take a payment at the till");
        ACTIONS.put("till-cancel", "Cancel a payment at the till");
        ACTIONS.put("history.csv", "Download a shopper's history");
        ACTIONS.put("export.csv", "Download the audit log");
    }

    private AuditActions() {
    }

    /** The action in words: "Issue cards: approved", "Block a card". */
    public static String inWords(String key) {
        if (key == null) {
            return "";
        }
        String known = ACTIONS.get(key);
        if (known != null) {
            return known;
        }
        int dot = key.lastIndexOf('.');
        if (dot > 0 && KINDS.containsKey(key.substring(0, dot)) && STEPS.containsKey(key.substring(dot + 1))) {
            return KINDS.get(key.substring(0, dot)) + ": " + STEPS.get(key.substring(dot + 1));
        }
        String tidied = key.replace('.', ' ').replace('-', ' ').replace('_', ' ');
        return tidied.substring(0, 1).toUpperCase(Locale.ROOT) + tidied.substring(1);
    }

    /** Every action staff can filter the log by, in words: the key is a prefix of the actions it finds. */
    public static Map<String, String> choices() {
        Map<String, String> choices = new LinkedHashMap<>();
        KINDS.forEach((kind, words) -> choices.put(kind + ".", words + " (every step)"));
        choices.putAll(ACTIONS);
        return choices;
    }
}
