package io.claimflow.patientbilling.claim;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The claims this service knows from ClaimSubmitted, and the patient account each belongs to, as the ledger asks for
 * them (the registry itself is claim's adapter).
 */
public interface KnownClaims {

    /** A known claim. */
    record ClaimRef(String tenantId, String claimId, String encounterId, long accountId) {}

    /** Serializes, for the rest of the transaction, everything that concerns one claim before it is known. */
    void lockClaimKey(String tenantId, String claimId);

    /** The advisory-lock key of the account a known claim belongs to; empty when the claim is not known. */
    String accountLockKeyOfClaim(String tenantId, String claimId);

    /** The known claim, its account locked for the rest of the transaction; empty when the claim is not known. */
    Optional<ClaimRef> findAndLockAccount(String tenantId, String claimId);

    /** The claim's total charge as submitted. */
    BigDecimal totalCharge(String tenantId, String claimId);
}
