package io.claimflow.patientbilling.plan;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where a payment plan stands, from the patient payments received since it was set up: installments are covered in
 * order; one whose due date has passed without being covered is missed.
 */
public record PlanProgress(
        int installmentsCovered,
        BigDecimal paid,
        BigDecimal overdue,
        Optional<Installment> next,
        BigDecimal dueOnNext) {

    public static PlanProgress of(List<Installment> installments, BigDecimal paidSinceStart, LocalDate asOf) {
        BigDecimal left = Money.of(paidSinceStart);
        BigDecimal overdue = Money.ZERO;
        int covered = 0;
        Installment next = null;
        BigDecimal dueOnNext = Money.ZERO;
        for (Installment installment : installments) {
            BigDecimal applied = Money.min(left.max(Money.ZERO), installment.amount());
            left = left.subtract(applied);
            BigDecimal open = installment.amount().subtract(applied);
            if (open.signum() == 0) {
                covered++;
            } else {
                if (installment.dueDate().isBefore(asOf)) {
                    overdue = overdue.add(open);
                }
                if (next == null) {
                    next = installment;
                    dueOnNext = open;
                }
            }
        }
        return new PlanProgress(covered, Money.of(paidSinceStart), overdue, Optional.ofNullable(next), dueOnNext);
    }

    /** What the patient has to pay by {@code date}: overdue installments plus those due by then. */
    public static BigDecimal dueBy(List<Installment> installments, BigDecimal paidSinceStart, LocalDate date) {
        BigDecimal scheduled = Money.sum(installments.stream()
                .filter(i -> !i.dueDate().isAfter(date))
                .map(Installment::amount)
                .toList());
        return scheduled.subtract(Money.of(paidSinceStart)).max(Money.ZERO);
    }

    public boolean missedPayment() {
        return overdue.signum() > 0;
    }
}
