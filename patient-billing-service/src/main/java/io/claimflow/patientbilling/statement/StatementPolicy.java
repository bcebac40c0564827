package io.claimflow.patientbilling.statement;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;

/**
 * When statements go out and what they ask for.
 *
 * @param minDaysBetweenStatements never a statement to the same account more often than this
 * @param minimumBalance no statement for a balance below this (still owed, carried to the next cycle)
 * @param dueInDays the due date is the statement date plus this
 * @param minimumPaymentFloor the minimum due is at least this (or the whole balance, when smaller)
 * @param minimumPaymentPercent the minimum due is at least this percentage of the balance, rounded up to the cent
 * @param smallBalanceWriteOff a balance below this is written off instead of billed (zero: never)
 */
public record StatementPolicy(
        int minDaysBetweenStatements,
        BigDecimal minimumBalance,
        int dueInDays,
        BigDecimal minimumPaymentFloor,
        int minimumPaymentPercent,
        BigDecimal smallBalanceWriteOff) {

    public StatementPolicy {
        minimumBalance = Money.of(minimumBalance);
        smallBalanceWriteOff = Money.of(smallBalanceWriteOff);
        if (smallBalanceWriteOff.compareTo(minimumBalance) > 0) {
            throw new IllegalArgumentException(
                    "the small-balance write-off cannot exceed the minimum statement balance");
        }
        minimumPaymentFloor = Money.of(minimumPaymentFloor);
        if (minDaysBetweenStatements < 0 || dueInDays < 0 || minimumPaymentPercent < 0 || minimumPaymentPercent > 100) {
            throw new IllegalArgumentException("statement policy out of range");
        }
    }
}
