package io.claimflow.adjudication.claim;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The claims the gateway holds: the durable send queue and the record responses are matched against. */
public interface OutboundClaims {

    /**
     * Queues the claim as a new submission: a claim id not held yet is {@link Enqueued#NEW}; a claim held already
     * and released again (a new ClaimSubmitted event: corrected after a rejection, a replacement or a void) is
     * {@link Enqueued#RESUBMITTED}: its content is replaced and it waits for a new interchange, its earlier
     * submissions kept; the same ClaimSubmitted event again is {@link Enqueued#DUPLICATE} and changes nothing.
     */
    Enqueue enqueue(OutboundClaim claim);

    /**
     * What {@link #enqueue} did, and whether a CLP kept unmatched (an 835 that came before the claim) may be the
     * claim's: false when none can be, so nothing is to be matched now; true when one may be (or it was not looked).
     */
    record Enqueue(Enqueued outcome, boolean keptPaymentsMayMatch) {}

    /** What {@link #enqueue} did. */
    enum Enqueued {
        NEW,
        RESUBMITTED,
        DUPLICATE
    }

    /** Every submission of the claim, oldest first. */
    List<Submission> submissions(String claimId);

    /**
     * One submission of a claim (one ClaimSubmitted event): its frequency, total, the claim's status when it came,
     * and the interchange and transaction set that carried it (null while queued).
     */
    record Submission(
            String submittedEventId,
            String frequency,
            java.math.BigDecimal totalCharge,
            String previousStatus,
            Long interchangeId,
            Long transactionControlNumber,
            Instant queuedAt) {}

    /** The payers that have queued claims, each with when its oldest queued claim was queued, in one read. */
    Map<String, Instant> oldestQueuedPerPayer();

    /** Up to {@code limit} queued claims of the payer, oldest first, locked for this transaction. */
    List<OutboundClaim> lockQueued(String payerId, int limit);

    void markBatched(String claimId, long interchangeId, long transactionControlNumber);

    /**
     * Marks the claims batched into the interchange, each with its transaction set control number (ST02), in one
     * statement per table.
     */
    void markBatched(long interchangeId, Map<String, Long> transactionControlNumbers);

    /**
     * The claim whose submission went in this transaction set (ST02), also when it has been submitted again since:
     * compare {@link SentClaim#transactionControlNumber()} to tell the current submission from an earlier one.
     */
    Optional<SentClaim> byTransactionControlNumber(long transactionControlNumber);

    /**
     * The claims whose submissions went in these transaction sets (ST02), by ST02, in one read; like
     * {@link #byTransactionControlNumber} each.
     */
    Map<Long, SentClaim> byTransactionControlNumbers(Collection<Long> transactionControlNumbers);

    /** The most recently queued claim (not queued now) per patient control number, in one read. */
    Map<String, SentClaim> byPatientControlNumbers(Collection<String> patientControlNumbers);

    /** Claims by id, in one read. */
    Map<String, SentClaim> byClaimIds(Collection<String> claimIds);

    /** The status of each claim of the interchange, by claim id (the claims themselves not read). */
    Map<String, ClaimStatus> statusesInInterchange(long interchangeId);

    /** The most recently queued claim with this patient control number. */
    Optional<SentClaim> byPatientControlNumber(String patientControlNumber);

    Optional<SentClaim> byClaimId(String claimId);

    /** The claim the payer knows by this claim number (CLP07, given by its 277CA), when exactly one has it. */
    Optional<SentClaim> byPayerClaimNumber(String payerClaimNumber);

    /** Claims sent (not queued) for this member id, newest first (at most 50). */
    List<SentClaim> byMemberId(String memberId);

    void updateStatus(String claimId, ClaimStatus status, String payerClaimNumber);

    /**
     * The claims' new statuses in one statement, as {@link #updateStatus} one after another would leave them: a claim
     * named twice ends with its last status and its last payer claim number given.
     */
    void updateStatuses(List<StatusChange> changes);

    /** A claim's new status and the payer claim number learnt with it (null: the one held stays). */
    record StatusChange(String claimId, ClaimStatus status, String payerClaimNumber) {}

    /** Records the payer the claim was forwarded to by a crossover (CLP02 19-21, NM1*TT). */
    void recordCrossover(String claimId, String payerId, String payerName);

    /** The payer the claim was last forwarded to by a crossover, when it was. */
    Optional<Notices.NextPayer> crossoverPayer(String claimId);

    /** Claims per status, for metrics and REST. */
    java.util.Map<ClaimStatus, Long> countByStatus();

    /** All claims of an interchange. */
    List<SentClaim> inInterchange(long interchangeId);

    /**
     * The ids of the claims whose current submission is in the interchange, locked for this transaction (a claim released
     * again meanwhile has left it, and waits for the lock while the interchange is being sent).
     */
    List<String> lockInInterchange(long interchangeId);

    /** Puts a batched claim back in the send queue (its place in the queue kept), out of its interchange. */
    void requeue(String claimId);
}
