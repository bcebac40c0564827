package io.claimflow.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DelayReasonTest {

    @Test
    void theCodesOfClm20InThe837P() {
        assertThat(Arrays.stream(DelayReason.values()).map(DelayReason::code))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "15");
        assertThat(DelayReason.ofCode("9")).contains(DelayReason.ORIGINAL_CLAIM_REJECTED_OR_DENIED);
        assertThat(DelayReason.ofCode("15").orElseThrow().description()).isEqualTo("Natural disaster");
        // 12-14 are not 837P codes; nothing that is not a code is one
        assertThat(DelayReason.ofCode("12")).isEmpty();
        assertThat(DelayReason.ofCode("01")).isEmpty();
        assertThat(DelayReason.ofCode(null)).isEmpty();
        assertThat(Arrays.stream(DelayReason.values()))
                .allSatisfy(r -> assertThat(r.description()).isNotBlank());
    }
}
