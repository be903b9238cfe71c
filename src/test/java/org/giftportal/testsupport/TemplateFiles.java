package org.giftportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The portal's page templates, for checks that read every one of them. */
public final class TemplateFiles {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    private TemplateFiles() {
    }

    /** The templates (paths under templates/) whose text matches, leaving out those named. */
    public static List<String> matching(Predicate<String> html, Path... except) {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html"))
                    .filter(file -> Stream.of(except).noneMatch(file::endsWith))
                    .filter(file -> html.test(read(file)))
                    .map(file -> TEMPLATES.relativize(file).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
