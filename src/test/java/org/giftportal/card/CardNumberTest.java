package org.giftportal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Card numbers: Luhn-checked, under a prefix no payment network uses, typed any way a person would. */
class CardNumberTest {

    @Test
    void generatedNumbersHaveSixteenDigitsThePrefixAndAValidCheckDigit() {
        for (int i = 0; i < 1000; i++) {
            CardNumber number = CardNumber.generate("9990");
            assertThat(number.digits()).hasSize(16).startsWith("9990");
            assertThat(CardNumber.parse(number.digits())).contains(number);
        }
    }

    @Test
    void everySingleWrongDigitIsCaught() {
        String digits = CardNumber.generate("9990").digits();
        for (int position = 0; position < 16; position++) {
            for (char other = '0'; other <= '9'; other++) {
                if (other != digits.charAt(position)) {
                    String typo = digits.substring(0, position) + other + digits.substring(position + 1);
                    assertThat(CardNumber.parse(typo)).as(typo).isEmpty();
                }
            }
        }
    }

    @Test
    void aNumberIsReadWithSpacesAndDashesAndShownInGroupsOfFour() {
        CardNumber number = CardNumber.parse("7992 7398 7130 0008").orElseThrow();

        assertThat(number.formatted()).isEqualTo("7992 7398 7130 0008");
        assertThat(CardNumber.parse("7992-7398-7130-0008")).contains(number);
        assertThat(CardNumber.parse("7992 7398 7130 000")).isEmpty();
        assertThat(CardNumber.parse("7992 7398 7130 000X")).isEmpty();
    }

    @Test
    void prefixesInThePaymentNetworksRangesAreRefused() {
        for (String network : new String[] {"4", "51", "2221", "34", "6011", "62"}) {
            assertThatThrownBy(() -> CardNumber.checkPrefix(network)).hasMessageContaining("payment card networks");
        }
        CardNumber.checkPrefix("9990");
        CardNumber.checkPrefix("7");
    }
}
