package io.claimflow.console.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A rate as its counts, so a page or a CSV can show both; {@link #percent()} is null when nothing was counted. */
public record Ratio(long numerator, long denominator) {

    /** Numerator over denominator in percent, one decimal, half up; null for 0/0. */
    public BigDecimal percent() {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }
}
