package io.claimflow.patientbilling.account.adapter;

/**
 * A request that conflicts with what is recorded (an idempotency key reused for another payment, a second plan): the
 * platform's 409. Ids only, never patient data or a value the caller sent.
 */
public class ConflictException extends io.claimflow.platform.web.ConflictException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
