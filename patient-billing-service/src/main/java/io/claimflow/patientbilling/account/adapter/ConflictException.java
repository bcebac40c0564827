package io.claimflow.patientbilling.account.adapter;

/** A request that conflicts with what is recorded (an idempotency key reused for another payment, a second plan): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
