package io.claimflow.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NPIs checked as CMS defines them: the Luhn check digit with the 80840 prefix, and the first digit 1 or 2. */
class NpiTest {

    @Test
    void theCmsExampleAndOtherValidNpisPass() {
        // CMS's worked example: 123456789 gives the check digit 3
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1847362914")).isTrue();
        assertThat(Npi.isValid("1000000004")).isTrue();
    }

    @Test
    void aWrongCheckDigitFails() {
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("1847362915")).isFalse();
    }

    @Test
    void aValidLuhnDigitStartingWith9FailsAsSyntheasNpisDo() {
        // 987654321 + its Luhn digit 3 passes the check digit alone; NPIs start with 1 or 2
        assertThat(Npi.isValid("9876543213")).isFalse();
        assertThat(Npi.isValid("9999942599")).isFalse();
    }

    @Test
    void wrongLengthsAndNonDigitsFail() {
        assertThat(Npi.isValid(null)).isFalse();
        assertThat(Npi.isValid("")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("12345678931")).isFalse();
        assertThat(Npi.isValid("12345678A3")).isFalse();
    }

    @Test
    void theCheckDigitIsAppended() {
        assertThat(Npi.withCheckDigit("123456789")).isEqualTo("1234567893");
        assertThatThrownBy(() -> Npi.withCheckDigit("987654321")).isInstanceOf(IllegalArgumentException.class);
    }
}
