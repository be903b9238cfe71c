package org.giftportal.site;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * A count's plural form in the language being rendered, by the Unicode CLDR's rules (English and Spanish: "one" or
 * "other"; Hindi counts 0 and 1 as "one"). Messages choose their words with it:
 * {@code {#when count.pluralForm}{#is 'one'}{count} day{#else}{count} days{/when}}.
 */
@TemplateExtension
public final class Plurals {
    private Plurals() {
    }

    static String pluralForm(Number count, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return of(count, locale instanceof Locale language ? language : Locale.ENGLISH);
    }

    /** The same, from Java. */
    public static String of(Number count, Locale language) {
        return PluralRules.forLocale(ULocale.forLocale(language)).select(count.doubleValue());
    }
}
