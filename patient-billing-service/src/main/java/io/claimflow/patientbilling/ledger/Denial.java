package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An adjudicated denial (from ClaimDenied) in ledger terms: what of it the payer put on the patient (PR group
 * adjustments at claim and line level). Front-end rejections never make the patient responsible.
 */
public record Denial(
        String eventId,
        String tenantId,
        String encounterId,
        String claimId,
        String traceNumber,
        boolean adjudicated,
        LocalDate deniedOn,
        BigDecimal totalCharge,
        PatientShare patientShare) {

    public Denial {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(deniedOn, "deniedOn");
        totalCharge = Money.of(totalCharge);
        Objects.requireNonNull(patientShare, "patientShare");
    }
}
