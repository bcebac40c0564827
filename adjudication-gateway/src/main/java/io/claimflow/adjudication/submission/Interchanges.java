package io.claimflow.adjudication.submission;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Interchanges sent and received, each with its raw file, and each claim's X12 history. */
public interface Interchanges {

    /** Stores an outbound 837P interchange, queued for sending now. */
    long storeOutbound(
            String payerId, String senderId, String receiverId, long isa, long gs, byte[] raw, int claimCount);

    /** Ids of outbound interchanges due for (another) sending attempt, oldest first. */
    List<Long> dueForSending(Instant now, int limit);

    /** Whether any outbound interchange is queued (due now or backing off after a failed attempt). */
    boolean anyQueuedOutbound();

    /** The queued outbound interchange, locked for this transaction; empty when another worker has it or it left. */
    Optional<Outbound> lockQueued(long id);

    void markSent(long id, Instant at);

    void markAttemptFailed(long id, String reason, Instant nextAttemptAt);

    void updateStatus(long id, String status);

    /** The outbound interchange with this group control number (GS06), as a 999 names it. */
    Optional<InterchangeRecord> outboundByGroupControlNumber(long gs);

    /** The outbound interchange with this interchange control number (ISA13), as a TA1 names it. */
    Optional<InterchangeRecord> outboundByInterchangeControlNumber(long isa);

    /** Records a TA1's acknowledgment code (TA104) and note code (TA105) on the outbound interchange. */
    void recordTa1(long id, String code, String noteCode);

    /**
     * Stores a received file as it came, with {@code status}; but when a file with the same content was processed
     * already (posted, acknowledged, duplicate) as {@code DUPLICATE} (type UNKNOWN, no envelope ids) instead, to change
     * nothing: the check and the insert in one statement.
     */
    StoredInbound storeInbound(
            String transactionType,
            String source,
            String senderId,
            String receiverId,
            Long isa,
            byte[] raw,
            String status);

    /** A received file as stored: its id, and whether it repeats one processed before (stored as DUPLICATE). */
    record StoredInbound(long id, boolean duplicate) {}

    void updateInbound(long id, String transactionType, String status, String lastError);

    /** Records a step of a claim's X12 history (written with the transaction's other steps, at its commit). */
    void recordClaimEvent(String claimId, long interchangeId, String transactionType, String outcome, String detail);

    /**
     * Records steps of claims' X12 histories, in this order; a transaction's steps are written together in one
     * statement just before it commits ({@link #history} sees them before).
     */
    void recordClaimEvents(List<NewClaimEvent> events);

    /** A step of a claim's X12 history, to record. */
    record NewClaimEvent(String claimId, long interchangeId, String transactionType, String outcome, String detail) {}

    List<ClaimX12Event> history(String claimId);

    List<InterchangeRecord> list(String direction, String status, int limit);

    Optional<InterchangeRecord> find(long id);

    Optional<byte[]> raw(long id);

    /** Outbound interchanges per status, for metrics and REST. */
    java.util.Map<String, Long> outboundCountByStatus();

    /** SHA-256 of a file's content, hex; how a repeated file is recognised. */
    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Withdraws an outbound interchange that was never sent (status {@code WITHDRAWN}): it is not sent, and the
     * submissions it carried no longer name it.
     */
    void withdraw(long id);

    /** An outbound interchange to send, with the number of claims (transaction sets) it was written with. */
    record Outbound(long id, String payerId, byte[] raw, int attempts, int claimCount) {}

    /** One step of a claim's X12 history. */
    record ClaimX12Event(long interchangeId, String transactionType, String outcome, String detail, Instant at) {}
}
