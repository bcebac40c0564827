package io.claimflow.platform.web;

import org.springframework.http.HttpStatus;

/** The resource asked for does not exist (404), e.g. {@code new NotFoundException("No claim " + claimId)}. The message is the problem's detail: ids only, never patient data. */
public class NotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** With the detail for the caller. */
    public NotFoundException(String detail) {
        super(detail);
    }

    /** With the detail for the caller and a cause (not shown to the caller). */
    public NotFoundException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
