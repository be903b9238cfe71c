package org.giftportal.account;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every page is rendered in its request's language ({@link ShopperLanguage}): its messages, and the numbers, money and
 * dates formatted for it. A template rendered outside a request (a mail, on the outbox's threads) names its locale
 * itself; one that already has a locale keeps it.
 */
@Singleton
class PageLanguage {

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
