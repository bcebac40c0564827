package io.claimflow.patientbilling.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where patient payments, their reversals and refunds of patient credit are recorded (each with its journal entry). */
public interface PaymentRecords {

    /** A recorded payment, with its reversal when it was reversed. */
    record StoredPayment(
            long id,
            long accountId,
            long journalEntryId,
            BigDecimal amount,
            String method,
            String reference,
            LocalDate receivedOn,
            Instant recordedAt,
            String requestHash,
            StoredReversal reversal) {}

    /** A payment's reversal: its journal entry, why, by whom and when. */
    record StoredReversal(long journalEntryId, String reason, String reversedBy, Instant reversedAt) {}

    /** A payment to record. */
    record NewPayment(
            String tenantId,
            long accountId,
            String idempotencyKey,
            String requestHash,
            BigDecimal amount,
            String method,
            String reference,
            LocalDate receivedOn,
            long journalEntryId) {}

    /** A recorded refund of patient credit. */
    record StoredRefund(
            long id,
            long journalEntryId,
            BigDecimal amount,
            String method,
            String reason,
            String refundedBy,
            String requestHash) {}

    /** A refund to record. */
    record NewRefund(
            String tenantId,
            long accountId,
            String idempotencyKey,
            String requestHash,
            BigDecimal amount,
            String method,
            String reason,
            long journalEntryId,
            String refundedBy) {}

    Optional<StoredPayment> paymentByKey(long accountId, String idempotencyKey);

    Optional<StoredPayment> payment(long accountId, long paymentId);

    /** The account's payments, newest first. */
    List<StoredPayment> payments(long accountId, int limit);

    /** Records a payment; returns its id. */
    long save(NewPayment payment);

    void saveReversal(long paymentId, long journalEntryId, String reason, String reversedBy);

    Optional<StoredRefund> refundByKey(long accountId, String idempotencyKey);

    void save(NewRefund refund);
}
