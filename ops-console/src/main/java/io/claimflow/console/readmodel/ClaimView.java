package io.claimflow.console.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A claim as the read model knows it: current state and money, from its events. */
public record ClaimView(
        String claimId,
        String encounterId,
        String tenantId,
        String patientControlNumber,
        String payerId,
        String payerName,
        String frequency,
        String replacedClaimId,
        int codingVersion,
        String state,
        Instant submittedAt,
        LocalDate dateOfService,
        BigDecimal totalCharge,
        BigDecimal paidAmount,
        BigDecimal patientResponsibility,
        BigDecimal contractualAdjustment,
        int denialCount,
        boolean frontEndRejected,
        String lastDenialCategory,
        String lastDenialCarcs,
        Instant firstAnswerAt,
        Instant lastPaidAt,
        Instant documentedAt,
        Instant encounterFirstPaidAt) {

    /** What is still owed on the claim by anyone: charge less payer payments, contractual and patient share. */
    public BigDecimal openBalance() {
        if ("REPLACED".equals(state) || "VOIDED".equals(state)) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal open =
                totalCharge.subtract(paidAmount).subtract(contractualAdjustment).subtract(patientResponsibility);
        return open.signum() < 0 ? BigDecimal.ZERO.setScale(2) : open;
    }

    /** An original claim (frequency 1), as opposed to a replacement or a void. */
    public boolean original() {
        return "ORIGINAL".equals(frequency);
    }
}
