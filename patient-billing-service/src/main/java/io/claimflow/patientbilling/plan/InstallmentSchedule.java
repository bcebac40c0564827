package io.claimflow.patientbilling.plan;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a balance into monthly installments that sum to it exactly: every installment is the balance divided by
 * the count, rounded down to the cent, and the remainder cents go to the <em>first</em> installment (so the patient
 * pays the odd cents up front and the later ones are all equal).
 */
public final class InstallmentSchedule {

    public static final int MIN_INSTALLMENTS = 2;
    public static final int MAX_INSTALLMENTS = 60;

    private InstallmentSchedule() {}

    /**
     * @throws IllegalArgumentException when the total is not positive, the count is outside 2..60, or the total is
     *     too small to give every installment at least a cent
     */
    public static List<Installment> split(BigDecimal total, int count, LocalDate firstDueDate) {
        BigDecimal amount = Money.of(total);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payment plan needs a positive balance");
        }
        if (count < MIN_INSTALLMENTS || count > MAX_INSTALLMENTS) {
            throw new IllegalArgumentException("a payment plan has " + MIN_INSTALLMENTS + " to " + MAX_INSTALLMENTS
                    + " installments, not " + count);
        }
        BigDecimal each = amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN);
        if (each.signum() == 0) {
            throw new IllegalArgumentException(
                    "a balance of " + amount.toPlainString() + " cannot be split into " + count + " installments");
        }
        BigDecimal remainder = amount.subtract(each.multiply(BigDecimal.valueOf(count)));
        List<Installment> installments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            installments.add(new Installment(i + 1, firstDueDate.plusMonths(i), i == 0 ? each.add(remainder) : each));
        }
        return List.copyOf(installments);
    }
}
