package io.claimflow.patientbilling.ledger.adapter;

/**
 * A payer's answer for a claim whose ClaimSubmitted this service has not seen (yet). Retryable: the claim may be
 * registered a moment later; after the retries the event goes to the dead-letter topic, to be replayed.
 */
class UnknownClaimException extends RuntimeException {

    UnknownClaimException(String tenantId, String claimId) {
        super("claim " + claimId + " of tenant " + tenantId + " is not known (no ClaimSubmitted seen)");
    }
}
