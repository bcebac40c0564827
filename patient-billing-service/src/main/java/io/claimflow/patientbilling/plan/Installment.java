package io.claimflow.patientbilling.plan;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One installment of a payment plan. */
public record Installment(int number, LocalDate dueDate, BigDecimal amount) {

    public Installment {
        amount = Money.of(amount);
    }
}
