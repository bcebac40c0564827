package io.claimflow.adjudication.response;

import io.claimflow.adjudication.x12.Remittance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posted remittances (deposits: one per payer and trace number), their claims, matched or not, and their
 * provider-level adjustments (PLB).
 */
public interface Remittances {

    /** The deposit posted with this payer and trace number, with its claims and PLBs, to compare a reused trace. */
    Optional<Deposit> find(String payerKey, String traceNumber);

    Optional<Deposit> find(long id);

    /** Deposits with this trace number (any payer), newest first. */
    List<DepositSummary> byTraceNumber(String traceNumber, int limit);

    /** Records a deposit (BPR, TRN) before its claims. */
    long record(Remittance remittance, long interchangeId, String paymentMethod);

    void recordProviderAdjustment(long remittanceId, Remittance.ProviderAdjustment adjustment, String kind);

    /** Records one CLP of a deposit, the claim it was matched to (null when none) and what became of it. */
    void recordClaim(
            long remittanceId,
            String claimId,
            Remittance.ClaimPayment payment,
            String outcome,
            BigDecimal overpaidAmount,
            String matchedBy);

    /** Records CLPs of deposits ({@link #recordClaim} each), in this order, in one statement. */
    void recordClaims(List<NewClaim> claims);

    /** One CLP of a deposit to record, as {@link #recordClaim} takes it. */
    record NewClaim(
            long remittanceId,
            String claimId,
            Remittance.ClaimPayment payment,
            String outcome,
            BigDecimal overpaidAmount,
            String matchedBy) {}

    /**
     * {@link #paidChargeCovered} of each of these claims for every payer that paid it, in one read: by claim id,
     * then by payer id (a payer absent has covered nothing).
     */
    Map<String, Map<String, BigDecimal>> paidChargesCovered(Collection<String> claimIds);

    /**
     * Whether a CLP kept unmatched could be one of these claims' (same CLP01, CLP07 or member id): when none can, the
     * claims need no {@link #unmatchedCandidates} each.
     */
    boolean anyUnmatchedFor(Collection<String> claimIds);

    /**
     * The charges a claim's posted payments cover so far: CLP03 summed over the CLPs posted as paid (a reversal's
     * negative charge takes its payment's back), by this payer (REF*2U of the deposit; the claim's payer when the
     * deposit names none): a claim whose covered charge would pass its total is paid twice by that payer, while the
     * next payer of a crossover pays the same charges once more.
     */
    BigDecimal paidChargeCovered(String claimId, String payerId);

    /** CLPs kept unmatched that could be this claim's: same CLP01, CLP07 or member id (checked by the caller). */
    List<UnmatchedPayment> unmatchedCandidates(String patientControlNumber, String payerClaimNumber, String memberId);

    /** A CLP kept unmatched, matched now. */
    void matchLater(
            long remittanceClaimId, String claimId, String outcome, BigDecimal overpaidAmount, String matchedBy);

    /**
     * One CLP of a deposit, locked for this transaction (a second match of it waits, then sees it matched), with the
     * CLP as read; empty when there is no such CLP.
     */
    Optional<HeldClaim> lock(long remittanceClaimId);

    /** A CLP kept unmatched, matched by a person ({@code matched_by} MANUAL), with who and when. */
    void matchByHand(long remittanceClaimId, String claimId, String outcome, BigDecimal overpaidAmount, String user);

    /**
     * One CLP of a deposit as kept: the claim it was matched to (null while unmatched), how, and the CLP as read with
     * its deposit ({@code payment} null for a CLP posted before the CLP was kept for every claim).
     */
    record HeldClaim(
            long remittanceClaimId,
            long remittanceId,
            String claimId,
            String outcome,
            String matchedBy,
            String matchedByUser,
            UnmatchedPayment payment) {}

    List<UnmatchedClaim> unmatched(int limit);

    /** A remittance claim (CLP) that matched no claim the gateway sent. */
    record UnmatchedClaim(
            long remittanceId,
            String payerKey,
            String traceNumber,
            String patientControlNumber,
            String payerClaimNumber,
            String statusCode,
            BigDecimal charge,
            BigDecimal paid,
            long interchangeId,
            long remittanceClaimId) {}

    /** An unmatched CLP as it came, with the deposit it came in (to post it when its claim is found). */
    record UnmatchedPayment(
            long remittanceClaimId, long interchangeId, Remittance deposit, Remittance.ClaimPayment payment) {}

    /** A deposit in a list. */
    record DepositSummary(
            long id,
            String payerKey,
            String traceNumber,
            BigDecimal paymentAmount,
            String creditDebit,
            LocalDate paymentDate,
            int claimCount,
            Instant postedAt) {}

    /**
     * A deposit: the payment (BPR02, negative for a debit), its claims and its provider-level adjustments; it
     * reconciles when the claims' payments less the PLB amounts equal the payment.
     */
    record Deposit(
            long id,
            String payerKey,
            String traceNumber,
            long interchangeId,
            String payerId,
            String payerName,
            BigDecimal paymentAmount,
            String paymentMethod,
            LocalDate paymentDate,
            Instant postedAt,
            List<DepositClaim> claims,
            List<DepositAdjustment> providerAdjustments) {

        public BigDecimal claimPayments() {
            return claims.stream().map(DepositClaim::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal providerAdjustmentTotal() {
            return providerAdjustments.stream().map(DepositAdjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public boolean reconciled() {
            return claimPayments().subtract(providerAdjustmentTotal()).compareTo(paymentAmount) == 0;
        }
    }

    /**
     * One CLP of a deposit: the claim it paid (null when unmatched), the outcome and any overpaid amount, how it was
     * matched (and by whom, when by hand), and the CLP as read (claim and line adjustments, remark codes; null for a
     * CLP posted before the gateway kept it).
     */
    record DepositClaim(
            String claimId,
            String patientControlNumber,
            String payerClaimNumber,
            String statusCode,
            BigDecimal charge,
            BigDecimal paid,
            BigDecimal patientResponsibility,
            String outcome,
            BigDecimal overpaidAmount,
            String matchedBy,
            String matchedByUser,
            Remittance.ClaimPayment adjudication) {}

    /** One PLB adjustment of a deposit; kind from its reason code (INTEREST, RECOUPMENT, FORWARD_BALANCE, ...). */
    record DepositAdjustment(
            String providerId,
            LocalDate fiscalPeriodDate,
            String reasonCode,
            String kind,
            String reference,
            BigDecimal amount) {}
}
