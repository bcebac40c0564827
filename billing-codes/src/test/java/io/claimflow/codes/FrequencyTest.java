package io.claimflow.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrequencyTest {

    @Test
    void theCodesOfClm053() {
        assertThat(Frequency.ORIGINAL.code()).isEqualTo("1");
        assertThat(Frequency.REPLACEMENT.code()).isEqualTo("7");
        assertThat(Frequency.VOID.code()).isEqualTo("8");
        assertThat(Frequency.ofCode("7")).isEqualTo(Frequency.REPLACEMENT);
        assertThatThrownBy(() -> Frequency.ofCode("2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1, 7, 8");
    }
}
