package io.claimflow.patientbilling.claim;

import java.util.Optional;

/**
 * The claims this service knows from ClaimSubmitted, and the patient account each belongs to, as the ledger asks for
 * them (the registry itself is claim's adapter).
 */
public interface KnownClaims {

    /**
     * A known claim. {@code ledgerClaimId} is the claim whose ledger carries the visit: the claim itself, or for a
     * later payer's claim (secondary, tertiary) the visit's primary claim, so the visit is charged once; null for a
     * later payer's claim whose visit has no primary claim known here yet (its answers wait).
     */
    record ClaimRef(String tenantId, String claimId, String encounterId, long accountId, String ledgerClaimId) {

        /** A later payer's claim registered before any primary claim of its visit: no ledger to post on yet. */
        public boolean awaitingPrimaryClaim() {
            return ledgerClaimId == null;
        }

        /** Whether this is a later payer's claim posting on the visit's primary claim's ledger. */
        public boolean laterPayersClaim() {
            return !claimId.equals(ledgerClaimId);
        }
    }

    /** Serializes, for the rest of the transaction, everything that concerns one claim before it is known. */
    void lockClaimKey(String tenantId, String claimId);

    /** The advisory-lock key of the account a known claim belongs to; empty when the claim is not known. */
    String accountLockKeyOfClaim(String tenantId, String claimId);

    /** The known claim, its account locked for the rest of the transaction; empty when the claim is not known. */
    Optional<ClaimRef> findAndLockAccount(String tenantId, String claimId);

    /** Records the payer the claim's patient share is pending with (null: none pending). */
    void pendingWith(String tenantId, String claimId, String payerName);
}
