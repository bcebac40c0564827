package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A payer's remittance for one claim (from PaymentPosted), in ledger terms. {@code otherAdjustments} are the OA, PI
 * and CR adjustments; a remittance balances when charge = paid + contractual + other adjustments + patient share.
 * {@code payerName} is the remitting payer; {@code nextPayerName} the payer that answers next for the visit
 * (coordination of benefits), null when this one is the last.
 */
public record Remittance(
        String eventId,
        String tenantId,
        String encounterId,
        String claimId,
        String traceNumber,
        Status status,
        String statusCode,
        LocalDate paymentDate,
        BigDecimal charge,
        BigDecimal paid,
        BigDecimal contractualAdjustment,
        BigDecimal otherAdjustments,
        PatientShare patientShare,
        BigDecimal reportedPatientTotal,
        String payerName,
        String nextPayerName) {

    /** Whether a later payer answers for the visit after this one: then the patient's share is pending with it. */
    public boolean hasNextPayer() {
        return nextPayerName != null;
    }

    /**
     * This remittance posted on the ledger of {@code ledgerClaimId} (the visit's primary claim) as a later payer's:
     * a secondary or tertiary payer's claim never charges the visit again, whatever claim status its payer reports
     * (its denial leaves the patient's share pending with it while the denial is worked).
     */
    public Remittance asLaterPayerOn(String ledgerClaimId) {
        Status later = status == Status.PRIMARY ? Status.SECONDARY : status;
        return new Remittance(
                eventId,
                tenantId,
                encounterId,
                ledgerClaimId,
                traceNumber,
                later,
                statusCode,
                paymentDate,
                charge,
                paid,
                contractualAdjustment,
                otherAdjustments,
                patientShare,
                reportedPatientTotal,
                payerName,
                nextPayerName);
    }

    /** How the payer processed the claim (CLP02). */
    public enum Status {
        PRIMARY,
        SECONDARY,
        DENIED,
        REVERSAL,
        /** Not a payment: predetermination, not our claim. Posts nothing. */
        NO_PAYMENT,
        /** A status this service does not know how to post. */
        UNKNOWN
    }

    public Remittance {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(traceNumber, "traceNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(paymentDate, "paymentDate");
        charge = Money.of(charge);
        paid = Money.of(paid);
        contractualAdjustment = Money.of(contractualAdjustment);
        otherAdjustments = Money.of(otherAdjustments);
        reportedPatientTotal = Money.of(reportedPatientTotal);
        Objects.requireNonNull(patientShare, "patientShare");
    }

    /**
     * @throws IllegalArgumentException when the patient share does not add up to its reported total, or the
     *     charge is not the payment plus all adjustments
     */
    public void requireBalanced() {
        if (patientShare.total().compareTo(reportedPatientTotal) != 0) {
            throw new IllegalArgumentException("remittance for claim " + claimId
                    + ": patient responsibility parts sum to "
                    + patientShare.total().toPlainString() + ", total says " + reportedPatientTotal.toPlainString());
        }
        BigDecimal accounted =
                paid.add(contractualAdjustment).add(otherAdjustments).add(patientShare.total());
        if (charge.compareTo(accounted) != 0) {
            throw new IllegalArgumentException("remittance for claim " + claimId + " does not balance: charge "
                    + charge.toPlainString() + " but paid plus adjustments is " + accounted.toPlainString());
        }
    }
}
