package io.claimflow.claim.feeschedule;

/** A price change that would overlap another price (REST answers 409). */
public class FeeScheduleConflictException extends RuntimeException {

    public FeeScheduleConflictException(String message) {
        super(message);
    }
}
