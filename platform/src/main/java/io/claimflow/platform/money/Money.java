package io.claimflow.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * US dollar amounts: {@link BigDecimal} at scale 2, never a double. Amounts that are not whole cents are refused rather
 * than rounded, because a rounded cent is a cent that no longer reconciles.
 */
public final class Money {

    /** Zero dollars at scale 2. */
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {}

    /**
     * {@code amount} at scale 2.
     *
     * @throws IllegalArgumentException when it is null or has fractions of a cent
     */
    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has fractions of a cent", e);
        }
    }

    /**
     * Parses a dollar amount such as {@code "25.00"}.
     *
     * @throws IllegalArgumentException when it is not a number or has fractions of a cent
     */
    public static BigDecimal of(String amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        try {
            return of(new BigDecimal(amount.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a number", e);
        }
    }

    /** The sum at scale 2; zero for no amounts. */
    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return of(amounts.stream().reduce(ZERO, BigDecimal::add));
    }

    public static boolean isZero(BigDecimal amount) {
        return amount.signum() == 0;
    }

    public static boolean isPositive(BigDecimal amount) {
        return amount.signum() > 0;
    }

    /** The smaller of two amounts (the first when equal). */
    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
