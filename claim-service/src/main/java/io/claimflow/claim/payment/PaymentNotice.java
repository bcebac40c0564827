package io.claimflow.claim.payment;

import io.claimflow.claim.denial.AdjustmentCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A payer's remittance for one claim, mapped from PaymentPosted at the edge.
 *
 * @param payerName the paying payer's name (for the next payer's claim, loop 2330B)
 * @param forwarded whether the payer forwarded the claim to the next payer itself (CLP02 19-21, crossover)
 * @param nextPayerId the payer that answers next for this visit (coordination of benefits); null when this payer is
 *     the last
 */
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
        List<LineOutcome> lines,
        String payerName,
        boolean forwarded,
        String nextPayerId,
        String nextPayerName) {

    /** A remittance of the visit's last payer, as the tests of single-payer claims write it. */
    public PaymentNotice(
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
        this(
                eventId,
                occurredAt,
                encounterId,
                claimId,
                payerId,
                payerClaimNumber,
                traceNumber,
                claimStatusCode,
                kind,
                paymentDate,
                chargeAmount,
                paidAmount,
                patientResponsibility,
                claimAdjustments,
                lines,
                payerId,
                false,
                null,
                null);
    }

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
            List<AdjustmentCode> adjustments,
            List<String> modifiers,
            int units,
            BigDecimal allowedAmount,
            List<String> remarkCodes) {

        public LineOutcome {
            adjustments = List.copyOf(adjustments);
            modifiers = List.copyOf(modifiers);
            remarkCodes = List.copyOf(remarkCodes);
        }

        public LineOutcome(
                Integer lineNumber,
                String procedureCode,
                BigDecimal chargeAmount,
                BigDecimal paidAmount,
                List<AdjustmentCode> adjustments) {
            this(lineNumber, procedureCode, chargeAmount, paidAmount, adjustments, List.of(), 1, null, List.of());
        }
    }

    /** Whether a later payer answers for this visit after this one. */
    public boolean hasNextPayer() {
        return nextPayerId != null && !nextPayerId.isBlank();
    }

    /** Whether the payer adjudicated the claim as the secondary or tertiary payer (CLP02 2, 3, 20, 21). */
    public boolean asLaterPayer() {
        return switch (claimStatusCode) {
            case "2", "3", "20", "21" -> true;
            default -> false;
        };
    }

    public PaymentNotice {
        claimAdjustments = List.copyOf(claimAdjustments);
        lines = List.copyOf(lines);
    }
}
