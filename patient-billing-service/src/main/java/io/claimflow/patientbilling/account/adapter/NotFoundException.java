package io.claimflow.patientbilling.account.adapter;

/** A patient account, statement or plan that does not exist: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
