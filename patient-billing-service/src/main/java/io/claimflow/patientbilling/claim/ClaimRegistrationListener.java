package io.claimflow.patientbilling.claim;

/**
 * Told, inside the transaction that registers a claim from ClaimSubmitted, that the claim is now known; the ledger
 * uses it to post answers that arrived before the claim (see the ledger adapter's parked answers).
 */
public interface ClaimRegistrationListener {

    /**
     * The claim has just been registered (or was already known) and answers wait for it (its registration found some
     * in the statement that records it: issue 22, the look was a statement of its own for every claim); runs in the
     * registering transaction.
     */
    void claimRegistered(String tenantId, String claimId);

    /**
     * {@code byClaimId}, just registered, replaces (frequency 7) or voids (frequency 8) {@code claimId}; runs in the
     * registering transaction, once per replacement.
     */
    default void claimSuperseded(String tenantId, String claimId, String byClaimId, java.time.LocalDate on) {}

    /**
     * The claim, just registered from ClaimBilledToPatient (a self-pay visit), is the patient's to pay in full; runs
     * in the registering transaction.
     */
    default void claimBilledToPatient(String tenantId, String claimId, String eventId, java.time.LocalDate on) {}
}
