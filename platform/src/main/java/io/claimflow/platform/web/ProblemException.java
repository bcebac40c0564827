package io.claimflow.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served for a reason the caller should hear about. The platform's
 * {@link ProblemDetailsAdvice} answers it as an RFC 9457 problem detail with the exception's status and title, and its
 * message as {@code detail}: name ids only, never patient data.
 */
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the detail for the caller. */
    protected ProblemException(String detail) {
        super(detail);
    }

    /** With the detail for the caller and a cause (not shown to the caller). */
    protected ProblemException(String detail, Throwable cause) {
        super(detail, cause);
    }

    /** The response status. */
    public abstract HttpStatus status();

    /** The problem's title. */
    public abstract String title();

    /**
     * Further members of the problem detail (RFC 9457 extension members), e.g. the reasons a claim is refused; none
     * by default. Ids and rule ids only, never a value the caller sent.
     */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
