package org.giftportal.site;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundle;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.Locale;

/**
 * A message bundle in a given language, for words written from Java (a mail's subject): a bundle injected into a bean
 * would speak one language only. A language the bundle has no file for reads its default (English).
 */
public final class Bundles {
    private Bundles() {
    }

    public static <T> T in(Class<T> bundle, Locale language) {
        String tag = language.toLanguageTag();
        if (tag.equals(bundle.getAnnotation(MessageBundle.class).locale())) {
            return MessageBundles.get(bundle);
        }
        try {
            return MessageBundles.get(bundle, Localized.Literal.of(tag));
        } catch (RuntimeException noSuchLanguage) {
            return MessageBundles.get(bundle);
        }
    }
}
