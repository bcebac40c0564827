package io.claimflow.patientbilling.account.adapter;

/** A patient account, statement or plan that does not exist: the platform's 404. Ids only, never patient data. */
public class NotFoundException extends io.claimflow.platform.web.NotFoundException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
