package io.kargotakip.core.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumbersTest {

    private final PhoneNumbers turkey = PhoneNumbers.turkey();

    @ParameterizedTest
    @ValueSource(strings = {"05321234567", "5321234567", "+90 532 123 45 67", "0090 532 123 4567", "(0532) 123-45-67",
            "+905321234567", "0532.123.45.67", "+90 (532) 123 45 67"})
    void everyCommonTurkishFormBecomesE164(String raw) {
        assertThat(turkey.normalize(raw)).isEqualTo(new PhoneNumbers.Result.Valid("+905321234567"));
    }

    @Test
    void aTurkishLandlineIsValid() {
        assertThat(turkey.normalize("(0212) 345 67 89")).isEqualTo(new PhoneNumbers.Result.Valid("+902123456789"));
    }

    @Test
    void aNumberWithItsCountryCodeKeepsItsCountry() {
        assertThat(turkey.normalize("+49 30 901820")).isEqualTo(new PhoneNumbers.Result.Valid("+4930901820"));
        assertThat(turkey.normalize("0049 30 901820")).isEqualTo(new PhoneNumbers.Result.Valid("+4930901820"));
    }

    @Test
    void tooShortTooLongAndNotANumberAreRefusedWithTheirReason() {
        assertThat(turkey.normalize("0532")).isEqualTo(new PhoneNumbers.Result.Invalid("is too short for a phone number"));
        assertThat(turkey.normalize("+9053212345678901")).isEqualTo(new PhoneNumbers.Result.Invalid("is too long for a phone number"));
        assertThat(turkey.normalize("yok")).isEqualTo(new PhoneNumbers.Result.Invalid("is not a phone number"));
        assertThat(turkey.normalize("0532-ABC-4567")).as("keypad letters are not read as digits")
                .isEqualTo(new PhoneNumbers.Result.Invalid("is not a phone number"));
        assertThat(turkey.normalize("")).isEqualTo(new PhoneNumbers.Result.Invalid("is not a phone number"));
        assertThat(turkey.normalize("+999 1234 5678")).isEqualTo(new PhoneNumbers.Result.Invalid("has an unknown country code"));
    }

    @Test
    void aNumberOfTheRightLengthThatNoTurkishOperatorUsesIsRefused() {
        assertThat(turkey.normalize("0100 123 45 67")).isInstanceOf(PhoneNumbers.Result.Invalid.class);
    }

    @Test
    void theDefaultRegionIsConfigurableAndMustBeKnown() {
        PhoneNumbers germany = new PhoneNumbers("de");
        assertThat(germany.region()).isEqualTo("DE");
        assertThat(germany.normalize("030 901820")).isEqualTo(new PhoneNumbers.Result.Valid("+4930901820"));
        assertThat(new PhoneNumbers(null).region()).isEqualTo("TR");
        assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("Türkiye")).withMessageContaining("region");
    }
}
