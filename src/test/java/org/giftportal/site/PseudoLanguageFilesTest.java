package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.Message;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pseudo-languages' message files are the English messages, each wrapped in ⟦ ⟧, its letters accented and about
 * 40 % longer, so a page in en-XA shows at a glance (and to {@code PseudoLanguagePagesTest}) every word that didn't
 * come from a message file, and a layout too tight for longer words. They are made from the bundles; after changing a
 * bundle, write them again with {@code ./mvnw test -Dtest=PseudoLanguageFilesTest -Dpseudo.write=true}.
 */
class PseudoLanguageFilesTest {
    static final String OPEN = "⟦";
    static final String CLOSE = "⟧";
    private static final Path FILES = Path.of("src", "main", "resources", "messages");
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ACCENTED = "áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ";

    @Test
    void thePseudoLanguageFilesAreTheBundlesMarkedAndLengthened() throws Exception {
        boolean write = Boolean.getBoolean("pseudo.write");
        for (Map.Entry<String, Class<?>> bundle : MessageFilesTest.BUNDLES.entrySet()) {
            String content = file(bundle.getValue());
            for (String language : new String[] {"en_XA", "ar_XB"}) {
                Path file = FILES.resolve(bundle.getKey() + "_" + language + ".properties");
                if (write) {
                    Files.writeString(file, content, StandardCharsets.UTF_8);
                }
                assertThat(file).as("%s: write it again with -Dpseudo.write=true", file).exists();
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("%s is up to date with its bundle:"
                        + " write it again with -Dpseudo.write=true", file).isEqualTo(content);
            }
        }
    }

    @Test
    void expressionsAreKeptAndOnlyWordsChange() {
        assertThat(pseudo("Hello, {name}")).isEqualTo("⟦Ĥéļļó, {name} ~~⟧");
        assertThat(pseudo("{brand} Gift Cards")).isEqualTo("⟦{brand} Ĝíƒţ Çáŕðš ~~~~⟧");
        assertThat(pseudo("Redeem a gift card")).isEqualTo("⟦Ŕéðééɱ á ĝíƒţ çáŕð ~~~~ ~~⟧");
    }

    private static String file(Class<?> bundle) {
        StringBuilder file = new StringBuilder("# Made by PseudoLanguageFilesTest from ").append(bundle.getName())
                .append(": do not edit.\n");
        Arrays.stream(bundle.getDeclaredMethods()).sorted(Comparator.comparing(Method::getName))
                .forEach(method -> file.append(method.getName()).append('=')
                        .append(pseudo(method.getAnnotation(Message.class).value())).append('\n'));
        return file.toString();
    }

    /** The message marked, its letters accented outside expressions, and padded by about 40 % of its letters. */
    static String pseudo(String message) {
        StringBuilder out = new StringBuilder(OPEN);
        int depth = 0;
        int letters = 0;
        for (char c : message.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            int plain = PLAIN.indexOf(c);
            if (depth == 0 && plain >= 0) {
                out.append(ACCENTED.charAt(plain));
                letters++;
            } else {
                out.append(c);
            }
        }
        // The padding comes as short words, as a longer language's would: a wall of one unbreakable run would
        // overflow any layout, which tells nothing.
        for (int padding = Math.round(letters * 0.4f); padding > 0; padding -= 4) {
            out.append(' ').append("~".repeat(Math.min(4, padding)));
        }
        return out.append(CLOSE).toString();
    }
}
