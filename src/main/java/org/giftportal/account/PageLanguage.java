package org.giftportal.account;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every page is rendered in its request's language ({@link ShopperLanguage}): its messages, and the numbers, money and
 * dates formatted for it. A template rendered outside a request (a mail, on the outbox's threads, or an error page
 * written before the request began) names its locale itself or reads the default; one that already has a locale keeps
 * it. Templates read the page's {@code lang}, {@code dir} and the footer's switcher as {@code inject:language}.
 */
@Singleton
@jakarta.inject.Named("language")
public class PageLanguage {
    private final org.giftportal.site.Languages languages;

    PageLanguage(org.giftportal.site.Languages languages) {
        this.languages = languages;
    }

    public String tag() {
        return current().map(ShopperLanguage::tag).orElseGet(() -> languages.defaultLanguage().toLanguageTag());
    }

    public String dir() {
        return current().map(ShopperLanguage::dir)
                .orElseGet(() -> org.giftportal.site.Languages.direction(languages.defaultLanguage()));
    }

    public java.util.List<ShopperLanguage.Choice> choices() {
        return current().map(ShopperLanguage::choices).orElse(java.util.List.of());
    }

    public boolean hasChoice() {
        return choices().size() > 1;
    }

    private static java.util.Optional<ShopperLanguage> current() {
        return Arc.container().requestContext().isActive()
                ? java.util.Optional.of(Arc.container().instance(ShopperLanguage.class).get())
                : java.util.Optional.empty();
    }

    void everyPageInItsLanguage(@Observes EngineBuilder engine) {
        engine.addTemplateInstanceInitializer(PageLanguage::inTheRequestsLanguage);
    }

    private static void inTheRequestsLanguage(TemplateInstance page) {
        if (page.getAttribute(TemplateInstance.LOCALE) != null || !Arc.container().requestContext().isActive()) {
            return;
        }
        page.setLocale(Arc.container().instance(ShopperLanguage.class).get().locale());
    }
}
