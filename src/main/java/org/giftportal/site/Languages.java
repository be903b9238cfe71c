package org.giftportal.site;

import com.ibm.icu.util.ULocale;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The languages the portal speaks: every region's, the default region's first. A visitor who isn't signed in has no
 * region yet, so they are offered all of them and matched by their browser's Accept-Language.
 */
@ApplicationScoped
public class Languages {
    /** Pseudo-languages for tests: English marked and lengthened, and the same right to left. */
    public static final List<Locale> PSEUDO = List.of(Locale.forLanguageTag("en-XA"), Locale.forLanguageTag("ar-XB"));
    private final List<Locale> offered;
    private final Regions regions;
    private final boolean pseudo;

    Languages(Regions regions, PortalConfig config) {
        this.regions = regions;
        this.pseudo = config.pseudoLanguages();
        Map<String, Locale> all = new LinkedHashMap<>();
        regions.defaultRegion().languages().forEach(language -> all.putIfAbsent(language.toLanguageTag(), language));
        regions.all().forEach(region -> region.languages()
                .forEach(language -> all.putIfAbsent(language.toLanguageTag(), language)));
        this.offered = List.copyOf(all.values());
    }

    /** Every language some region speaks, the default region's first. */
    public List<Locale> offered() {
        return offered;
    }

    @jakarta.inject.Inject
    jakarta.enterprise.inject.Instance<ReadersLanguage> readers;

    /** The language of whoever reads what is written now: the page's, while a request is served; else the default. */
    public Locale readersLanguage() {
        return readersChoice().orElse(defaultLanguage());
    }

    /** The page reader's language, while a request is served (outside one, a mail's writer names its own). */
    public Optional<Locale> readersChoice() {
        if (readers == null || !readers.isResolvable()
                || !io.quarkus.arc.Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        return readers.get().readerLanguage();
    }

    /** What a visitor with nothing else to go on reads: the default region's first language. */
    public Locale defaultLanguage() {
        return offered.get(0);
    }

    /** The offered language with this tag ("hi", "es"), if there is one. */
    public Optional<Locale> byTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        return java.util.stream.Stream.concat(offered.stream(), pseudo ? PSEUDO.stream()
                : java.util.stream.Stream.empty())
                .filter(language -> language.toLanguageTag().equalsIgnoreCase(tag.strip())).findFirst();
    }

    /** Whether this is one of the tests' pseudo-languages (any region shows it, as it is). */
    public static boolean isPseudo(Locale language) {
        return PSEUDO.contains(language);
    }

    /** The best of {@code among} for a browser's Accept-Language header; empty when none fits. */
    public static Optional<Locale> fromAcceptLanguage(String header, List<Locale> among) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(header), among));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** How a page in this language runs: "rtl" for Arabic, Hebrew, Persian, Urdu and the like; else "ltr". */
    public static String direction(Locale language) {
        return ULocale.forLocale(language).isRightToLeft() ? "rtl" : "ltr";
    }

    /** The language's name in itself ("English", "हिन्दी", "Español"), as a switcher lists it. */
    public static String autonym(Locale language) {
        String name = language.getDisplayLanguage(language);
        return name.isEmpty() ? language.toLanguageTag() : name.substring(0, 1).toUpperCase(language)
                + name.substring(1);
    }

    /**
     * How numbers, money and dates are written in a language for a region's shopper ("hi" in India: hi-IN, with
     * lakh grouping); without a region, as the first region speaking the language writes them.
     */
    public Locale formats(Locale language, Optional<Region> region) {
        if (isPseudo(language)) {
            return language;
        }
        Optional<Region> where = region.or(() -> regions.all().stream().filter(each -> each.speaks(language))
                .findFirst());
        return where.map(found -> found.formatsIn(language)).orElse(language);
    }
}
