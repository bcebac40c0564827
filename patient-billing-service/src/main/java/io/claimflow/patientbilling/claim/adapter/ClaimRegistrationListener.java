package io.claimflow.patientbilling.claim.adapter;

/**
 * Told, inside the transaction that registers a claim from ClaimSubmitted, that the claim is now known; the ledger
 * uses it to post answers that arrived before the claim (see the ledger adapter's parked answers).
 */
public interface ClaimRegistrationListener {

    /** The claim has just been registered (or was already known); runs in the registering transaction. */
    void claimRegistered(String tenantId, String claimId);
}
