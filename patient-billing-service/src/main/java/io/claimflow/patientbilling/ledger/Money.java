package io.claimflow.patientbilling.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/** US dollar amounts: BigDecimal with scale 2, never a double. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {
    }

    /**
     * {@code amount} with scale 2.
     *
     * @throws IllegalArgumentException when it is null or has fractions of a cent
     */
    public static BigDecimal cents(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has fractions of a cent");
        }
    }

    /** Parses a dollar amount such as {@code "25.00"}. */
    public static BigDecimal of(String amount) {
        return cents(new BigDecimal(amount));
    }

    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(ZERO, BigDecimal::add);
    }

    public static boolean isZero(BigDecimal amount) {
        return amount.signum() == 0;
    }

    public static boolean isPositive(BigDecimal amount) {
        return amount.signum() > 0;
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
