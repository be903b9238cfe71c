package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ClaimCodeTest {

    @Test
    void generatedCodesLookLikeTheOnesOnCards() {
        String formatted = ClaimCode.generate().formatted();

        assertThat(formatted).matches("[0-9A-Z]{4}-[0-9A-Z]{6}-[0-9A-Z]{5}");
        assertThat(formatted).doesNotContain("O", "I", "L", "S", "B");
    }

    @Test
    void generatedCodesDontRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ClaimCode.generate().formatted())).isTrue();
        }
    }

    @RepeatedTest(20)
    void everySingleWrongCharacterIsCaughtBeforeAnyLookUp() {
        String code = ClaimCode.generate().formatted().replace("-", "");
        for (int position = 0; position < code.length(); position++) {
            for (char replacement : ClaimCode.ALPHABET.toCharArray()) {
                if (replacement == code.charAt(position)) {
                    continue;
                }
                String typo = code.substring(0, position) + replacement + code.substring(position + 1);
                assertThat(ClaimCode.parse(typo).problem()).as(typo).isEqualTo(ClaimCode.FormatProblem.CHECK_FAILED);
            }
        }
    }

    @RepeatedTest(20)
    void everySwapOfNeighboursIsCaught() {
        String code = ClaimCode.generate().formatted().replace("-", "");
        for (int i = 0; i + 1 < code.length(); i++) {
            if (code.charAt(i) == code.charAt(i + 1)) {
                continue;
            }
            String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
            assertThat(ClaimCode.parse(swapped).isValid()).as(swapped).isFalse();
        }
    }

    @Test
    void lookAlikesCaseSpacesAndDashesAreForgiven() {
        ClaimCode code = ClaimCode.fromBody("01580158015801");
        String sloppy = code.formatted().toLowerCase().replace('0', 'o').replace('1', 'l').replace('5', 's')
                .replace('8', 'b').replace("-", " - ");

        assertThat(ClaimCode.parse(sloppy).code()).isEqualTo(code);
        assertThat(ClaimCode.parse(code.formatted().replace('1', 'I')).code()).isEqualTo(code);
        assertThat(ClaimCode.parse(code.formatted().replace("-", "")).code()).isEqualTo(code);
    }

    @Test
    void inputThatCantBeACodeSaysWhy() {
        assertThat(ClaimCode.parse(null).problem()).isEqualTo(ClaimCode.FormatProblem.EMPTY);
        assertThat(ClaimCode.parse("   ").problem()).isEqualTo(ClaimCode.FormatProblem.EMPTY);
        assertThat(ClaimCode.parse("A".repeat(10_000)).problem()).isEqualTo(ClaimCode.FormatProblem.TOO_LONG);
        assertThat(ClaimCode.parse("ABCD-EFGH").problem()).isEqualTo(ClaimCode.FormatProblem.WRONG_LENGTH);
        assertThat(ClaimCode.parse("🎁🎁🎁").problem()).isEqualTo(ClaimCode.FormatProblem.WRONG_CHARACTERS);
        assertThat(ClaimCode.parse("' OR 1=1 --").problem()).isEqualTo(ClaimCode.FormatProblem.WRONG_CHARACTERS);
    }

    @Test
    void aCodeNeverPrintsItselfByAccident() {
        ClaimCode code = ClaimCode.generate();

        assertThat(code.toString()).doesNotContain(code.formatted()).doesNotContain(code.canonical())
                .endsWith(code.lastFour() + "]");
        assertThat(ClaimCode.masked(code.lastFour())).isEqualTo("••••-••••••-•" + code.lastFour());
    }
}
