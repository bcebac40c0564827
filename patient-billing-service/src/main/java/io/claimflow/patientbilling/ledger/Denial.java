package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An adjudicated denial (from ClaimDenied) in ledger terms: what of it the payer put on the patient (PR group
 * adjustments at claim and line level). Front-end rejections never make the patient responsible, and neither does a
 * denial of some lines of a claim the same 835 paid ({@code paidInSameRemittance}): that payment's remittance carries
 * the claim's whole patient share, so the ledger is the same whichever of the two arrives first.
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
        PatientShare patientShare,
        boolean paidInSameRemittance) {

    public Denial {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(deniedOn, "deniedOn");
        totalCharge = Money.of(totalCharge);
        Objects.requireNonNull(patientShare, "patientShare");
    }

    /** Whether the denial itself can put anything on the patient's ledger (see above). */
    public boolean movesMoney() {
        return adjudicated && !paidInSameRemittance;
    }
}
