package org.giftportal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.giftportal.card.ClaimCode;
import org.junit.jupiter.api.Test;

/** A code waiting for its email is unreadable without the key, and bound to its card. */
class CodeCipherTest {
    private final CodeCipher cipher = new CodeCipher("a-test-key-of-at-least-thirty-two-characters");

    @Test
    void aCodeComesBackOnlyForItsOwnCardAndUnderItsOwnKey() {
        String code = ClaimCode.generate().canonical();
        byte[] stored = cipher.seal(code, 42);

        assertThat(cipher.open(stored, 42)).isEqualTo(code);
        assertThatThrownBy(() -> cipher.open(stored, 43)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CodeCipher("another-key-of-at-least-thirty-two-characters").open(stored, 42))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(code);
    }

    @Test
    void theSameCodeEncryptsDifferentlyEachTime() {
        String code = ClaimCode.generate().canonical();

        assertThat(cipher.seal(code, 7)).isNotEqualTo(cipher.seal(code, 7));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new CodeCipher("short")).hasMessageContaining("CODE_MAIL_KEY");
    }
}
