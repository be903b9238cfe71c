package org.giftportal.audit;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log as someone reads it who may not look shoppers up (finance): every email address is cut to its first
 * letter, and the names of the shoppers the entries are about (their accounts') to initials. Staff's own names stay:
 * who did what is the point of the log.
 */
final class AuditMask {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    private static final AuditMask NONE = new AuditMask(List.of(), false);
    private final List<String> names;
    private final boolean masks;

    private AuditMask(List<String> names, boolean masks) {
        this.names = names;
        this.masks = masks;
    }

    static AuditMask none() {
        return NONE;
    }

    /** A mask for these entries: the display names of the accounts they are about. Needs a transaction. */
    static AuditMask forEntries(List<AuditEntry> entries) {
        List<Long> accounts = entries.stream().filter(entry -> entry.targetType == AuditEntry.TargetType.ACCOUNT
                && entry.targetId != null).map(entry -> entry.targetId).distinct().toList();
        @SuppressWarnings("unchecked")
        List<String> found = accounts.isEmpty() ? List.of() : AuditEntry.getEntityManager().createNativeQuery(
                "SELECT display_name FROM account WHERE id IN (?1)").setParameter(1, accounts).getResultList();
        List<String> names = found.stream().filter(name -> name != null && name.length() > 1).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new AuditMask(names, true);
    }

    String apply(String text) {
        if (!masks || text == null || text.isEmpty()) {
            return text;
        }
        Matcher email = EMAIL.matcher(text);
        String masked = email.replaceAll(found -> Matcher.quoteReplacement(found.group().charAt(0) + "•••@•••"));
        for (String name : names) {
            masked = masked.replace(name, initials(name));
        }
        return masked;
    }

    private static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                initials.append(part.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append)).append(". ");
            }
        }
        return initials.toString().trim();
    }
}
