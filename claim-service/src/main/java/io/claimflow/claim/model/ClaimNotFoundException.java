package io.claimflow.claim.model;

/** No claim with that id (REST answers 404). */
public class ClaimNotFoundException extends RuntimeException {

    public ClaimNotFoundException(String claimId) {
        super("No claim " + claimId);
    }
}
