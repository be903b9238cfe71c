package org.giftportal.site;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The configured regions, checked once at start-up so a typo in a currency or locale fails fast. */
@ApplicationScoped
public class Regions {
    private final Map<String, Region> byCode = new TreeMap<>();
    private final Region defaultRegion;

    private final Map<String, PortalConfig.RegionConfig> settings;

    Regions(PortalConfig config) {
        this.settings = config.regions();
        config.regions().forEach((code, region) -> byCode.put(code, new Region(code, region.name(),
                Currency.getInstance(region.currency()), Locale.forLanguageTag(region.locale()),
                ZoneId.of(region.timeZone()), region.storeUrl(), region.minDenomination(), region.maxDenomination(),
                region.cardValidity(), region.support(), region.nameInSentence().orElse(region.name()),
                Jurisdiction.of(region.jurisdiction()).orElseThrow(), region.dormantAfter(), languages(region))));
        defaultRegion = byCode.get(config.defaultRegion());
        if (defaultRegion == null) {
            throw new IllegalStateException("portal.default-region=" + config.defaultRegion()
                    + " is not one of the configured regions " + byCode.keySet());
        }
    }

    private static java.util.List<Locale> languages(PortalConfig.RegionConfig region) {
        java.util.List<String> tags = region.languages().filter(list -> !list.isEmpty())
                .orElse(java.util.List.of(Locale.forLanguageTag(region.locale()).getLanguage()));
        return tags.stream().map(String::strip).map(Locale::forLanguageTag).toList();
    }

    /** A configured region's own settings (its review rules, its scam warnings); refuses a code no region has. */
    public PortalConfig.RegionConfig settings(String code) {
        PortalConfig.RegionConfig found = settings.get(code);
        if (found == null) {
            throw new IllegalStateException("No region " + code);
        }
        return found;
    }

    public Optional<Region> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.trim().toUpperCase(Locale.ROOT)));
    }

    /** The region for a code from the identity provider, or the default region when it is missing or unknown. */
    public Region orDefault(String code) {
        return find(code).orElse(defaultRegion);
    }

    /**
     * The region whose facts a reader sees: a signed-in shopper's own region always; otherwise the one they chose,
     * or the default.
     */
    public Region forReader(String accountRegion, String requested) {
        if (accountRegion != null) {
            return orDefault(accountRegion);
        }
        return orDefault(requested);
    }

    /** A region that keeps balances in the currency (for formatting its amounts), or the default region. */
    public Region forCurrency(String currency) {
        return byCode.values().stream().filter(region -> region.currency().getCurrencyCode().equals(currency))
                .findFirst().orElse(defaultRegion);
    }

    public Region defaultRegion() {
        return defaultRegion;
    }

    public Collection<Region> all() {
        return byCode.values();
    }
}
