package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No page reloads itself: a timed refresh moves focus and the reading position away from someone using a screen
 * reader or reading slowly (WCAG 2.2.1). A page whose facts change offers a link to look again instead.
 */
class SelfRefreshTest {

    @Test
    void noTemplateRefreshesItsPage() throws IOException {
        Path templates = Path.of("src/main/resources/templates");
        List<String> refreshing;
        try (Stream<Path> files = Files.walk(templates)) {
            refreshing = files.filter(file -> file.toString().endsWith(".html"))
                    .filter(SelfRefreshTest::refreshesItself)
                    .map(file -> templates.relativize(file).toString())
                    .toList();
        }

        assertThat(refreshing).as("templates with a meta refresh").isEmpty();
    }

    private static boolean refreshesItself(Path template) {
        try {
            return Files.readString(template).toLowerCase(Locale.ROOT).replace(" ", "").contains("http-equiv=\"refresh\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
