package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Matching a browser's languages, writing direction, a language's own name, and plural forms per language. */
class LanguagesTest {
    private static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"),
            Locale.forLanguageTag("hi"));

    @Test
    void aBrowsersLanguagesAreMatchedAmongThoseThePortalSpeaks() {
        assertThat(Languages.fromAcceptLanguage("hi-IN,hi;q=0.9,en;q=0.8", SPOKEN)).contains(Locale.forLanguageTag("hi"));
        assertThat(Languages.fromAcceptLanguage("es-MX,es;q=0.9", SPOKEN)).contains(Locale.forLanguageTag("es"));
        assertThat(Languages.fromAcceptLanguage("fr-FR,de;q=0.5", SPOKEN)).isEmpty();
        assertThat(Languages.fromAcceptLanguage("fr-FR,en;q=0.5", SPOKEN)).contains(Locale.ENGLISH);
        assertThat(Languages.fromAcceptLanguage("garbage;;q=x", SPOKEN)).isEmpty();
        assertThat(Languages.fromAcceptLanguage(null, SPOKEN)).isEmpty();
    }

    @Test
    void rightToLeftLanguagesAreKnownSoOneCanBeAddedByConfigurationAlone() {
        assertThat(Languages.direction(Locale.forLanguageTag("ar"))).isEqualTo("rtl");
        assertThat(Languages.direction(Locale.forLanguageTag("he"))).isEqualTo("rtl");
        assertThat(Languages.direction(Locale.forLanguageTag("hi"))).isEqualTo("ltr");
        assertThat(Languages.direction(Locale.ENGLISH)).isEqualTo("ltr");
    }

    @Test
    void aSwitcherNamesEachLanguageInItself() {
        assertThat(Languages.autonym(Locale.ENGLISH)).isEqualTo("English");
        assertThat(Languages.autonym(Locale.forLanguageTag("es"))).isEqualTo("Español");
        assertThat(Languages.autonym(Locale.forLanguageTag("hi"))).isEqualTo("हिन्दी");
    }

    @Test
    void countsTakeEachLanguagesPluralForms() {
        Locale hindi = Locale.forLanguageTag("hi");
        Locale spanish = Locale.forLanguageTag("es");
        assertThat(Plurals.of(1, Locale.ENGLISH)).isEqualTo("one");
        assertThat(Plurals.of(0, Locale.ENGLISH)).isEqualTo("other");
        assertThat(Plurals.of(0, hindi)).as("Hindi counts nought as one").isEqualTo("one");
        assertThat(Plurals.of(2, hindi)).isEqualTo("other");
        assertThat(Plurals.of(1, spanish)).isEqualTo("one");
        assertThat(Plurals.of(1_000_000, spanish)).as("Spanish's own form for millions").isEqualTo("many");
    }
}
