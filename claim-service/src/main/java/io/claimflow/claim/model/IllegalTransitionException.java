package io.claimflow.claim.model;

import io.claimflow.platform.web.ConflictException;

/** A change of claim state that the state machine does not allow (REST answers 409). */
public class IllegalTransitionException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String claimId, ClaimStatus from, ClaimStatus to) {
        super("Claim " + claimId + " is " + from + " and cannot become " + to + " (allowed: " + from.next() + ")");
    }

    public IllegalTransitionException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not allowed in the claim's current state";
    }
}
