package io.claimflow.adjudication.response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Posted remittances (one per payer and trace number) and their claims, matched or not. */
public interface Remittances {

    boolean exists(String payerKey, String traceNumber);

    long record(String payerKey, String traceNumber, long interchangeId, BigDecimal paymentAmount,
            String paymentMethod, LocalDate paymentDate, int claimCount);

    void recordClaim(long remittanceId, String claimId, String patientControlNumber, String payerClaimNumber,
            String statusCode, BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String outcome);

    List<UnmatchedClaim> unmatched(int limit);

    /** A remittance claim (CLP) that matched no claim the gateway sent. */
    record UnmatchedClaim(long remittanceId, String payerKey, String traceNumber, String patientControlNumber,
            String payerClaimNumber, String statusCode, BigDecimal charge, BigDecimal paid, long interchangeId) {
    }
}
