package org.giftportal.pay;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/**
 * The retailer's shops whose cashiers use the till, from configuration, checked at start-up: each in a configured
 * region, in that region's currency (a shop takes payments from balances of its region only).
 */
@ApplicationScoped
public class Stores {
    private final Map<String, Store> byCode = new TreeMap<>();

    /**
     * A shop: its code (a cashier's {@code store} attribute), its name as receipts print it, its region, and whether
     * its cards are sold through a point-of-sale system of its own (whose receipt number each sale then carries).
     */
    public record Store(String code, String name, Region region, boolean pointOfSale) {
        public String currency() {
            return region.currency().getCurrencyCode();
        }
    }

    Stores(PortalConfig config, Regions regions) {
        config.stores().forEach((code, store) -> {
            Region region = regions.find(store.region()).orElseThrow(() -> new IllegalStateException("portal.stores."
                    + code + ".region=" + store.region() + " is not one of the configured regions"));
            if (!region.currency().getCurrencyCode().equals(store.currency())) {
                throw new IllegalStateException("portal.stores." + code + ".currency=" + store.currency()
                        + ": the store's region " + region.code() + " keeps balances in " + region.currency());
            }
            if (!code.matches("[A-Za-z0-9][A-Za-z0-9-]{0,39}") || store.name().isBlank()) {
                throw new IllegalStateException("portal.stores." + code + ": a code of letters, digits and dashes (up"
                        + " to 40) and a name are required");
            }
            byCode.put(code, new Store(code, store.name().strip(), region, store.pointOfSale()));
        });
    }

    /** Fails the start of a portal whose store list is wrong, not the first cashier's page. */
    void check(@Observes StartupEvent started) {
        byCode.size();
    }

    public Optional<Store> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip()));
    }

    public Collection<Store> all() {
        return byCode.values();
    }
}
