package org.giftportal.site;

import java.util.Currency;
import java.util.Locale;

/** A region the retailer sells in, resolved from configuration. */
public record Region(String code, String name, Currency currency, Locale locale, String storeUrl,
        PortalConfig.Support support) {
}
