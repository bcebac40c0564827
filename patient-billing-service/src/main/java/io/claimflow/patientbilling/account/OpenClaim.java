package io.claimflow.patientbilling.account;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the patient owes on one claim now, and since when the patient has been responsible for it (the date of the
 * first posting that made the patient responsible). A negative balance is money the patient paid beyond it.
 */
public record OpenClaim(String claimId, BigDecimal balance, LocalDate responsibleSince) {

    public OpenClaim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(responsibleSince, "responsibleSince");
        balance = Money.of(balance);
    }
}
