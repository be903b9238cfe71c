package org.giftportal.site;

import java.util.Locale;
import java.util.Optional;

/**
 * The language of whoever reads what is being written now: a page's reader, while a request is served (the account
 * package knows it). {@link RegionFormats} writes numbers, money and dates in it, where the region speaks it.
 */
public interface ReadersLanguage {
    Optional<Locale> readerLanguage();
}
