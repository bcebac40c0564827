package io.claimflow.patientbilling.plan;

import io.claimflow.patientbilling.ledger.Money;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One installment of a payment plan. */
public record Installment(int number, LocalDate dueDate, BigDecimal amount) {

    public Installment {
        amount = Money.cents(amount);
    }
}
