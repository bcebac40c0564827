package io.claimflow.adjudication.submission;

/** The payer could not be reached or refused for now (timeout, 5xx, open circuit, rate limit, full bulkhead). */
public class PayerUnavailableException extends RuntimeException {

    private final boolean circuitOpen;

    public PayerUnavailableException(String message, boolean circuitOpen, Throwable cause) {
        super(message, cause);
        this.circuitOpen = circuitOpen;
    }

    /** True when the call was not even tried because the payer's circuit breaker is open. */
    public boolean circuitOpen() {
        return circuitOpen;
    }
}
