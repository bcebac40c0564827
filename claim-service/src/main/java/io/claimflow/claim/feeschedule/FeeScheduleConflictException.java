package io.claimflow.claim.feeschedule;

import io.claimflow.platform.web.ConflictException;

/** A price change that would overlap another price (REST answers 409). */
public class FeeScheduleConflictException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public FeeScheduleConflictException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not allowed in the claim's current state";
    }
}
