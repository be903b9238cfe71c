package org.giftportal.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every form reads what was typed the same way. */
class TypedTest {

    @Test
    void aFieldIsReadWithoutTheSpacesAroundItAndAMissingOneIsEmpty() {
        assertThat(Typed.text("  Rosa Diaz \n")).isEqualTo("Rosa Diaz");
        assertThat(Typed.text("\u2003wide space\u2003")).as("Unicode white space too").isEqualTo("wide space");
        assertThat(Typed.text(null)).isEmpty();
        assertThat(Typed.text("   ")).isEmpty();
    }
}
