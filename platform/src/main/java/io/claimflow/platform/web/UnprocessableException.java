package io.claimflow.platform.web;

import org.springframework.http.HttpStatus;

/** The request is well-formed but breaks a business rule (422), e.g. a payment larger than the balance. The message is the problem's detail: ids only, never patient data. */
public class UnprocessableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** With the detail for the caller. */
    public UnprocessableException(String detail) {
        super(detail);
    }

    /** With the detail for the caller and a cause (not shown to the caller). */
    public UnprocessableException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    @Override
    public String title() {
        return "Unprocessable";
    }
}
