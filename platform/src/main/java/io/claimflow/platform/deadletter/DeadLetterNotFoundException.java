package io.claimflow.platform.deadletter;

/** The dead-letter topic, partition or offset asked for does not exist (or is no longer retained). */
public class DeadLetterNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming what was not found. */
    public DeadLetterNotFoundException(String message) {
        super(message);
    }
}
