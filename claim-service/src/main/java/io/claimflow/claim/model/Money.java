package io.claimflow.claim.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/** US dollars to the cent. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    /** {@code amount} at scale 2; refuses amounts that are not whole cents rather than rounding them away. */
    public static BigDecimal of(BigDecimal amount) {
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount " + amount.toPlainString() + " is not in whole cents", e);
        }
    }

    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }
}
