package io.claimflow.claim.model;

/** A change of claim state that the state machine does not allow (REST answers 409). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String claimId, ClaimStatus from, ClaimStatus to) {
        super("Claim " + claimId + " is " + from + " and cannot become " + to + " (allowed: " + from.next() + ")");
    }

    public IllegalTransitionException(String message) {
        super(message);
    }
}
