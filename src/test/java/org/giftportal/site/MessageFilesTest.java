package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.MessageBundle;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A language file missing a key would fall back to English at run time, unnoticed: here every language the portal ships
 * has every key of every message bundle, and no key the bundle doesn't have.
 */
class MessageFilesTest {
    /** Every message bundle, by the name its files start with. A new bundle is added here. */
    static final Map<String, Class<?>> BUNDLES = Map.of("page", PageMessages.class, "home",
            org.giftportal.home.HomeMessages.class, "redeem", org.giftportal.redeem.RedeemMessages.class,
            "balance", org.giftportal.balance.BalanceMessages.class,
            "problem", org.giftportal.redeem.ProblemMessages.class);
    private static final List<String> SHIPPED = List.of("hi", "es");
    private static final Path FILES = Path.of("src", "main", "resources", "messages");

    @Test
    void everyShippedLanguageHasEveryKeyOfEveryBundle() throws Exception {
        for (Map.Entry<String, Class<?>> bundle : BUNDLES.entrySet()) {
            Set<String> keys = keys(bundle.getValue());
            for (String language : SHIPPED) {
                Path file = FILES.resolve(bundle.getKey() + "_" + language + ".properties");
                assertThat(file).as("the %s words in %s", bundle.getKey(), language).exists();
                assertThat(new TreeSet<>(read(file).stringPropertyNames())).as("the keys of %s", file)
                        .isEqualTo(keys);
                assertThat(read(file).values()).as("no empty message in %s", file)
                        .allSatisfy(value -> assertThat(value.toString()).isNotBlank());
            }
        }
    }

    @Test
    void everyMessageFileBelongsToABundleListedHere() throws Exception {
        try (Stream<Path> files = Files.list(FILES)) {
            assertThat(files.map(file -> file.getFileName().toString().replaceFirst("_.*", ""))
                    .collect(Collectors.toSet())).isSubsetOf(BUNDLES.keySet());
        }
        assertThat(BUNDLES.values()).allSatisfy(type -> assertThat(type.getAnnotation(MessageBundle.class)
                .value()).isIn(BUNDLES.keySet()));
    }

    private static Set<String> keys(Class<?> bundle) {
        return Arrays.stream(bundle.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Properties read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
