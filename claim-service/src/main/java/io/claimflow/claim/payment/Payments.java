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

    List<PostedPayment> forClaim(String claimId);
}
