package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stylesheets (the portal's and the sign-in theme's) say "start" and "end", never "left" and "right", so a
 * right-to-left language lays out by configuration alone: no physical margin, padding, border, position, float or text
 * alignment.
 */
class LogicalPropertiesTest {
    private static final Pattern PHYSICAL = Pattern.compile("(?<![\\w-])((margin|padding|border)-(left|right)"
            + "[\\w-]*|(left|right)|text-align|float)\\s*:\\s*([^;}]*)");

    @Test
    void noStylesheetUsesAPhysicalSide() throws Exception {
        List<String> physical = new ArrayList<>();
        List<Path> all;
        try (Stream<Path> portal = Files.walk(Path.of("src", "main", "resources", "META-INF", "resources"));
                Stream<Path> signIn = Files.walk(Path.of("src", "main", "keycloak", "themes"))) {
            all = Stream.concat(portal, signIn).filter(file -> file.toString().endsWith(".css")).toList();
        }
        for (Path sheet : all) {
            String css = Files.readString(sheet).replaceAll("(?s)/\\*.*?\\*/", "");
            Matcher declaration = PHYSICAL.matcher(css);
            while (declaration.find()) {
                boolean sideProperty = declaration.group(2) != null || declaration.group(4) != null;
                boolean sideValue = declaration.group(5).matches("\\s*(left|right)\\b.*");
                if (sideProperty || sideValue) {
                    physical.add(sheet.getFileName() + ": " + declaration.group().strip());
                }
            }
        }
        assertThat(physical).isEmpty();
    }
}
