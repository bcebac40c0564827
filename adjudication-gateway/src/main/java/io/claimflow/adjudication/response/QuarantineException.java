package io.claimflow.adjudication.response;

/** A received file must be quarantined, for the reason given; thrown before anything of it is posted. */
public class QuarantineException extends RuntimeException {

    public QuarantineException(String reason) {
        super(reason);
    }

    public QuarantineException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
