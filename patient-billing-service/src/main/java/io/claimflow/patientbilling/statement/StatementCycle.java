package io.claimflow.patientbilling.statement;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Whether an account gets a statement in a cycle, and the minimum it asks for. */
public final class StatementCycle {

    /** The outcome for one account. */
    public enum Decision {
        ISSUE,
        /** Nothing owed, or the patient has a credit: no statement. */
        ZERO_OR_CREDIT,
        /** Owed, but less than the small-balance write-off: written off, no statement. */
        WRITTEN_OFF,
        /** Owed, but less than the policy's minimum balance: carried to a later cycle. */
        BELOW_MINIMUM,
        /** The account had a statement less than the minimum number of days ago. */
        TOO_SOON
    }

    private StatementCycle() {}

    public static Decision decide(
            BigDecimal balance, LocalDate lastStatementDate, LocalDate asOf, StatementPolicy policy) {
        if (balance.signum() <= 0) {
            return Decision.ZERO_OR_CREDIT;
        }
        if (balance.compareTo(policy.smallBalanceWriteOff()) < 0) {
            return Decision.WRITTEN_OFF;
        }
        if (balance.compareTo(policy.minimumBalance()) < 0) {
            return Decision.BELOW_MINIMUM;
        }
        if (lastStatementDate != null
                && lastStatementDate.plusDays(policy.minDaysBetweenStatements()).isAfter(asOf)) {
            return Decision.TOO_SOON;
        }
        return Decision.ISSUE;
    }

    /**
     * The minimum due: what a payment plan asks for by the due date when the account has one, otherwise the larger of
     * the floor and the percentage of the balance (then at least a cent); never more than the balance.
     *
     * @param planDue what the active payment plan has due by the statement's due date, or null without a plan
     */
    public static BigDecimal minimumDue(BigDecimal balance, BigDecimal planDue, StatementPolicy policy) {
        BigDecimal minimum;
        if (planDue != null) {
            return Money.min(planDue, balance).max(Money.ZERO); // a plan that is up to date asks for nothing more
        } else {
            BigDecimal percent = balance.multiply(BigDecimal.valueOf(policy.minimumPaymentPercent()))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.UP);
            minimum = percent.max(policy.minimumPaymentFloor());
        }
        return Money.min(minimum, balance).max(new BigDecimal("0.01"));
    }
}
