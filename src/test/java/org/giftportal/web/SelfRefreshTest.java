package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.giftportal.testsupport.TemplateFiles;
import org.junit.jupiter.api.Test;

/**
 * No page reloads itself: a timed refresh moves focus and the reading position away from someone using a screen
 * reader or reading slowly (WCAG 2.2.1). A page whose facts change offers a link to look again instead.
 */
class SelfRefreshTest {

    @Test
    void noTemplateRefreshesItsPage() {
        assertThat(TemplateFiles.matching(html -> html.toLowerCase(Locale.ROOT).replace(" ", "")
                .contains("http-equiv=\"refresh\""))).as("templates with a meta refresh").isEmpty();
    }
}
