package io.claimflow.platform.web;

import org.springframework.http.HttpStatus;

/** The request conflicts with the resource's current state (409), e.g. releasing a claim that was already released. The message is the problem's detail: ids only, never patient data. */
public class ConflictException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** With the detail for the caller. */
    public ConflictException(String detail) {
        super(detail);
    }

    /** With the detail for the caller and a cause (not shown to the caller). */
    public ConflictException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
