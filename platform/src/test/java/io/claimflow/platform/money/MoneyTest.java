package io.claimflow.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsWholeCentsAtScaleTwo() {
        assertThat(Money.of(new BigDecimal("85.1"))).isEqualTo(new BigDecimal("85.10"));
        assertThat(Money.of("85.100")).isEqualTo(new BigDecimal("85.10"));
        assertThat(Money.of(BigDecimal.TEN).toPlainString()).isEqualTo("10.00");
    }

    @Test
    void refusesFractionsOfACentInsteadOfRoundingThem() {
        assertThatThrownBy(() -> Money.of("10.005"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fractions of a cent");
        assertThatThrownBy(() -> Money.of((BigDecimal) null)).hasMessage("amount is missing");
        assertThatThrownBy(() -> Money.of("ten")).hasMessage("amount is not a number");
    }

    @Test
    void sumsToTheCentWithoutADouble() {
        // 0.1 + 0.2 as doubles is 0.30000000000000004; as cents it is 0.30
        assertThat(Money.sum(List.of(Money.of("0.10"), Money.of("0.20")))).isEqualTo(new BigDecimal("0.30"));
        assertThat(Money.sum(List.of())).isEqualTo(Money.ZERO);
    }

    @Test
    void comparesBySignAndValue() {
        assertThat(Money.isZero(new BigDecimal("0.000"))).isTrue();
        assertThat(Money.isPositive(Money.of("0.01"))).isTrue();
        assertThat(Money.min(Money.of("5.00"), Money.of("4.99"))).isEqualTo(Money.of("4.99"));
    }
}
