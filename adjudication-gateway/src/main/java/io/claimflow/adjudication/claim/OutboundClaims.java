package io.claimflow.adjudication.claim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The claims the gateway holds: the durable send queue and the record responses are matched against. */
public interface OutboundClaims {

    /** Queues the claim; false when a claim with its id is already held (nothing changes then). */
    boolean enqueue(OutboundClaim claim);

    /** Payers that have queued claims. */
    List<String> payersWithQueuedClaims();

    /** When the oldest queued claim of the payer was queued. */
    Optional<Instant> oldestQueued(String payerId);

    /** Up to {@code limit} queued claims of the payer, oldest first, locked for this transaction. */
    List<OutboundClaim> lockQueued(String payerId, int limit);

    void markBatched(String claimId, long interchangeId, long transactionControlNumber);

    Optional<SentClaim> byTransactionControlNumber(long transactionControlNumber);

    /** The most recently queued claim with this patient control number. */
    Optional<SentClaim> byPatientControlNumber(String patientControlNumber);

    Optional<SentClaim> byClaimId(String claimId);

    void updateStatus(String claimId, ClaimStatus status, String payerClaimNumber);

    /** Claims per status, for metrics and REST. */
    java.util.Map<ClaimStatus, Long> countByStatus();

    /** All claims of an interchange. */
    List<SentClaim> inInterchange(long interchangeId);
}
