package io.claimflow.claim.payment;

import io.claimflow.claim.denial.AdjustmentCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A payer's remittance for one claim, mapped from PaymentPosted at the edge. */
public record PaymentNotice(
        String eventId,
        Instant occurredAt,
        String encounterId,
        String claimId,
        String payerId,
        String payerClaimNumber,
        String traceNumber,
        String claimStatusCode,
        Kind kind,
        LocalDate paymentDate,
        BigDecimal chargeAmount,
        BigDecimal paidAmount,
        BigDecimal patientResponsibility,
        List<AdjustmentCode> claimAdjustments,
        List<LineOutcome> lines) {

    /**
     * What the payer did with the claim (CLP02, coarsely): processed (1-3, 19-21), denied (4), reversal of a previous
     * payment (22), not our claim, forwarded (23), predetermination only, no payment (25), other.
     */
    public enum Kind {
        PROCESSED,
        DENIED,
        REVERSAL,
        NOT_OUR_CLAIM,
        PREDETERMINATION,
        OTHER
    }

    /** One line of the remittance. */
    public record LineOutcome(
            Integer lineNumber,
            String procedureCode,
            BigDecimal chargeAmount,
            BigDecimal paidAmount,
            List<AdjustmentCode> adjustments) {

        public LineOutcome {
            adjustments = List.copyOf(adjustments);
        }
    }

    public PaymentNotice {
        claimAdjustments = List.copyOf(claimAdjustments);
        lines = List.copyOf(lines);
    }
}
