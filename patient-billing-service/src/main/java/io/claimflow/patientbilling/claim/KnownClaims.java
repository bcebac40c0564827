package io.claimflow.patientbilling.claim;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

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

    /** A claim by its key: tenant and claim id. */
    record ClaimKey(String tenantId, String claimId) {}

    /** Serializes, for the rest of the transaction, everything that concerns one claim before it is known. */
    void lockClaimKey(String tenantId, String claimId);

    /** The advisory-lock key of the account a known claim belongs to; empty when the claim is not known. */
    String accountLockKeyOfClaim(String tenantId, String claimId);

    /**
     * The lock keys of a poll's claims (the answers of one listener poll, {@code TransactionalBatches}' lock key
     * function; issue 22: a statement per answer before): its first call in a transaction reads the keys of all the
     * poll's claims in one statement (an unknown claim's is empty), and then the transaction's first
     * {@link #findAndLockAccount} of one of them reads all the known ones with their accounts locked in one statement,
     * which the rest of the transaction's {@link #findAndLockAccount} calls for them answer from. Meant for a
     * transaction that holds the lock keys' advisory locks first (no registration of the accounts' claims can change
     * them while it runs) and registers no claim itself.
     */
    Function<ClaimKey, String> pollLockKeys(Collection<ClaimKey> claims);

    /**
     * The known claim, its account locked for the rest of the transaction; empty when the claim is not known. In a
     * transaction of a poll ({@link #pollLockKeys}), read with the poll's other known claims.
     */
    Optional<ClaimRef> findAndLockAccount(String tenantId, String claimId);

    /**
     * The ledgers (their claims' keys: the claim itself, or a later payer's claim's visit ledger when that claim is
     * one of the poll's too) of the current transaction's poll's claims read with their accounts locked
     * ({@link #pollLockKeys}); empty before that read or outside a poll.
     */
    default java.util.List<ClaimKey> pollLedgers() {
        return java.util.List.of();
    }

    /**
     * As {@link #findAndLockAccount}, always read again: after its first read waited for the account's lock, a
     * registration that committed meanwhile may have changed the claim.
     */
    default Optional<ClaimRef> findAndLockAccountAgain(String tenantId, String claimId) {
        return findAndLockAccount(tenantId, claimId);
    }

    /** Records the payer the claim's patient share is pending with (null: none pending). */
    void pendingWith(String tenantId, String claimId, String payerName);
}
