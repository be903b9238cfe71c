package org.giftportal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The accessibility checker the page tests rely on finds real problems: a page with them doesn't pass. */
class AxeTest {

    @Test
    void aPageWithAnUnlabelledFieldAndAnImageWithoutTextFails() {
        try (Chromium chromium = Chromium.start(800, 600)) {
            chromium.driver().get("data:text/html,<html><body><main><input type=text><img src=x.png></main></body>"
                    + "</html>");

            assertThat(Axe.violations(chromium.driver())).anyMatch(v -> v.startsWith("label:"))
                    .anyMatch(v -> v.startsWith("image-alt:")).anyMatch(v -> v.startsWith("html-has-lang:"));
        }
    }
}
