package io.claimflow.claim.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Remittances posted to claims (port). */
public interface Payments {

    /** A posted remittance. */
    record PostedPayment(
            String claimId,
            String eventId,
            String payerId,
            String traceNumber,
            String claimStatusCode,
            String payerClaimNumber,
            LocalDate paymentDate,
            BigDecimal chargeAmount,
            BigDecimal paidAmount,
            BigDecimal patientResponsibility,
            BigDecimal adjustedAmount,
            BigDecimal deniedAmount,
            Instant postedAt,
            BigDecimal priorPayerAmount) {}

    /** Records the remittance; false when the same payer's remittance (trace number, claim status) is posted already. */
    boolean record(PostedPayment payment);

    /**
     * Records the first remittance of a claim known to have none posted (read under the claim's lock in this
     * transaction, none held back for it since): it cannot be posted already, so it may be held and written with the
     * transaction's others when it commits (issue 22). This default records it at once.
     */
    default void recordFirst(PostedPayment payment) {
        record(payment);
    }

    /** Whether this transaction holds back a remittance of the claim ({@link #recordFirst}), not yet written. */
    default boolean holdsFor(String claimId) {
        return false;
    }

    /** The claim's posted remittances, in posting order (with those this transaction holds back). */
    List<PostedPayment> forClaim(String claimId);
}
